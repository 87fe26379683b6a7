package dev.consentry.cli;

import static dev.consentry.error.ErrorCode.INTERNAL;
import static dev.consentry.error.ErrorCode.OUTPUT_FAILED;

import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The policy bundle shipped inside the command line: {@code examples/terms-2023}, the three 2023
 * versions of the terms, copied into the jar at build time (see cli/pom.xml). It is read the one
 * way every policy is read: copied into a directory, then {@code PolicyReader.read(dir)}; so a
 * generated platform carries the very policy files its builds name by hash.
 */
final class EmbeddedPolicy {
    /** Where the bundle sits on the class path, and where it came from in the repository. */
    static final String RESOURCE = "examples/terms-2023";

    private EmbeddedPolicy() {}

    /** Copies every file of the embedded bundle into {@code dir}, creating it. */
    static void copyTo(Path dir) {
        try {
            Files.createDirectories(dir);
            URL url = EmbeddedPolicy.class.getClassLoader().getResource(RESOURCE);
            if (url == null) {
                throw new ConsentryException(INTERNAL, "the embedded policy " + RESOURCE + " is missing from the class path");
            }
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                boolean opened;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                    opened = false;
                }
                try {
                    copyFiles(jar.getPath(RESOURCE), dir);
                } finally {
                    if (opened) {
                        jar.close();
                    }
                }
            } else {
                copyFiles(Path.of(uri), dir);
            }
        } catch (IOException e) {
            throw new ConsentryException(OUTPUT_FAILED, Optional.of(SourceLocation.file(dir.toString())),
                    "cannot copy the embedded policy: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new ConsentryException(INTERNAL, Optional.empty(), "the embedded policy has no usable location", e);
        }
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(from)) {
            files = listing.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            Files.copy(file, to.resolve(file.getFileName().toString()));
        }
    }
}
