package dev.guild.runtime.gguf;

import dev.guild.runtime.tensor.GgmlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Files over 2 GiB map as one segment; written sparse, so they take almost no disk. */
class GgufLargeFileTest {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long THREE_GIB = 3L << 30;

    @TempDir
    Path dir;

    @Test
    void tensor_beyond_the_2_GiB_mark_is_read_zero_copy() throws IOException {
        Path file = dir.resolve("sparse.gguf");
        float[] tail = {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f};
        GgufWriter w = GgufWriter.create();
        w.metadata().putString("general.architecture", "llama");
        // 3 GiB of F32 zeros: the source leaves the (sparse, zero-filled) target untouched except one marker.
        w.addTensor("big", GgmlType.F32, new long[] {1L << 28, 3}, (MemorySegment target) ->
                target.set(F32, target.byteSize() - 4, 42f));
        w.addF32Tensor("tail", new long[] {8}, tail);
        long size = w.write(file);

        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            assertThat(raf.length()).isEqualTo(size).isGreaterThan(THREE_GIB);
        }
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.fileSize()).isEqualTo(Files.size(file));
            GgufTensor big = gguf.requireTensor("big");
            assertThat(big.byteSize()).isEqualTo(THREE_GIB);
            assertThat(big.data().get(F32, THREE_GIB - 4)).isEqualTo(42f);
            assertThat(big.data().get(F32, (1L << 31) + 1024)).isZero();
            GgufTensor t = gguf.requireTensor("tail");
            assertThat(t.fileOffset()).isGreaterThan(1L << 31);
            assertThat(t.data().toArray(F32)).containsExactly(tail);
        }
    }

    @Test
    void file_extended_with_set_length_maps_beyond_2_GiB() throws IOException {
        Path file = dir.resolve("extended.gguf");
        GgufWriter w = GgufWriter.create();
        w.addF32Tensor("t", new long[] {4}, new float[] {9f, 8f, 7f, 6f});
        long size = w.write(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(THREE_GIB);
        }
        // Trailing bytes after the data section are allowed; the mapping covers the whole sparse file.
        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.fileSize()).isEqualTo(THREE_GIB).isGreaterThan(size);
            assertThat(gguf.segment().get(ValueLayout.JAVA_BYTE, THREE_GIB - 1)).isZero();
            assertThat(gguf.requireTensor("t").data().toArray(F32)).containsExactly(9f, 8f, 7f, 6f);
        }
    }
}
