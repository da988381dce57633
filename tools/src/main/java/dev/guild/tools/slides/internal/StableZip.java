package dev.guild.tools.slides.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a zip (an OOXML package) with every entry's time set to 1980-01-01, so that the same content gives the
 * same bytes: decks are stored under the hash of their bytes, and a retried call must store the same artifact.
 */
final class StableZip {

    private static final LocalDateTime EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    static byte[] normalize(byte[] zip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zip.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream zipOut = new ZipOutputStream(out)) {
            zipOut.setLevel(6);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTimeLocal(EPOCH);
                zipOut.putNextEntry(copy);
                in.transferTo(zipOut);
                zipOut.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the deck's zip package in memory", e);
        }
        return out.toByteArray();
    }

    private StableZip() {
    }
}
