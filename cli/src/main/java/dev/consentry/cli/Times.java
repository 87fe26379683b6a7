package dev.consentry.cli;

import dev.consentry.time.Instants;
import java.time.Instant;
import picocli.CommandLine;

/** Converts {@code --at} values: ISO-8601 date-times with an offset. */
final class Times implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        return Instants.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "'" + value + "' is not an ISO-8601 date-time with an offset, such as 2023-08-09T10:00:00Z"));
    }
}
