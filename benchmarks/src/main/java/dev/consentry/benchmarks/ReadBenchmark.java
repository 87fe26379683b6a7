package dev.consentry.benchmarks;

import dev.consentry.consent.SettingsCatalog;
import dev.consentry.formats.EventReader;
import dev.consentry.formats.EventWriter;
import dev.consentry.formats.ItemReader;
import dev.consentry.formats.ItemWriter;
import dev.consentry.synthetic.Platform;
import dev.consentry.synthetic.PlatformSpec;
import dev.consentry.taxonomy.Taxonomy;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a gate's inputs, most of a build's time (docs/benchmarks.md): the items file of a
 * generated platform through {@link ItemReader} and its events file through {@link EventReader},
 * each on every core, hashed and checked line by line, from the page cache. The fork runs with the
 * options the launcher gives a gate ({@code ./consentry}) that bear on reading: huge pages for
 * the heap, G1's 1 MiB regions, and the optimising compiler's smaller inlining.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ReadBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseTransparentHugePages", "-XX:G1HeapRegionSize=1m",
        "-XX:FreqInlineSize=100"})
public class ReadBenchmark {
    @Param({"1000000"})
    int items;

    private Path dir;
    private final Taxonomy taxonomy = Taxonomy.defaults();
    private final SettingsCatalog catalog = SettingsCatalog.defaults();

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("consentry-read");
        try (ItemWriter itemWriter = ItemWriter.open(new BufferedOutputStream(Files.newOutputStream(items()), 1 << 20));
                EventWriter eventWriter = EventWriter.open(new BufferedOutputStream(Files.newOutputStream(events()), 1 << 20))) {
            Platform.generate(PlatformSpec.of(1, items), itemWriter, eventWriter);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.delete(items());
        Files.delete(events());
        Files.delete(dir);
    }

    @Benchmark
    public ItemReader.ItemFile readItems() {
        return ItemReader.read(items(), taxonomy);
    }

    @Benchmark
    public EventReader.EventFile readEvents() {
        return EventReader.read(events(), catalog);
    }

    private Path items() {
        return dir.resolve("items.jsonl");
    }

    private Path events() {
        return dir.resolve("events.jsonl");
    }
}
