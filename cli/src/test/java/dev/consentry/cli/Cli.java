package dev.consentry.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the real {@code consentry} command line in-process and captures what it prints. */
final class Cli {
    private Cli() {}

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Commands print results on System.out, so it is swapped for the run; tests run one at a time. */
    static synchronized Result run(String... args) {
        StringWriter err = new StringWriter();
        StringWriter picocliOut = new StringWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        int exit;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(err, true));
            cli.setOut(new PrintWriter(picocliOut, true));
            exit = cli.execute(args);
        } finally {
            System.setOut(previous);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8) + picocliOut, err.toString());
    }
}
