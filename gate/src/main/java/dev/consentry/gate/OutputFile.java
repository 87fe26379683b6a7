package dev.consentry.gate;

import dev.consentry.formats.LineBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A file written once, front to back, past the page cache where the file system allows
 * ({@code O_DIRECT}). A build's outputs are gigabytes that nothing reads back soon: copying them
 * into the page cache cost a 10M-item gate more kernel time than the disk takes to write them
 * directly (docs/benchmarks.md). Lines are gathered into aligned buffers that a thread of the
 * file's own writes while the next fills; the last, partial buffer is padded to the file system's
 * block and the file cut back to its length. Where {@code O_DIRECT} is refused, the same buffers
 * go through the page cache.
 *
 * <p>Not thread-safe: one thread appends.
 */
final class OutputFile implements AutoCloseable {
    private static final int BUFFER = 8 << 20;
    private static final int IN_FLIGHT = 3;

    private final FileChannel channel;
    private final int block;
    private final int bufferSize;
    private final ExecutorService writer;
    private final Deque<Future<ByteBuffer>> writing = new ArrayDeque<>();
    private final Deque<ByteBuffer> free = new ArrayDeque<>();
    private ByteBuffer current;
    private long position;
    private boolean closed;

    private OutputFile(FileChannel channel, int block, int bufferSize) {
        this.channel = channel;
        this.block = block;
        this.bufferSize = bufferSize;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "consentry-write");
            t.setDaemon(true);
            return t;
        });
        this.current = buffer();
    }

    /**
     * {@code O_DIRECT}, which only the JDK's {@code com.sun.nio.file.ExtendedOpenOption} names. It
     * is looked up by name: newer compilers (Java 25's, measured) warn of that class as internal
     * API whatever the {@code --release}, and the build fails on any warning.
     */
    static final Optional<OpenOption> DIRECT = directOption();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Optional<OpenOption> directOption() {
        try {
            return Optional.of((OpenOption) Enum.valueOf((Class) Class.forName("com.sun.nio.file.ExtendedOpenOption"), "DIRECT"));
        } catch (ClassNotFoundException | IllegalArgumentException absent) {
            return Optional.empty();
        }
    }

    /** Creates {@code path}, which must not exist, to be written past the page cache if its file system allows. */
    static OutputFile create(Path path) throws IOException {
        return create(path, true, BUFFER);
    }

    /** As {@link #create(Path)}, or through the page cache unless {@code tryDirect}; buffers of {@code bufferSize} bytes. */
    static OutputFile create(Path path, boolean tryDirect, int bufferSize) throws IOException {
        if (tryDirect) {
            try {
                int block = (int) Files.getFileStore(path.toAbsolutePath().getParent()).getBlockSize();
                if (DIRECT.isPresent() && block > 0 && bufferSize % block == 0) {
                    return new OutputFile(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            DIRECT.get()), block, bufferSize);
                }
            } catch (IOException | UnsupportedOperationException refused) {
                Files.deleteIfExists(path);
            }
        }
        return new OutputFile(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1, bufferSize);
    }

    /** Bytes appended so far. */
    long length() {
        return position + current.position();
    }

    void append(LineBuffer lines) throws IOException {
        for (int from = 0; from < lines.length(); ) {
            from += lines.copyTo(from, current);
            if (!current.hasRemaining()) {
                submit(current);
                current = buffer();
            }
        }
    }

    /** Writes what is left, waits for every write and closes the file; its length is then what was appended. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            long length = length();
            if (current.position() > 0) {
                int tail = current.position();
                int padded = (tail + block - 1) / block * block;
                while (current.position() < padded) {
                    current.put((byte) 0);
                }
                submit(current);
            }
            while (!writing.isEmpty()) {
                await(writing.poll());
            }
            if (channel.size() != length) {
                channel.truncate(length);
            }
        } finally {
            writer.shutdownNow();
            channel.close();
        }
    }

    private void submit(ByteBuffer full) throws IOException {
        full.flip();
        long at = position;
        position += full.remaining();
        writing.add(writer.submit(() -> {
            long to = at;
            while (full.hasRemaining()) {
                to += channel.write(full, to);
            }
            return full.clear();
        }));
        while (writing.size() >= IN_FLIGHT || !writing.isEmpty() && writing.peek().isDone()) {
            free.push(await(writing.poll()));
        }
    }

    private ByteBuffer buffer() {
        // Direct I/O takes memory aligned to the block; a slice of a larger buffer is.
        return free.isEmpty() ? ByteBuffer.allocateDirect(bufferSize + block).alignedSlice(block).slice(0, bufferSize) : free.pop();
    }

    private static ByteBuffer await(Future<ByteBuffer> write) throws IOException {
        try {
            return write.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("writing failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
        }
    }
}
