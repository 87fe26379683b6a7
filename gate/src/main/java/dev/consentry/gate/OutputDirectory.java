package dev.consentry.gate;

import static dev.consentry.error.ErrorCode.OUTPUT_EXISTS;
import static dev.consentry.error.ErrorCode.OUTPUT_FAILED;

import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes a build all or nothing. Files go to a hidden sibling directory, which is renamed onto the
 * target only once every file is complete and flushed; a rename within one file system is atomic,
 * so a reader sees either no build or the whole build. A run that is killed leaves only the hidden
 * sibling, which the next run to the same target removes. Public so that every command writing a
 * directory of results (a build, a generated platform) writes it the same way.
 */
public final class OutputDirectory implements AutoCloseable {
    private static final String STAGING_MARK = ".consentry-staging-";

    private final Path target;
    private final Path staging;
    private boolean committed;

    private OutputDirectory(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** Refuses a non-empty target unless {@code force}; call before any expensive work. */
    public static void checkWritable(Path target, boolean force) {
        if (target.toAbsolutePath().normalize().getParent() == null) {
            throw new ConsentryException(OUTPUT_EXISTS, SourceLocation.file(target.toString()),
                    "a file system root cannot be replaced by a build; name a directory below it");
        }
        if (!force && Files.isDirectory(target) && !isEmpty(target)) {
            throw new ConsentryException(OUTPUT_EXISTS, SourceLocation.file(target.toString()),
                    "output directory is not empty; use --force to replace it");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new ConsentryException(OUTPUT_EXISTS, SourceLocation.file(target.toString()), "exists and is not a directory");
        }
    }

    public static OutputDirectory open(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        String prefix = "." + absolute.getFileName() + STAGING_MARK;
        try {
            Files.createDirectories(parent);
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(parent, prefix + "*")) {
                for (Path p : stale) {
                    deleteRecursively(p);
                }
            }
            return new OutputDirectory(absolute, Files.createTempDirectory(parent, prefix));
        } catch (IOException e) {
            throw failed(absolute, e);
        }
    }

    /** Where a file (or subdirectory) of the result is written until {@link #commit()}. */
    public Path file(String name) {
        return staging.resolve(name);
    }

    /** Moves the finished build onto the target, replacing what is there (the caller checked it may). */
    public void commit() {
        try {
            Path displaced = null;
            if (Files.isDirectory(target) && !isEmpty(target)) {
                displaced = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + STAGING_MARK + "old-");
                Files.delete(displaced);
                Files.move(target, displaced, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
            if (displaced != null) {
                deleteRecursively(displaced);
            }
        } catch (IOException e) {
            throw failed(target, e);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                deleteRecursively(staging);
            } catch (IOException e) {
                // The failure that got us here matters more; a leftover staging directory is removed next run.
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw failed(dir, e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static ConsentryException failed(Path path, IOException e) {
        return new ConsentryException(OUTPUT_FAILED, Optional.of(SourceLocation.file(path.toString())),
                "cannot write the build: " + e.getMessage(), e);
    }
}
