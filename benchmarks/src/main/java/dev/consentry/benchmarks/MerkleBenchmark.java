package dev.consentry.benchmarks;

import dev.consentry.merkle.MerkleRoot;
import dev.consentry.merkle.MerkleTree;
import java.nio.charset.StandardCharsets;
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
 * The streaming RFC 6962 root over {@code leaves} item ids of realistic length, on one thread.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar MerkleBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MerkleBenchmark {
    @Param({"1000", "100000", "1000000"})
    int leaves;

    private byte[][] ids;

    @Setup
    public void setUp() {
        ids = new byte[leaves][];
        for (int i = 0; i < leaves; i++) {
            ids[i] = String.format("acct%04d/m%08d/transcript", i % 1000, i).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public MerkleRoot root() {
        MerkleTree tree = new MerkleTree();
        for (byte[] id : ids) {
            tree.add(id);
        }
        return tree.root();
    }
}
