package dev.consentry.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentry.formats.LineBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the sizes of the pieces appended (empty, smaller than a block, spanning several
 * buffers, ending exactly on a buffer or a block), the file holds exactly their bytes in order,
 * written past the page cache or through it.
 */
class OutputFileProperties {
    private static final int BUFFER = 64 << 10;

    @Property(tries = 60)
    void a_file_holds_exactly_what_was_appended(@ForAll("pieces") List<Integer> sizes, @ForAll boolean tryDirect,
            @ForAll @IntRange(min = 0, max = 1000) int seed) throws IOException {
        Random random = new Random(seed);
        Path dir = Files.createTempDirectory("output-file");
        Path path = dir.resolve("lines.jsonl");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (OutputFile file = OutputFile.create(path, tryDirect, BUFFER)) {
            for (int size : sizes) {
                byte[] piece = new byte[size];
                random.nextBytes(piece);
                LineBuffer lines = new LineBuffer(16);
                lines.append(piece, 0, size);
                file.append(lines);
                expected.write(piece);
                assertThat(file.length()).isEqualTo(expected.size());
            }
        }
        try {
            assertThat(Files.size(path)).isEqualTo(expected.size());
            assertThat(Files.readAllBytes(path)).isEqualTo(expected.toByteArray());
        } finally {
            Files.delete(path);
            Files.delete(dir);
        }
    }

    /** The option is looked up by name (OutputFile says why): a JDK renaming it would silently cost the page cache. */
    @Example
    void the_jdk_names_o_direct() {
        assertThat(OutputFile.DIRECT).hasValueSatisfying(option -> assertThat(option.toString()).isEqualTo("DIRECT"));
    }

    @Provide
    Arbitrary<List<Integer>> pieces() {
        Arbitrary<Integer> size = Arbitraries.oneOf(Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(0, 3 * BUFFER), Arbitraries.of(BUFFER, 4096, BUFFER - 1, BUFFER + 1, 0));
        return size.list().ofMaxSize(12);
    }
}
