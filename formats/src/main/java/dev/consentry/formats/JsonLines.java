package dev.consentry.formats;

import static dev.consentry.error.ErrorCode.FILE_NOT_READABLE;
import static dev.consentry.error.ErrorCode.MALFORMED_SYNTAX;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.consentry.error.ConsentryException;
import dev.consentry.error.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Reads a JSON Lines file in parallel, keeping line order, and hashes its bytes.
 *
 * <p>Design: one thread reads the file in blocks of whole lines (and feeds the SHA-256 as it
 * goes); each block is parsed on a pool of one thread per core into a result of its own, by
 * that thread's {@link Block} reader, so per-block state such as interning tables needs no
 * locking. A thread's reader is reused from block to block, so its tables are allocated once
 * per thread, not grown again for each of hundreds of blocks. A semaphore
 * bounds the blocks in flight, so memory holds parsed values plus a few raw blocks, never the
 * whole file. The first error in file order wins, whatever thread finds it, and reading stops
 * once it is known. A block counts its lines as it parses them, from 1; its values' line numbers
 * and its errors are shifted into the file's as the blocks are joined in order.
 *
 * <p>A block reads each line in its plain form straight from the bytes ({@link Block#plainLine});
 * a line it does not know to be plain gets a JSON parser of its own, which reads whatever JSON
 * allows and reports an error on the line that has it. Consentry writes plain lines, and
 * Jackson, even with one parser per block rather than per line, cost more than the whole plain
 * read.
 */
final class JsonLines {
    static final JsonFactory JSON = JsonFactory.builder().build();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK = 4 << 20;
    /**
     * Bytes asked of the file at a time: each piece is copied twice (by the kernel, then by the JDK
     * from its direct buffer) and hashed while it is still in the core's cache, where a block read
     * whole was hashed from memory (a 10M-item gate 5% faster; docs/benchmarks.md, tenth round).
     */
    private static final int READ = 256 << 10;

    /**
     * A reader of blocks of lines, used by one thread: each block is {@linkplain #start started},
     * filled a line at a time, from its bytes when the line is plain ({@link #plainLine}), else
     * through a JSON parser ({@link #line}), and ended by taking its {@link #result}.
     */
    interface Block<B> {
        int NOT_PLAIN = -1;

        /** Begins a block of about {@code expectedValues} values, forgetting the last block's. */
        void start(int expectedValues);

        /**
         * Reads the line that starts at {@code buf[from]} if it is plain, and returns where it
         * ends: the index of its newline, or {@code limit} for a last line without one. Returns
         * {@link #NOT_PLAIN}, having added nothing, for any line it does not read.
         */
        int plainLine(byte[] buf, int from, int limit);

        /**
         * Reads a line that is not plain, with the parser on its opening brace; must consume the
         * object up to and including its closing brace, or throw the error the line has.
         */
        void line(JsonParser parser, LineContext line) throws IOException;

        B result();
    }

    /** The file and line being parsed, to build located errors. */
    record LineContext(String file, int line) {
        ConsentryException error(dev.consentry.error.ErrorCode code, JsonParser parser, String field, String detail) {
            JsonLocation at = parser.currentTokenLocation();
            return new ConsentryException(code, SourceLocation.of(file, line, Math.max(0, at.getColumnNr()), field), detail);
        }
    }

    /** Each block's result in file order, the line number of every value in file order, and the file's SHA-256. */
    record Result<B>(List<B> blocks, LineNumbers lines, String sha256) {}

    /**
     * One block's result, the line numbers of its values counted from the block's first line as
     * line 1, and how many lines the block has: a block learns where it starts in the file only
     * once the blocks before it are counted, which the parsing threads do as they parse.
     */
    private record Parsed<B>(B result, LineNumbers lines, int lineCount, int length) {}

    private JsonLines() {}

    /** A generator for JSON Lines: UTF-8, no separator between values but the newline each writer adds. */
    static JsonGenerator generator(OutputStream out) {
        try {
            JsonGenerator g = JSON.createGenerator(out);
            g.setRootValueSeparator(new SerializedString(""));
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file; {@code readers} makes the reader of each thread that parses blocks of it. */
    static <B> Result<B> read(Path path, Supplier<? extends Block<B>> readers) {
        String file = path.toString();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "consentry-parse");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<Block<B>> reader = ThreadLocal.withInitial(readers);
        Semaphore inFlight = new Semaphore(threads * 3);
        // Block buffers are reused: at 4 MiB each is a humongous object to G1, costly to allocate by the thousand.
        Queue<byte[]> spare = new ConcurrentLinkedQueue<>();
        List<Future<Parsed<B>>> parsed = new ArrayList<>();
        MessageDigest sha256 = Hashing.sha256();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] carry = new byte[0];
            int checked = 0;
            // The first line of the earliest block not yet checked, and the bytes and values of those checked.
            int checkedLine = 1;
            long checkedBytes = 0;
            long checkedValues = 0;
            while (true) {
                int limit = carry.length + BLOCK;
                byte[] spared = spare.poll();
                byte[] buf = spared != null && spared.length >= limit ? spared : new byte[Math.max(limit, BLOCK + BLOCK / 4)];
                System.arraycopy(carry, 0, buf, 0, carry.length);
                int len = carry.length;
                int n;
                while (len < limit && (n = in.read(buf, len, Math.min(limit - len, READ))) > 0) {
                    sha256.update(buf, len, n);
                    len += n;
                }
                boolean eof = len < limit;
                if (eof && len == 0) {
                    // An empty file, or one whose last line ended exactly at a block boundary.
                    break;
                }
                int cut = eof ? len : lastNewline(buf, len) + 1;
                if (cut == 0) {
                    carry = Arrays.copyOf(buf, len);
                    continue;
                }
                carry = Arrays.copyOfRange(buf, cut, len);
                final boolean fileStart = parsed.isEmpty();
                final int blockLength = cut;
                // A block's lines are counted as it is parsed. Its reader is told how many values to
                // expect from the values per byte of the blocks joined so far, a tenth over (a block with
                // more grows once; blank lines, which hold none, do not inflate it); until a block is
                // joined, from its lines, counted here.
                final int expected = checkedBytes == 0 ? countNewlines(buf, cut) + 1
                        : (int) Math.min(Integer.MAX_VALUE - 8, cut * checkedValues / checkedBytes * 11 / 10 + 16);
                inFlight.acquire();
                parsed.add(pool.submit(() -> {
                    try {
                        Block<B> block = reader.get();
                        block.start(expected);
                        return parse(file, buf, blockLength, fileStart, block);
                    } finally {
                        spare.offer(buf);
                        inFlight.release();
                    }
                }));
                // Stop reading once the earliest unfinished block is known to be bad.
                while (checked < parsed.size() && parsed.get(checked).isDone()) {
                    Parsed<B> done = joined(parsed.get(checked++), checkedLine);
                    checkedLine += done.lineCount();
                    checkedBytes += done.length();
                    checkedValues += done.lines().count();
                }
                if (eof) {
                    break;
                }
            }
            List<B> results = new ArrayList<>(parsed.size());
            LineNumbers.Builder lines = new LineNumbers.Builder();
            int firstLine = 1;
            for (Future<Parsed<B>> block : parsed) {
                Parsed<B> p = joined(block, firstLine);
                results.add(p.result());
                lines.add(p.lines(), firstLine - 1);
                firstLine += p.lineCount();
            }
            return new Result<>(results, lines.build(), Hashing.hex(sha256.digest()));
        } catch (IOException e) {
            throw new ConsentryException(FILE_NOT_READABLE, Optional.of(SourceLocation.file(file)),
                    "cannot read: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConsentryException ce) {
                throw ce;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw new ConsentryException(FILE_NOT_READABLE, Optional.of(SourceLocation.file(file)),
                        "cannot read: " + io.getMessage(), io);
            }
            throw new IllegalStateException("parsing " + file + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + file, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A block's result once it is parsed; an error it has names its line in the file, the block
     * starting on {@code firstLine} (a block numbers its lines from 1).
     */
    private static <B> Parsed<B> joined(Future<Parsed<B>> block, int firstLine)
            throws InterruptedException, ExecutionException {
        try {
            return block.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ConsentryException error) {
                throw new ConsentryException(error.code(), error.location().map(at -> at.line() == 0 ? at
                        : new SourceLocation(at.file(), at.line() + firstLine - 1, at.column(), at.field())),
                        error.detail(), error.getCause());
            }
            throw e;
        }
    }

    /** Parses a block, numbering its lines from 1; {@code fileStart} when it begins the file. */
    private static <B> Parsed<B> parse(String file, byte[] buf, int length, boolean fileStart, Block<B> block) {
        LineNumbers.Builder lines = new LineNumbers.Builder();
        int line = 1;
        int start = 0;
        while (start < length) {
            int end = block.plainLine(buf, start, length);
            if (end != Block.NOT_PLAIN) {
                lines.add(line++);
                start = end + 1;
                continue;
            }
            end = start;
            while (end < length && buf[end] != '\n') {
                end++;
            }
            int contentEnd = end > start && buf[end - 1] == '\r' ? end - 1 : end;
            if (!isBlank(buf, start, contentEnd)) {
                parseLine(file, buf, start, contentEnd - start, line, fileStart && start == 0, block);
                lines.add(line);
            }
            line++;
            start = end + 1;
        }
        return new Parsed<>(block.result(), lines.build(), line - 1, length);
    }

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * Reads a line that is not plain through the JSON parser, once its bytes are known to be
     * UTF-8. A byte order mark is taken only where one belongs, at the very start of the file
     * ({@code fileStart}); the parser would skip it at the start of any line it is given.
     */
    private static void parseLine(String file, byte[] buf, int offset, int length, int line, boolean fileStart,
            Block<?> block) {
        int malformed = Utf8.firstMalformed(buf, offset, offset + length);
        if (malformed >= 0) {
            throw new ConsentryException(MALFORMED_SYNTAX, SourceLocation.of(file, line, malformed - offset + 1, null),
                    Utf8.describe(buf, malformed, offset + length));
        }
        if (!fileStart && length >= 3 && Arrays.equals(buf, offset, offset + 3, BYTE_ORDER_MARK, 0, 3)) {
            throw new ConsentryException(MALFORMED_SYNTAX, SourceLocation.of(file, line, 1, null),
                    "a byte order mark may only begin the file, not a line after the first");
        }
        LineContext context = new LineContext(file, line);
        try (JsonParser parser = JSON.createParser(buf, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw context.error(MALFORMED_SYNTAX, parser, null, "expected a JSON object on this line");
            }
            block.line(parser, context);
            if (parser.nextToken() != null) {
                throw context.error(MALFORMED_SYNTAX, parser, null, "unexpected content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConsentryException(MALFORMED_SYNTAX,
                    Optional.of(SourceLocation.of(file, line, at == null ? 0 : Math.max(0, at.getColumnNr()), null)),
                    "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBlank(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static int lastNewline(byte[] buf, int len) {
        for (int i = len - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Counts newlines eight bytes at a time, to size the blocks handed on before the first is
     * joined. A byte of {@code x} is zero exactly when its high bit survives
     * {@code ~((x & 0x7F..) + 0x7F.. | x | 0x7F..)}.
     */
    private static int countNewlines(byte[] buf, int len) {
        int count = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            long x = (long) LONGS.get(buf, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long zeros = ~((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL | x | 0x7F7F7F7F7F7F7F7FL);
            count += Long.bitCount(zeros);
        }
        for (; i < len; i++) {
            if (buf[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
