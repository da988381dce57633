package dev.guild.tools.booking.internal;

import dev.guild.tools.ToolUnavailableException;
import dev.guild.tools.booking.Resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The catalog file, re-read when it changes (its modification time or size), so that edits apply without a
 * restart. Each new version goes to {@code onChange} (the SQL provider stores it). A version with problems is
 * refused at start ({@link CatalogLoader.CatalogException}); after start, calls fail with
 * {@link ToolUnavailableException} naming the problems until the file is fixed (Temporal retries them).
 */
final class CatalogSource {

    private final Path file;
    private final Consumer<List<Resource>> onChange;
    private Object version;
    private Map<String, Resource> resources = Map.of();

    CatalogSource(Path file, Consumer<List<Resource>> onChange) {
        this.file = file;
        this.onChange = onChange;
        reload(true);
    }

    Path file() {
        return file;
    }

    /** The resources of the current file version, by id, in file order. */
    synchronized Map<String, Resource> current() {
        reload(false);
        return resources;
    }

    Optional<Resource> find(String id) {
        return Optional.ofNullable(current().get(id));
    }

    private void reload(boolean atStart) {
        Object now = version();
        if (now.equals(version)) {
            return;
        }
        try {
            List<Resource> loaded = CatalogLoader.load(file);
            onChange.accept(loaded);
            Map<String, Resource> byId = new LinkedHashMap<>();
            loaded.forEach(r -> byId.put(r.id(), r));
            resources = byId;
            version = now;
        } catch (CatalogLoader.CatalogException e) {
            if (atStart) {
                throw e;
            }
            throw new ToolUnavailableException(e.getMessage());
        } catch (IOException e) {
            throw new ToolUnavailableException("cannot read the booking catalog " + file + ": " + e.getMessage(), e);
        }
    }

    private Object version() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return List.of(modified, Files.size(file));
        } catch (NoSuchFileException e) {
            return List.of("missing");
        } catch (IOException e) {
            throw new ToolUnavailableException("cannot read the booking catalog " + file + ": " + e.getMessage(), e);
        }
    }
}
