package dev.consentry.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Line numbers kept as runs give back each value's line, across blank lines and blocks. */
class LineNumbersTest {
    @Test
    void values_on_consecutive_lines_are_one_run_and_gaps_start_new_ones() {
        // Blocks number their lines from 1; the second starts on line 6 of the file, after five lines.
        LineNumbers.Builder first = new LineNumbers.Builder().add(1).add(2).add(4).add(5);
        LineNumbers.Builder second = new LineNumbers.Builder().add(1, 3).add(7);
        LineNumbers lines = new LineNumbers.Builder().add(first.build(), 0).add(second.build(), 5)
                .add(new LineNumbers.Builder().build(), 12).build();
        assertThat(lines.count()).isEqualTo(8);
        int[] expected = {1, 2, 4, 5, 6, 7, 8, 12};
        for (int value = 0; value < expected.length; value++) {
            assertThat(lines.line(value)).as("value %d", value).isEqualTo(expected[value]);
        }
        assertThatThrownBy(() -> lines.line(8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> lines.line(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void many_runs_grow_the_builder() {
        LineNumbers.Builder builder = new LineNumbers.Builder();
        for (int value = 0; value < 1_000; value++) {
            builder.add(3 * value + 1);
        }
        LineNumbers lines = builder.build();
        for (int value = 0; value < 1_000; value++) {
            assertThat(lines.line(value)).isEqualTo(3 * value + 1);
        }
        assertThat(LineNumbers.consecutive(5, 10).line(4)).isEqualTo(14);
        assertThat(LineNumbers.consecutive(0, 1).count()).isZero();
    }
}
