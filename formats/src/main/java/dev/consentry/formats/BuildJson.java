package dev.consentry.formats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.consentry.build.BuildRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes {@code build.json}: {@code build}, {@code purpose}, {@code at}, {@code policy},
 * {@code versions}, {@code ledger_head}, {@code counts}, {@code denied_by_code} and
 * {@code merkle}, in that order, pretty-printed.
 */
public final class BuildJson {
    private BuildJson() {}

    public static void write(BuildRecord record, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonLines.JSON.createGenerator(out)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeStringField("build", record.build());
            g.writeStringField("purpose", record.purpose());
            g.writeStringField("at", record.at().toString());
            g.writeStringField("policy", record.policy());
            g.writeArrayFieldStart("versions");
            for (BuildRecord.VersionDigest v : record.versions()) {
                g.writeStartObject();
                g.writeStringField("version", v.version());
                g.writeStringField("sha256", v.sha256());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("ledger_head", record.ledgerHead());
            g.writeObjectFieldStart("counts");
            g.writeNumberField("items", record.counts().items());
            g.writeNumberField("allowed", record.counts().allowed());
            g.writeNumberField("denied", record.counts().denied());
            g.writeEndObject();
            g.writeObjectFieldStart("denied_by_code");
            for (Map.Entry<String, Long> e : record.deniedByCode().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("merkle");
            g.writeStringField("algorithm", record.merkle().algorithm());
            g.writeNumberField("size", record.merkle().size());
            g.writeStringField("root", record.merkle().root());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }
}
