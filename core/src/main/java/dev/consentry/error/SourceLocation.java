package dev.consentry.error;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where in an input a problem is: the file, the 1-based line and column when the format has
 * them (0 when it does not), and the field path such as {@code rules[2].categories[0]}.
 */
public record SourceLocation(String file, int line, int column, Optional<String> field) {
    public SourceLocation {
        requireNonNull(file, "file is null");
        requireNonNull(field, "field is null");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column are 1-based, or 0 when unknown");
        }
    }

    public static SourceLocation of(String file, int line, int column, String field) {
        return new SourceLocation(file, line, column, Optional.ofNullable(field));
    }

    public static SourceLocation file(String file) {
        return new SourceLocation(file, 0, 0, Optional.empty());
    }

    /** {@code file:line:column: field} with the parts that are known. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        field.ifPresent(f -> s.append(": ").append(f));
        return s.toString();
    }
}
