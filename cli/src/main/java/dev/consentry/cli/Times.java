package dev.consentry.cli;

import dev.consentry.error.ConsentryException;
import dev.consentry.error.ErrorCode;
import dev.consentry.error.SourceLocation;
import dev.consentry.time.Instants;
import java.time.Instant;
import picocli.CommandLine;

/** Converts {@code --at} values: ISO-8601 date-times with an offset. */
final class Times implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        return Instants.parse(value).orElseThrow(() -> new ConsentryException(ErrorCode.BAD_ARGUMENT,
                SourceLocation.of("--at", 0, 0, null),
                "'" + value + "' is not an ISO-8601 date-time with an offset, such as 2023-08-09T10:00:00Z"));
    }
}
