package dev.consentry.benchmarks;

import dev.consentry.decision.Decider;
import dev.consentry.decision.Verdict;
import dev.consentry.taxonomy.Purpose;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decision kernel: one {@link Decider#decide(int, Purpose, Instant, Verdict)} call, as a gate
 * build makes it for every item (into one reused verdict per thread), on a realistic policy
 * (three versions) and lineage three deep, cycling through every item of the fixture, on one
 * thread. Label sets and erasures are resolved per graph before measurement, as in a gate build.
 *
 * <pre>
 * mvn -q -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DecisionBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class DecisionBenchmark {
    @Param({"1000", "100000", "1000000"})
    int items;

    @Param({"2023-08-09T00:00:00Z", "2023-09-01T00:00:00Z"})
    String at;

    private Decider decider;
    private Purpose purpose;
    private Instant time;
    private int next;
    private final Verdict verdict = new Verdict();

    @Setup
    public void setUp() {
        Fixture fixture = new Fixture(Math.max(1, items / 6), 42);
        decider = fixture.engine().over(fixture.graph);
        purpose = fixture.bundle.taxonomy().purpose("ai.training.first_party").orElseThrow();
        time = Instant.parse(at);
        for (int node = 0; node < fixture.graph.size(); node++) {
            decider.decide(node, purpose, time, verdict);
        }
    }

    @Benchmark
    public Verdict decide() {
        int node = next;
        next = node + 1 == decider.graph().size() ? 0 : node + 1;
        return decider.decide(node, purpose, time, verdict);
    }
}
