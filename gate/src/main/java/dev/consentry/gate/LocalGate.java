package dev.consentry.gate;

import static dev.consentry.error.ErrorCode.BAD_ARGUMENT;
import static dev.consentry.error.ErrorCode.OUTPUT_FAILED;

import dev.consentry.build.BuildRecord;
import dev.consentry.consent.EventIndex;
import dev.consentry.decision.Decider;
import dev.consentry.decision.DecisionEngine;
import dev.consentry.decision.ItemGraph;
import dev.consentry.decision.Names;
import dev.consentry.decision.ReasonCode;
import dev.consentry.decision.Verdict;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import dev.consentry.formats.BuildJson;
import dev.consentry.formats.DecisionJson;
import dev.consentry.formats.EventReader;
import dev.consentry.formats.ItemReader;
import dev.consentry.formats.LineBuffer;
import dev.consentry.formats.PolicyReader;
import dev.consentry.merkle.MerkleTree;
import dev.consentry.policy.PolicyBundle;
import dev.consentry.taxonomy.Purpose;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.stream.IntStream;

/**
 * The gate on one machine: reads the policy bundle, the events and the items, decides every item
 * on all cores, and writes {@code allowed.jsonl}, {@code denied.jsonl} and {@code build.json} all
 * or nothing.
 *
 * <p>Design: inputs are read and validated completely before anything is written, so bad input
 * never leaves a partial build. Items are decided in chunks of consecutive nodes, each chunk on a
 * pool thread that also renders its output lines, so serialisation scales with cores too; the
 * calling thread appends finished chunks in item order to the two {@link OutputFile}s, so output
 * order is input order whatever the thread count; a chunk's buffers are reused once copied.
 * Beside them, a {@link Tally} of the allowed nodes, kept as numbers and sorted once by their ids'
 * UTF-8 bytes, as the graph holds them, gives the Merkle root ({@link #build}).
 */
public final class LocalGate {
    static final String ALLOWED = "allowed.jsonl";
    static final String DENIED = "denied.jsonl";
    static final String BUILD = "build.json";
    private static final int CHUNK = 8192;
    private static final int MERKLE_CHUNK = 1 << 16;

    private LocalGate() {}

    /**
     * Loaded, validated inputs: what a build decides over. The items are held by the graph alone
     * (with the SHA-256 of the file they came from), so the reader's list and line numbers can go.
     * Events and items share their names, so a participant is one string in both.
     */
    public record Inputs(PolicyBundle bundle, EventIndex state, String itemsSha256, ItemGraph graph) {
        /**
         * Reads the events, then the items while the events are indexed: indexing is mostly one
         * thread's work, and the items' reading and lineage have stretches where a core waits.
         */
        public static Inputs read(PolicyBundle bundle, Path items, Path events, Progress progress) {
            Names names = new Names();
            FutureTask<EventIndex> indexing = indexing(EventReader.read(events, bundle.catalog(), names), bundle);
            ItemReader.ItemFile itemFile = ItemReader.read(items, bundle.taxonomy(), names);
            progress.phase("lineage", 0);
            ItemGraph graph = itemFile.graph();
            return new Inputs(bundle, done(indexing), itemFile.sha256(), graph);
        }

        /** Starts indexing on a thread of its own; the events are then held by the task alone, until it is done. */
        private static FutureTask<EventIndex> indexing(EventReader.EventFile events, PolicyBundle bundle) {
            FutureTask<EventIndex> indexing = new FutureTask<>(() -> events.index(bundle.catalog()));
            Thread indexer = new Thread(indexing, "consentry-index");
            indexer.setDaemon(true);
            indexer.start();
            return indexing;
        }
    }

    public static BuildRecord run(GateRequest request, Progress progress) {
        OutputDirectory.checkWritable(request.out(), request.force());
        progress.phase("reading", 0);
        PolicyBundle bundle = PolicyReader.read(request.policy());
        Purpose purpose = purpose(bundle, request.purpose());
        Inputs inputs = Inputs.read(bundle, request.items(), request.events(), progress);
        return build(inputs, purpose, request.at(), request.out(), progress);
    }

    public static Purpose purpose(PolicyBundle bundle, String name) {
        return bundle.taxonomy().purpose(name).orElseThrow(() -> new ConsentryException(BAD_ARGUMENT,
                SourceLocation.of("--purpose", 0, 0, null), "unknown purpose '" + name + "' (known: "
                        + bundle.taxonomy().purposes().stream().map(Purpose::name).toList() + ")"));
    }

    /**
     * Decides every item of loaded inputs and writes the build into {@code out}, all or nothing.
     *
     * <p>The pool decides and renders the items from the first on while this thread writes their
     * lines; a thread of its own decides them from the last back to tally the allowed ones until
     * the two meet ({@link Tally}), then builds the Merkle tree over the allowed ids while the rest
     * of the lines are written. Writing gigabytes of lines waits on the disk and leaves a core to
     * spare, and the tree is work for the processor alone, which used to start only once the last
     * line was written (docs/benchmarks.md, tenth round). A decision is a pure function of the
     * prepared decider, so it does not matter which pass counts an item.
     */
    public static BuildRecord build(Inputs inputs, Purpose purpose, Instant at, Path out, Progress progress) {
        progress.phase("preparing", 0);
        Decider decider = new DecisionEngine(inputs.bundle(), inputs.state()).over(inputs.graph()).prepare(at);
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "consentry-gate");
            t.setDaemon(true);
            return t;
        });
        Tally tally = new Tally(decider.graph().size(), CHUNK);
        FutureTask<MerkleTree> merkle = new FutureTask<>(() -> {
            tally.complete(decider, purpose, at);
            int[] allowed = tally.allowedNodes();
            return merkleTree(inputs.graph(), allowed, allowed.length);
        });
        try (OutputDirectory dir = OutputDirectory.open(out)) {
            Thread hashing = new Thread(merkle, "consentry-merkle");
            hashing.setDaemon(true);
            hashing.start();
            progress.phase("deciding", decider.graph().size());
            writeAll(decider, purpose, at, dir, pool, tally, progress);
            progress.phase("merkle", 0);
            MerkleTree tree = done(merkle);
            BuildRecord record = record(inputs, purpose, at, tally, tree);
            try (OutputStream json = Files.newOutputStream(dir.file(BUILD))) {
                BuildJson.write(record, json);
            }
            dir.commit();
            return record;
        } catch (IOException e) {
            throw new ConsentryException(OUTPUT_FAILED, Optional.of(SourceLocation.file(out.toString())),
                    "cannot write the build: " + e.getMessage(), e);
        } finally {
            // A failed build leaves the tree's thread waiting for chunks that will never be counted.
            merkle.cancel(true);
            pool.shutdownNow();
        }
    }

    /**
     * The RFC 6962 tree over the allowed items' ids ({@code sorted[0 .. count)}, which it sorts by
     * their UTF-8 bytes, as they are held).
     * Sorting millions of ids through a comparator that follows each id into its batch was most
     * of the tree's cost, so ids are sorted by a radix sort of {@code long} keys, twelve bytes of
     * id at a time ({@link #sortByIds}): at ten million items, 0.27 s where sorting keys of three
     * bytes at a time took 0.9 s (docs/benchmarks.md).
     */
    private static MerkleTree merkleTree(ItemGraph graph, int[] sorted, int count) {
        sortByIds(graph, sorted, 0, count, 0);
        // Perfect subtrees of MERKLE_CHUNK leaves are hashed on all cores, then joined in order.
        int chunks = count / MERKLE_CHUNK;
        byte[][] roots = IntStream.range(0, chunks).parallel().mapToObj(c -> {
            MerkleTree subtree = new MerkleTree();
            for (int i = c * MERKLE_CHUNK; i < (c + 1) * MERKLE_CHUNK; i++) {
                subtree.add(graph.idBytes(sorted[i]), graph.idStart(sorted[i]), graph.idEnd(sorted[i]));
            }
            return HexFormat.of().parseHex(subtree.root().root());
        }).toArray(byte[][]::new);
        MerkleTree tree = new MerkleTree();
        for (byte[] root : roots) {
            tree.addSubtree(root, MERKLE_CHUNK);
        }
        for (int i = chunks * MERKLE_CHUNK; i < count; i++) {
            tree.add(graph.idBytes(sorted[i]), graph.idStart(sorted[i]), graph.idEnd(sorted[i]));
        }
        return tree;
    }

    /** Runs of this many ids or fewer that agree on their keys are put in order by comparing their bytes. */
    private static final int SMALL_RUN = 24;
    /**
     * How deep into shared prefixes runs are sorted by keys; deeper, by comparing whole ids. Twelve
     * bytes a level, ids that share a prefix of megabytes would otherwise overflow the stack.
     */
    private static final int DEEPEST_KEY = 1 << 10;

    /**
     * Sorts {@code nodes[from .. to)}, whose ids share their first {@code depth} bytes, by id.
     * Each node gets two keys: the id's next eight bytes, and the four after them above its
     * position in the range (bytes past the id's end are 0, and the top bits are flipped so signed
     * order is byte order); the two are radix sorted together, on all cores for large ranges.
     * Ids that agree on all twelve bytes form a run, sorted again twelve bytes deeper, or, when
     * short or already {@link #DEEPEST_KEY} bytes deep, by comparing their bytes; the comparison
     * also orders ids that differ only by zero bytes at their end, which the keys cannot tell apart.
     */
    private static void sortByIds(ItemGraph graph, int[] nodes, int from, int to, int depth) {
        int n = to - from;
        long[] high = new long[n];
        long[] low = new long[n];
        boolean anyLonger = false;
        for (int k = 0; k < n; k++) {
            int node = nodes[from + k];
            byte[] id = graph.idBytes(node);
            int at = graph.idStart(node) + depth;
            int end = graph.idEnd(node);
            high[k] = bigEndian(id, at, end, 8) ^ Long.MIN_VALUE;
            low[k] = (bigEndian(id, at + 8, end, 4) ^ 0x8000_0000L) << 32 | k;
            anyLonger |= end - at > 12;
        }
        if (n > 1 << 16) {
            LongArrays.parallelRadixSort(high, low);
        } else {
            LongArrays.radixSort(high, low);
        }
        int[] range = Arrays.copyOfRange(nodes, from, to);
        for (int k = 0; k < n; k++) {
            nodes[from + k] = range[(int) low[k]];
        }
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && high[end] == high[start] && low[end] >>> 32 == low[start] >>> 32) {
                end++;
            }
            if (end - start > SMALL_RUN && anyLonger && depth < DEEPEST_KEY) {
                sortByIds(graph, nodes, from + start, from + end, depth + 12);
            } else if (end - start > 1) {
                sortByComparing(graph, nodes, from + start, from + end);
            }
            start = end;
        }
    }

    /** The {@code count} bytes at {@code id[at ..]} as an unsigned big-endian number, 0 for those at or past {@code end}. */
    private static long bigEndian(byte[] id, int at, int end, int count) {
        long bytes = 0;
        for (int b = 0; b < count; b++) {
            bytes = bytes << 8 | (at + b < end ? id[at + b] & 0xFF : 0);
        }
        return bytes;
    }

    private static void sortByComparing(ItemGraph graph, int[] nodes, int from, int to) {
        if (to - from > SMALL_RUN) {
            Integer[] run = IntStream.range(from, to).mapToObj(i -> nodes[i]).toArray(Integer[]::new);
            Arrays.sort(run, (a, b) -> compareIds(graph, a, b));
            for (int i = from; i < to; i++) {
                nodes[i] = run[i - from];
            }
            return;
        }
        for (int i = from + 1; i < to; i++) {
            int node = nodes[i];
            int j = i - 1;
            while (j >= from && compareIds(graph, nodes[j], node) > 0) {
                nodes[j + 1] = nodes[j];
                j--;
            }
            nodes[j + 1] = node;
        }
    }

    private static int compareIds(ItemGraph graph, int a, int b) {
        return Arrays.compareUnsigned(graph.idBytes(a), graph.idStart(a), graph.idEnd(a),
                graph.idBytes(b), graph.idStart(b), graph.idEnd(b));
    }

    private static BuildRecord record(Inputs inputs, Purpose purpose, Instant at, Tally tally, MerkleTree tree) {
        TreeMap<String, Long> byCode = new TreeMap<>();
        long[] deniedByCode = tally.deniedByCode();
        long items = inputs.graph().size();
        for (ReasonCode code : ReasonCode.values()) {
            if (deniedByCode[code.ordinal()] > 0) {
                byCode.put(code.code(), deniedByCode[code.ordinal()]);
            }
        }
        PolicyBundle bundle = inputs.bundle();
        String ledgerHead = inputs.state().head();
        return new BuildRecord(
                BuildRecord.deriveId(purpose.name(), at, inputs.itemsSha256(), ledgerHead, bundle.digest()),
                purpose.name(), at, bundle.history().family(),
                bundle.history().versions().stream().map(v -> new BuildRecord.VersionDigest(v.version(), v.sha256())).toList(),
                ledgerHead, new BuildRecord.Counts(items, items - tally.denied(), tally.denied()), byCode,
                tree.root());
    }

    /** One chunk's lines, rendered; reused once they are written, so a build allocates its output buffers once. */
    private static final class Chunk {
        final LineBuffer allowedLines = new LineBuffer(1 << 20);
        final LineBuffer deniedLines = new LineBuffer(1 << 20);
        int lines;

        void clear() {
            allowedLines.clear();
            deniedLines.clear();
            lines = 0;
        }
    }

    /**
     * Decides and renders chunks on the pool; this thread takes them in item order and appends
     * their lines to the two files, whose own threads write them.
     */
    private static void writeAll(Decider decider, Purpose purpose, Instant at, OutputDirectory dir, ExecutorService pool,
            Tally tally, Progress progress) throws IOException {
        int n = decider.graph().size();
        int threads = Runtime.getRuntime().availableProcessors();
        ThreadLocal<Renderer> renderers = ThreadLocal.withInitial(() -> new Renderer(new Verdict(), new DecisionJson(), Tally.scratch()));
        Deque<Chunk> free = new ArrayDeque<>();
        try (OutputFile allowed = OutputFile.create(dir.file(ALLOWED)); OutputFile denied = OutputFile.create(dir.file(DENIED))) {
            Deque<Future<Chunk>> rendering = new ArrayDeque<>();
            int next = 0;
            while (next < n || !rendering.isEmpty()) {
                while (next < n && rendering.size() < threads * 4) {
                    int from = next;
                    int to = Math.min(n, from + CHUNK);
                    Chunk chunk = free.isEmpty() ? new Chunk() : free.pop();
                    rendering.add(pool.submit(() -> renderChunk(decider, purpose, at, from, to, renderers.get(), tally, chunk)));
                    next = to;
                }
                Chunk chunk = done(rendering.poll());
                allowed.append(chunk.allowedLines);
                denied.append(chunk.deniedLines);
                progress.advance(chunk.lines);
                free.push(chunk);
            }
        }
    }

    /** Decides and renders a chunk; counts it too, if the tally's own thread has not claimed it. */
    private static Chunk renderChunk(Decider decider, Purpose purpose, Instant at, int from, int to, Renderer renderer,
            Tally tally, Chunk chunk) {
        chunk.clear();
        ItemGraph graph = decider.graph();
        boolean counting = tally.claim(from);
        for (int node = from; node < to; node++) {
            Verdict v = decider.decide(node, purpose, at, renderer.verdict);
            if (counting) {
                tally.count(node, v, renderer.seen);
            }
            renderer.json.write(graph, node, v, v.allowed() ? chunk.allowedLines : chunk.deniedLines);
        }
        if (counting) {
            tally.counted();
        }
        chunk.lines = to - from;
        return chunk;
    }

    /** A task's result; what it threw, as it was thrown. */
    private static <T> T done(Future<T> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a task of the build failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building", e);
        }
    }

    /** One pool thread's reusable verdict, line writer and scratch for the tally. */
    private record Renderer(Verdict verdict, DecisionJson json, boolean[] seen) {}
}
