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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Reads a JSON Lines file in parallel, keeping line order, and hashes its bytes.
 *
 * <p>Design: one thread reads the file in blocks of whole lines (and feeds the SHA-256 as it
 * goes); each block is parsed on a pool of one thread per core, every line with its own parser,
 * so a malformed line is reported on that line and never on the next one. A semaphore bounds the
 * blocks in flight, so memory holds parsed values plus a few raw blocks, never the whole file.
 * The first error in file order wins, whatever thread finds it.
 */
final class JsonLines {
    static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int BLOCK = 4 << 20;

    /**
     * Parses one line, positioned on its first token; the line number is 1-based. Each block of
     * lines gets its own parser from the factory given to {@link #read}, so a parser may keep
     * per-block state (interning tables) without synchronisation.
     */
    interface LineParser<T> {
        T parse(JsonParser parser, LineContext line) throws IOException;
    }

    /** The file and line being parsed, to build located errors. */
    record LineContext(String file, int line) {
        ConsentryException error(dev.consentry.error.ErrorCode code, JsonParser parser, String field, String detail) {
            JsonLocation at = parser.currentTokenLocation();
            return new ConsentryException(code, SourceLocation.of(file, line, Math.max(0, at.getColumnNr()), field), detail);
        }
    }

    /** The parsed lines in file order, the line number each came from, and the file's SHA-256. */
    record Result<T>(List<T> values, int[] lines, String sha256) {}

    /** One block's parsed values and their line numbers. */
    private record Block<T>(List<T> values, int[] lines) {}

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

    static <T> Result<T> read(Path path, java.util.function.Supplier<LineParser<T>> parsers) {
        String file = path.toString();
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "consentry-parse");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(threads * 3);
        List<Future<Block<T>>> blocks = new ArrayList<>();
        MessageDigest sha256 = Hashing.sha256();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] carry = new byte[0];
            int line = 1;
            while (true) {
                byte[] buf = new byte[carry.length + BLOCK];
                System.arraycopy(carry, 0, buf, 0, carry.length);
                int len = carry.length;
                int n;
                while (len < buf.length && (n = in.read(buf, len, buf.length - len)) > 0) {
                    sha256.update(buf, len, n);
                    len += n;
                }
                boolean eof = len < buf.length;
                if (eof && len == 0) {
                    // An empty file, or one whose last line ended exactly at a block boundary.
                    break;
                }
                int cut = eof ? len : lastNewline(buf, len) + 1;
                if (cut == 0) {
                    carry = java.util.Arrays.copyOf(buf, len);
                    continue;
                }
                carry = java.util.Arrays.copyOfRange(buf, cut, len);
                final int firstLine = line;
                final int blockLength = cut;
                line += countNewlines(buf, cut);
                inFlight.acquire();
                blocks.add(pool.submit(() -> {
                    try {
                        return parseBlock(file, buf, blockLength, firstLine, parsers.get());
                    } finally {
                        inFlight.release();
                    }
                }));
                if (eof) {
                    break;
                }
            }
            List<Block<T>> parsed = new ArrayList<>(blocks.size());
            int total = 0;
            for (Future<Block<T>> block : blocks) {
                parsed.add(block.get());
                total += parsed.get(parsed.size() - 1).values().size();
            }
            List<T> values = new ArrayList<>(total);
            int[] lines = new int[total];
            for (Block<T> block : parsed) {
                System.arraycopy(block.lines(), 0, lines, values.size(), block.values().size());
                values.addAll(block.values());
            }
            return new Result<>(values, lines, Hashing.hex(sha256.digest()));
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

    private static <T> Block<T> parseBlock(String file, byte[] buf, int length, int firstLine, LineParser<T> lineParser) {
        List<T> out = new ArrayList<>(length / 128);
        int[] lines = new int[length / 128];
        int line = firstLine;
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && buf[end] != '\n') {
                end++;
            }
            int contentEnd = end > start && buf[end - 1] == '\r' ? end - 1 : end;
            if (!isBlank(buf, start, contentEnd)) {
                if (out.size() == lines.length) {
                    lines = java.util.Arrays.copyOf(lines, lines.length * 2 + 1);
                }
                lines[out.size()] = line;
                out.add(parseLine(file, buf, start, contentEnd - start, line, lineParser));
            }
            line++;
            start = end + 1;
        }
        return new Block<>(out, lines);
    }

    private static <T> T parseLine(String file, byte[] buf, int offset, int length, int line, LineParser<T> lineParser) {
        LineContext context = new LineContext(file, line);
        try (JsonParser parser = JSON.createParser(buf, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw context.error(MALFORMED_SYNTAX, parser, null, "expected a JSON object on this line");
            }
            T value = lineParser.parse(parser, context);
            if (parser.nextToken() != null) {
                throw context.error(MALFORMED_SYNTAX, parser, null, "unexpected content after the JSON object");
            }
            return value;
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

    private static int countNewlines(byte[] buf, int len) {
        int count = 0;
        for (int i = 0; i < len; i++) {
            if (buf[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
