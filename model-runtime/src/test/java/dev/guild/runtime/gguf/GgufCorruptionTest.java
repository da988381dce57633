package dev.guild.runtime.gguf;

import dev.guild.runtime.tensor.GgmlType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Writes a valid file, damages it, and checks the error says what is wrong and where. */
class GgufCorruptionTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void writeValidFile() throws IOException {
        file = dir.resolve("model.gguf");
        GgufWriter w = GgufWriter.create();
        w.metadata().putString("general.architecture", "llama").putU32("x.count", 5).putBool("x.flag", true)
                .putI32Array("x.list", new int[] {1, 2, 3});
        w.addF32Tensor("tensor.one", new long[] {8, 2}, new float[16]);
        w.addTensor("tensor.two", GgmlType.Q8_0, new long[] {32}, new byte[34]);
        w.write(file);
        assertThatCode(() -> GgufFile.open(file).close()).doesNotThrowAnyException();
    }

    @Test
    void wrong_magic_shows_the_bytes_found() throws IOException {
        patch(0, "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1));
        assertFails("not a GGUF file: the first 4 bytes are 50 4b 03 04 ('PK..'), expected 47 47 55 46 ('GGUF')");
    }

    @Test
    void unsupported_versions_are_rejected_and_version_2_is_read() throws IOException {
        patchInt(4, 4);
        assertFails("unsupported GGUF version 4; supported versions: 2 and 3");
        patchInt(4, 1);
        assertFails("GGUF version 1 is not supported");
        patchInt(4, 0x0300_0000);
        assertFails("this is a big-endian GGUF file");
        patchInt(4, 2);
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.version()).isEqualTo(2);
            assertThat(gguf.tensors()).hasSize(2);
        }
    }

    @Test
    void truncated_file_names_the_part_and_offset() throws IOException {
        truncate(2);
        assertFails("file is truncated: reading the magic number (the first 4 bytes, 'GGUF') at offset 0 needs 4 bytes, but only 2 remain");
        writeValidFile();
        long value = indexOf("x.count") + 7 + 4;
        truncate(value + 2);
        assertFails("file is truncated: reading the value of metadata key 'x.count' at offset " + value
                + " needs 4 bytes, but only 2 remain (file size " + (value + 2) + " bytes)");
        writeValidFile();
        long string = indexOf("tensor.two") - 8;
        truncate(string + 10);
        assertFails("absurd string length 10 for the name of tensor info #1 at offset " + string
                + ": only 2 bytes remain in the file; the file is truncated or corrupt");
        writeValidFile();
        long info = indexOf("tensor.two") + 10;
        truncate(info + 3);
        assertFails("file is truncated: reading the number of dimensions of tensor 'tensor.two' at offset " + info);
        truncate(0);
        assertFails("reading the magic number");
    }

    @Test
    void truncated_tensor_data_is_reported_as_outside_the_file() throws IOException {
        truncate(Files.size(file) - 40);
        assertFails("tensor 'tensor.two' (Q8_0 [32], 34 bytes) at data offset 64 lies outside the file");
    }

    @Test
    void tensor_offset_beyond_the_file_is_rejected() throws IOException {
        patchLong(offsetFieldOf("tensor.two", 1), 1L << 40);
        assertFails("tensor 'tensor.two' (Q8_0 [32], 34 bytes) at data offset 1099511627776 lies outside the file");
        patchLong(offsetFieldOf("tensor.two", 1), -32L);
        assertFails("at data offset 18446744073709551584 lies outside the file");
    }

    @Test
    void misaligned_tensor_offset_is_rejected() throws IOException {
        patchLong(offsetFieldOf("tensor.one", 2), 4);
        assertFails("tensor 'tensor.one' starts at data offset 4, which is not a multiple of the alignment 32");
    }

    @Test
    void unknown_tensor_type_id_lists_the_known_ids() throws IOException {
        patchInt(offsetFieldOf("tensor.two", 1) - 4, 99);
        assertFails("tensor 'tensor.two' has unknown ggml tensor type id 99; known: F32=0, F16=1");
    }

    @Test
    void known_but_unsupported_tensor_type_lists_the_supported_types() throws IOException {
        GgufWriter w = GgufWriter.create();
        w.addTensor("blk.0.ffn_up.weight", GgmlType.Q4_1, new long[] {32}, new byte[20]);
        w.write(file);
        assertFails("tensor 'blk.0.ffn_up.weight' has type Q4_1 (id 3), which Guild cannot compute with; supported types: "
                + GgmlType.supportedNames());
        try (GgufFile gguf = GgufFile.open(file, GgufFile.TypePolicy.ANY_KNOWN)) {
            assertThat(gguf.tensors().getFirst().type()).isEqualTo(GgmlType.Q4_1);
        }
    }

    @Test
    void unknown_metadata_value_type_lists_the_known_types() throws IOException {
        long type = indexOf("x.count") + 7;
        patchInt(type, 13);
        assertFails("metadata key 'x.count' has unknown value type id 13 at offset " + type + "; known: UINT8=0, INT8=1");
    }

    @Test
    void absurd_lengths_and_counts_are_rejected_before_allocating() throws IOException {
        patchLong(indexOf("general.architecture") - 8, 1L << 40);
        assertFails("absurd string length 1099511627776 for the key of metadata entry #0 at offset 24");
        writeValidFile();
        patchLong(8, 1L << 40);
        assertFails("absurd tensor count 1099511627776");
        writeValidFile();
        patchLong(16, -1L);
        assertFails("absurd metadata key-value count 18446744073709551615");
        writeValidFile();
        patchLong(indexOf("x.list") + 6 + 4 + 4, 1L << 50);
        assertFails("absurd array length 1125899906842624 for metadata key 'x.list'");
    }

    @Test
    void tensor_name_longer_than_64_bytes_is_rejected() throws IOException {
        long length = indexOf("tensor.one") - 8;
        patchLong(length, 65);
        assertFails("the name of tensor info #0 at offset " + length + " is 65 bytes long, more than the limit of 64 bytes");
    }

    @Test
    void more_than_four_dimensions_is_rejected() throws IOException {
        patchInt(indexOf("tensor.one") + 10, 5);
        assertFails("tensor 'tensor.one' has n_dims = 5 at offset " + (indexOf("tensor.one") + 10) + "; GGUF allows at most 4");
    }

    @Test
    void dimension_overflow_is_rejected() throws IOException {
        long dims = indexOf("tensor.one") + 14;
        patchLong(dims, 1L << 62);
        patchLong(dims + 8, 4);
        assertFails("whose product overflows 64 bits");
    }

    @Test
    void row_not_a_multiple_of_the_block_size_is_rejected() throws IOException {
        patchLong(indexOf("tensor.two") + 14, 16);
        assertFails("tensor 'tensor.two' has rows of 16 elements, not a multiple of the Q8_0 block size 32");
    }

    @Test
    void duplicate_tensor_names_and_keys_are_rejected() throws IOException {
        patch(indexOf("tensor.two"), "tensor.one".getBytes(StandardCharsets.US_ASCII));
        assertFails("duplicate tensor name 'tensor.one'");
        writeValidFile();
        patch(indexOf("x.flag"), "x.list".getBytes(StandardCharsets.US_ASCII));
        assertFails("duplicate metadata key 'x.list'");
    }

    @Test
    void bool_other_than_zero_or_one_is_rejected() throws IOException {
        patch(indexOf("x.flag") + 6 + 4, new byte[] {2});
        assertFails("BOOL value of metadata key 'x.flag' at offset " + (indexOf("x.flag") + 10) + " is 2; a GGUF bool is 0 or 1");
    }

    @Test
    void alignment_must_be_a_u32_power_of_two() throws IOException {
        GgufWriter w = GgufWriter.create().alignment(64);
        w.addF32Tensor("t", new long[] {1}, new float[] {1});
        w.write(file);
        patchInt(indexOf("general.alignment") + 17 + 4, 48);
        assertFails("general.alignment is 48; it must be a power of two");
        GgufWriter i32 = GgufWriter.create();
        i32.metadata().putI32("general.alignment", 32);
        assertThatThrownBy(() -> i32.write(file)).hasMessageContaining("must be a UINT32");
        patchInt(indexOf("general.alignment") + 17, GgufValueType.INT32.id());
        patchInt(indexOf("general.alignment") + 17 + 4, 64);
        assertFails("general.alignment must be a UINT32, found INT32 (64)");
    }

    @Test
    void arrays_nested_too_deep_are_rejected() throws IOException {
        GgufArray a = new GgufArray(GgufValueType.INT32, new int[] {1});
        for (int i = 0; i < 9; i++) {
            a = new GgufArray(GgufValueType.ARRAY, List.of(a));
        }
        GgufWriter w = GgufWriter.create();
        w.metadata().put(new GgufEntry("deep", GgufValueType.ARRAY, a));
        w.write(file);
        assertFails("metadata key 'deep' nests arrays deeper than 8 levels");
    }

    @Test
    void missing_file_is_an_io_error_naming_the_path() {
        assertThatThrownBy(() -> GgufFile.open(dir.resolve("absent.gguf"))).isInstanceOf(IOException.class).hasMessageContaining("absent.gguf");
    }

    // ---- helpers

    private void assertFails(String expectedPart) {
        assertThatThrownBy(() -> GgufFile.open(file).close())
                .isInstanceOf(GgufFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(expectedPart)
                .satisfies(e -> assertThat(((GgufFormatException) e).file()).isEqualTo(file.toString()));
    }

    /** Offset of the tensor info's u64 data offset field, for a tensor with {@code nDims} dims. */
    private long offsetFieldOf(String tensor, int nDims) throws IOException {
        return indexOf(tensor) + tensor.length() + 4 + 8L * nDims + 4;
    }

    private long indexOf(String marker) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] m = marker.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + m.length <= bytes.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (bytes[i + j] != m[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(marker + " not in file");
    }

    private void patch(long offset, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    private void patchInt(long offset, int value) throws IOException {
        patch(offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private void patchLong(long offset, long value) throws IOException {
        patch(offset, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    private void truncate(long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }
}
