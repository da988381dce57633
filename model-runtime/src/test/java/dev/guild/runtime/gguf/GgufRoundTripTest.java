package dev.guild.runtime.gguf;

import dev.guild.runtime.tensor.GgmlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GgufRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void every_scalar_type_reads_back_in_the_contract_representation() throws IOException {
        GgufWriter w = GgufWriter.create();
        w.metadata()
                .putU8("u8", 255).putI8("i8", -128).putU16("u16", 65535).putI16("i16", -32768)
                .putU32("u32.small", 7).putU32("u32.big", 4_294_967_295L).putI32("i32", Integer.MIN_VALUE)
                .putF32("f32", 1.5e-5f).putBool("bool.t", true).putBool("bool.f", false)
                .putString("str", "Grüße 中文 🙂\n").putString("str.empty", "")
                .putU64("u64", -1L).putI64("i64", Long.MIN_VALUE).putF64("f64", Math.PI);
        Path file = dir.resolve("scalars.gguf");
        w.write(file);

        try (GgufFile gguf = GgufFile.open(file)) {
            Map<String, Object> map = gguf.metadata().asMap();
            assertThat(map.keySet()).containsExactly("u8", "i8", "u16", "i16", "u32.small", "u32.big", "i32", "f32",
                    "bool.t", "bool.f", "str", "str.empty", "u64", "i64", "f64");
            assertThat(map.get("u8")).isEqualTo(255);
            assertThat(map.get("i8")).isEqualTo(-128);
            assertThat(map.get("u16")).isEqualTo(65535);
            assertThat(map.get("i16")).isEqualTo(-32768);
            assertThat(map.get("u32.small")).isEqualTo(7);
            assertThat(map.get("u32.big")).isEqualTo(4_294_967_295L);
            assertThat(map.get("i32")).isEqualTo(Integer.MIN_VALUE);
            assertThat(map.get("f32")).isEqualTo(1.5e-5f);
            assertThat(map.get("bool.t")).isEqualTo(true);
            assertThat(map.get("bool.f")).isEqualTo(false);
            assertThat(map.get("str")).isEqualTo("Grüße 中文 🙂\n");
            assertThat(map.get("str.empty")).isEqualTo("");
            assertThat(map.get("u64")).isEqualTo(-1L);
            assertThat(map.get("i64")).isEqualTo(Long.MIN_VALUE);
            assertThat(map.get("f64")).isEqualTo(Math.PI);
            assertThat(gguf.metadata().entry("u64").orElseThrow().type()).isEqualTo(GgufValueType.UINT64);
            assertThat(gguf.version()).isEqualTo(3);
            assertThat(gguf.tensors()).isEmpty();
        }
    }

    @Test
    void every_array_type_reads_back_including_nested_and_empty_arrays() throws IOException {
        GgufWriter w = GgufWriter.create();
        w.metadata()
                .putArray("a.u8", GgufValueType.UINT8, new int[] {0, 200, 255})
                .putArray("a.i8", GgufValueType.INT8, new int[] {-128, 0, 127})
                .putArray("a.u16", GgufValueType.UINT16, new int[] {0, 65535})
                .putArray("a.i16", GgufValueType.INT16, new int[] {-32768, 32767})
                .putU32Array("a.u32", new int[] {1, -1})
                .putI32Array("a.i32", new int[] {Integer.MIN_VALUE, 3})
                .putF32Array("a.f32", new float[] {-0.0f, 1e30f, Float.NaN})
                .putBoolArray("a.bool", new boolean[] {true, false, true})
                .putStringArray("a.str", List.of("<s>", "▁Grüße", ""))
                .putU64Array("a.u64", new long[] {-1L, 5})
                .putI64Array("a.i64", new long[] {Long.MIN_VALUE})
                .putF64Array("a.f64", new double[] {2.5, -1e300})
                .putArray("a.nested", GgufValueType.ARRAY, List.of(
                        new GgufArray(GgufValueType.INT32, new int[] {1, 2}),
                        new GgufArray(GgufValueType.STRING, List.of("x")),
                        new GgufArray(GgufValueType.ARRAY, List.of(new GgufArray(GgufValueType.FLOAT32, new float[] {9f})))))
                .putI32Array("a.empty", new int[0]);
        Path file = dir.resolve("arrays.gguf");
        w.write(file);

        try (GgufFile gguf = GgufFile.open(file)) {
            GgufMetadata m = gguf.metadata();
            Map<String, Object> map = m.asMap();
            assertThat((int[]) map.get("a.u8")).containsExactly(0, 200, 255);
            assertThat((int[]) map.get("a.i8")).containsExactly(-128, 0, 127);
            assertThat((int[]) map.get("a.u16")).containsExactly(0, 65535);
            assertThat((int[]) map.get("a.i16")).containsExactly(-32768, 32767);
            assertThat((int[]) map.get("a.u32")).containsExactly(1, -1);
            assertThat(m.getLongArray("a.u32")).contains(new long[] {1, 4_294_967_295L});
            assertThat((int[]) map.get("a.i32")).containsExactly(Integer.MIN_VALUE, 3);
            float[] f = (float[]) map.get("a.f32");
            assertThat(Float.floatToRawIntBits(f[0])).isEqualTo(Float.floatToRawIntBits(-0.0f));
            assertThat(f[1]).isEqualTo(1e30f);
            assertThat(f[2]).isNaN();
            assertThat((boolean[]) map.get("a.bool")).containsExactly(true, false, true);
            assertThat(map.get("a.str")).isEqualTo(List.of("<s>", "▁Grüße", ""));
            assertThat((long[]) map.get("a.u64")).containsExactly(-1L, 5L);
            assertThat((long[]) map.get("a.i64")).containsExactly(Long.MIN_VALUE);
            assertThat((double[]) map.get("a.f64")).containsExactly(2.5, -1e300);
            List<?> nested = (List<?>) map.get("a.nested");
            assertThat((int[]) nested.get(0)).containsExactly(1, 2);
            assertThat(nested.get(1)).isEqualTo(List.of("x"));
            assertThat((float[]) ((List<?>) nested.get(2)).get(0)).containsExactly(9f);
            assertThat((int[]) map.get("a.empty")).isEmpty();
            assertThat(m.entry("a.u16").orElseThrow().elementType()).isEqualTo(GgufValueType.UINT16);
            assertThat(m.getStringList("a.str")).contains(List.of("<s>", "▁Grüße", ""));
            assertThat(m.getIntArray("a.i8")).contains(new int[] {-128, 0, 127});
            assertThat(m.getFloatArray("a.f32").orElseThrow()).hasSize(3);
        }
    }

    @Test
    void typed_accessors_convert_compatible_types_and_default_when_absent() throws IOException {
        GgufWriter w = GgufWriter.create();
        w.metadata().putU8("k.u8", 200).putU64("k.u64", 1L << 40).putF64("k.f64", 0.25).putU32("k.u32big", 3_000_000_000L)
                .putString("general.architecture", "qwen3moe").putU32("qwen3moe.block_count", 2);
        Path file = dir.resolve("typed.gguf");
        w.write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            GgufMetadata m = gguf.metadata();
            assertThat(m.requireInt("k.u8")).isEqualTo(200);
            assertThat(m.requireLong("k.u64")).isEqualTo(1L << 40);
            assertThat(m.requireLong("k.u32big")).isEqualTo(3_000_000_000L);
            assertThat(m.requireFloat("k.f64")).isEqualTo(0.25f);
            assertThat(m.getInt("absent")).isEmpty();
            assertThat(m.getInt("absent", 42)).isEqualTo(42);
            assertThat(m.getString("absent", "d")).isEqualTo("d");
            assertThat(m.getFloat("absent", 1f)).isEqualTo(1f);
            assertThat(m.getBoolean("absent", true)).isTrue();
            assertThat(gguf.architecture()).contains("qwen3moe");
            assertThatThrownBy(() -> m.requireInt("k.u64"))
                    .isInstanceOf(GgufFormatException.class)
                    .hasMessageContaining("k.u64").hasMessageContaining("does not fit in a 32-bit int").hasMessageContaining(file.toString());
            assertThatThrownBy(() -> m.getString("k.u8"))
                    .isInstanceOf(GgufFormatException.class)
                    .hasMessageContaining("'k.u8' is UINT8 (200), expected a STRING");
            assertThatThrownBy(() -> m.requireFloatArray("general.architecture"))
                    .hasMessageContaining("is STRING (\"qwen3moe\"), expected an ARRAY of FLOAT32");
        }
    }

    @Test
    void missing_required_key_names_the_key_the_file_the_reason_and_what_was_found() throws IOException {
        GgufWriter w = GgufWriter.create();
        w.metadata().putString("general.architecture", "qwen3moe").putU32("qwen3moe.block_count", 2)
                .putU32("qwen3moe.embedding_length", 64);
        Path file = dir.resolve("model.gguf");
        w.write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThatThrownBy(() -> gguf.metadata().requireInt("qwen3moe.expert_count", "the qwen3moe architecture needs it"))
                    .isInstanceOf(GgufFormatException.class)
                    .hasMessage(file + ": metadata key 'qwen3moe.expert_count' is missing; the qwen3moe architecture needs it. "
                            + "Keys starting with 'qwen3moe.': qwen3moe.block_count, qwen3moe.embedding_length");
            assertThatThrownBy(() -> gguf.metadata().requireString("tokenizer.ggml.model"))
                    .hasMessageContaining("'tokenizer.ggml.model' is missing")
                    .hasMessageContaining("no key starting with 'tokenizer.'")
                    .hasMessageContaining("general.architecture = qwen3moe");
            assertThatThrownBy(() -> gguf.requireTensor("blk.0.attn_q.weight"))
                    .isInstanceOf(GgufFormatException.class)
                    .hasMessageContaining("tensor 'blk.0.attn_q.weight' is missing");
        }
    }

    @Test
    void tensors_of_several_types_round_trip_zero_copy_and_densely_packed() throws IOException {
        Random random = new Random(42);
        record Spec(String name, GgmlType type, long[] dims) {
        }
        List<Spec> specs = List.of(
                new Spec("f32", GgmlType.F32, new long[] {5, 3}),
                new Spec("f16", GgmlType.F16, new long[] {7}),
                new Spec("bf16", GgmlType.BF16, new long[] {4, 2, 3}),
                new Spec("q8_0", GgmlType.Q8_0, new long[] {64, 3}),
                new Spec("q4_0", GgmlType.Q4_0, new long[] {32, 1, 2, 2}),
                new Spec("q4_k", GgmlType.Q4_K, new long[] {256, 2}),
                new Spec("q6_k", GgmlType.Q6_K, new long[] {512}),
                new Spec("q5_0", GgmlType.Q5_0, new long[] {32, 5}),
                new Spec("q5_1", GgmlType.Q5_1, new long[] {96}),
                new Spec("scalar", GgmlType.F32, new long[] {}));
        for (int alignment : new int[] {32, 64, 1}) {
            GgufWriter w = GgufWriter.create().alignment(alignment);
            w.metadata().putString("general.architecture", "test");
            byte[][] data = new byte[specs.size()][];
            for (int i = 0; i < specs.size(); i++) {
                Spec s = specs.get(i);
                long n = 1;
                for (long d : s.dims()) {
                    n *= d;
                }
                data[i] = new byte[(int) s.type().bytesFor(n)];
                random.nextBytes(data[i]);
                w.addTensor(s.name(), s.type(), s.dims(), data[i]);
            }
            Path file = dir.resolve("tensors-" + alignment + ".gguf");
            long size = w.write(file);
            assertThat(Files.size(file)).isEqualTo(size);

            try (GgufFile gguf = GgufFile.open(file)) {
                assertThat(gguf.alignment()).isEqualTo(alignment);
                assertThat(gguf.dataStart() % alignment).isZero();
                long expectedOffset = 0;
                for (int i = 0; i < specs.size(); i++) {
                    GgufTensor t = gguf.tensors().get(i);
                    Spec s = specs.get(i);
                    assertThat(t.name()).isEqualTo(s.name());
                    assertThat(t.type()).isEqualTo(s.type());
                    assertThat(t.dims()).containsExactly(s.dims());
                    assertThat(t.byteSize()).isEqualTo(data[i].length);
                    assertThat(t.elementCount()).isEqualTo(t.type().blockSize() * (data[i].length / t.type().bytesPerBlock()));
                    assertThat(t.dataOffset()).isEqualTo(expectedOffset);
                    assertThat(t.fileOffset()).isEqualTo(gguf.dataStart() + expectedOffset);
                    assertThat(t.data().toArray(ValueLayout.JAVA_BYTE)).isEqualTo(data[i]);
                    assertThat(t.data().isReadOnly()).isTrue();
                    assertThat(t.data().isMapped()).isTrue();
                    expectedOffset += (data[i].length + alignment - 1) / alignment * alignment;
                }
                assertThat(gguf.dataStart() + expectedOffset).isEqualTo(size);
                assertThat(gguf.tensor("q4_k")).isPresent();
                assertThat(gguf.tensor("q4_k").orElseThrow().dim(3)).isEqualTo(1);
            }
        }
    }

    @Test
    void tensor_data_cannot_be_read_after_close() throws IOException {
        Path file = dir.resolve("closed.gguf");
        GgufWriter.create().addF32Tensor("t", new long[] {2}, new float[] {1f, 2f}).write(file);
        GgufFile gguf = GgufFile.open(file);
        GgufTensor t = gguf.requireTensor("t");
        gguf.close();
        assertThatThrownBy(() -> t.data().get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rewriting_a_file_keeps_an_open_mapping_valid_and_a_failed_write_leaves_nothing() throws IOException {
        Path file = dir.resolve("rewrite.gguf");
        GgufWriter.create().addF32Tensor("t", new long[] {2}, new float[] {1f, 2f}).write(file);
        try (GgufFile old = GgufFile.open(file)) {
            GgufWriter.create().addF32Tensor("t", new long[] {2}, new float[] {3f, 4f}).write(file);
            assertThat(old.requireTensor("t").data().toArray(ValueLayout.JAVA_FLOAT)).containsExactly(1f, 2f);
        }
        try (GgufFile fresh = GgufFile.open(file)) {
            assertThat(fresh.requireTensor("t").data().toArray(ValueLayout.JAVA_FLOAT)).containsExactly(3f, 4f);
        }
        Path failed = dir.resolve("failed.gguf");
        GgufWriter broken = GgufWriter.create().addTensor("t", GgmlType.F32, new long[] {1}, (java.lang.foreign.MemorySegment target) -> {
            throw new IOException("source failed");
        });
        assertThatThrownBy(() -> broken.write(failed)).hasMessage("source failed");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("rewrite.gguf");
        }
    }

    @Test
    void writer_output_is_byte_exact_with_the_gguf_layout() throws IOException {
        GgufWriter w = GgufWriter.create();
        w.metadata().putU32("a", 7).putStringArray("b", List.of("xy"));
        w.addF32Tensor("t", new long[] {2}, new float[] {1f, -2f});
        Path file = dir.resolve("exact.gguf");
        w.write(file);

        ByteBuffer expected = ByteBuffer.allocate(160).order(ByteOrder.LITTLE_ENDIAN);
        expected.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(1).putLong(2);
        expected.putLong(1).put((byte) 'a').putInt(4).putInt(7);
        expected.putLong(1).put((byte) 'b').putInt(9).putInt(8).putLong(1).putLong(2).put("xy".getBytes(StandardCharsets.US_ASCII));
        expected.putLong(1).put((byte) 't').putInt(1).putLong(2).putInt(0).putLong(0);
        int headerEnd = expected.position();
        int dataStart = (headerEnd + 31) / 32 * 32;
        expected.position(dataStart);
        expected.putFloat(1f).putFloat(-2f);
        int end = dataStart + 32;
        byte[] want = new byte[end];
        expected.position(0);
        expected.get(want, 0, end);
        assertThat(Files.readAllBytes(file)).isEqualTo(want);
    }

    @Test
    void writer_rejects_bad_tensors_and_values_with_the_bad_value() {
        GgufWriter w = GgufWriter.create();
        assertThatThrownBy(() -> w.addTensor("x", GgmlType.Q8_0, new long[] {64}, new byte[10]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 68 bytes, got 10");
        assertThatThrownBy(() -> w.addTensor("x", GgmlType.Q8_0, new long[] {16, 2}, new byte[34]))
                .hasMessageContaining("rows of 16 elements").hasMessageContaining("block size 32");
        assertThatThrownBy(() -> w.addTensor("x".repeat(64), GgmlType.F32, new long[] {1}, new byte[4]))
                .hasMessageContaining("64 bytes; llama.cpp accepts at most 63");
        assertThatThrownBy(() -> w.addTensor("x", GgmlType.F32, new long[] {1, 1, 1, 1, 1}, new byte[4]))
                .hasMessageContaining("GGUF allows at most 4");
        w.addTensor("x", GgmlType.F32, new long[] {1}, new byte[4]);
        assertThatThrownBy(() -> w.addTensor("x", GgmlType.F32, new long[] {1}, new byte[4]))
                .hasMessageContaining("already added");
        assertThatThrownBy(() -> w.alignment(48)).hasMessageContaining("power of two").hasMessageContaining("48");
        assertThatThrownBy(() -> w.metadata().putU8("k", 256)).hasMessageContaining("'k'").hasMessageContaining("256");
        assertThatThrownBy(() -> w.metadata().putU32("k", -1)).hasMessageContaining("got -1");
        assertThatThrownBy(() -> w.metadata().putArray("k", GgufValueType.UINT16, new int[] {70000}))
                .hasMessageContaining("element 0 is 70000");
        assertThatThrownBy(() -> w.metadata().putArray("k", GgufValueType.FLOAT32, new int[] {1}))
                .hasMessageContaining("must be a float[]");
    }
}
