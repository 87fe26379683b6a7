package dev.consentry.formats;

import java.util.Arrays;

/**
 * The line each value of a file came from, kept as runs of consecutive lines: a file with no
 * blank line is one run whatever its size, where a number per value was 40 MB at ten million
 * items, held till the whole file was read and copied by the collector on the way
 * (docs/benchmarks.md, seventh round). Run r begins at value {@code firstValue[r]}, on line
 * {@code firstLine[r]}, and its values are on consecutive lines.
 */
public final class LineNumbers {
    private final int[] firstValue;
    private final int[] firstLine;
    private final int runs;
    private final int count;

    private LineNumbers(int[] firstValue, int[] firstLine, int runs, int count) {
        this.firstValue = firstValue;
        this.firstLine = firstLine;
        this.runs = runs;
        this.count = count;
    }

    /** {@code count} values on lines {@code firstLine}, {@code firstLine + 1} and so on. */
    public static LineNumbers consecutive(int count, int firstLine) {
        return new Builder().add(firstLine, count).build();
    }

    /** How many values there are. */
    public int count() {
        return count;
    }

    /** The line value {@code value} (from 0) came from. */
    public int line(int value) {
        if (value < 0 || value >= count) {
            throw new IndexOutOfBoundsException("value " + value + " of " + count);
        }
        int run = Arrays.binarySearch(firstValue, 0, runs, value);
        if (run < 0) {
            run = -run - 2;
        }
        return firstLine[run] + (value - firstValue[run]);
    }

    /** Collects values in file order. */
    static final class Builder {
        private int[] firstValue = new int[4];
        private int[] firstLine = new int[4];
        private int runs;
        private int count;
        private int nextLine = -1;

        /** The next value, on {@code line}. */
        Builder add(int line) {
            return add(line, 1);
        }

        /** The next {@code values} values, on consecutive lines from {@code line}. */
        Builder add(int line, int values) {
            if (values == 0) {
                return this;
            }
            if (line != nextLine) {
                if (runs == firstValue.length) {
                    firstValue = Arrays.copyOf(firstValue, runs * 2);
                    firstLine = Arrays.copyOf(firstLine, runs * 2);
                }
                firstValue[runs] = count;
                firstLine[runs] = line;
                runs++;
            }
            count = Math.addExact(count, values);
            nextLine = line + values;
            return this;
        }

        /**
         * Appends, in order, the values of a stretch of the file whose lines were numbered from 1
         * where the file's line {@code offset + 1} is.
         */
        Builder add(LineNumbers lines, int offset) {
            for (int r = 0; r < lines.runs; r++) {
                int end = r + 1 < lines.runs ? lines.firstValue[r + 1] : lines.count;
                add(Math.addExact(lines.firstLine[r], offset), end - lines.firstValue[r]);
            }
            return this;
        }

        LineNumbers build() {
            return new LineNumbers(firstValue, firstLine, runs, count);
        }
    }
}
