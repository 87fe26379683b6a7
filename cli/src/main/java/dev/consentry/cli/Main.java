package dev.consentry.cli;

import dev.consentry.error.ConsentryException;
import dev.consentry.error.ErrorKind;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code consentry} command. Exit codes: 0 done; 1 a check failed (a lint finding, a
 * verification failure); 2 bad input, with a message naming the file, line and field; 3 an
 * internal error.
 */
@Command(name = "consentry", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "The gate between a communications platform's customer data and its AI training.",
        subcommands = {GateCommand.class, ExplainCommand.class, GenerateCommand.class, DemoCommand.class, PolicyCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL = 3;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line. picocli hands only exceptions to {@link #handle}; an {@link Error}
     * would leave the JVM with exit code 1, which says a check failed, so it is reported here as
     * the internal error it is. Running out of memory says how to give the JVM more.
     */
    static int execute(String[] args) {
        try {
            return commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("consentry: out of memory (" + e.getMessage() + "); give the JVM a larger heap with "
                    + "CONSENTRY_JAVA_OPTS=-Xmx<size>, or split the input");
            return INTERNAL;
        } catch (Error e) {
            System.err.println("consentry: internal error: " + e);
            e.printStackTrace();
            return INTERNAL;
        }
    }

    /** The configured command line, for tests to run in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("consentry: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof ConsentryException ce) {
            err.println("consentry: " + ce.getMessage() + " [" + ce.code() + "]");
            err.flush();
            return ce.code().kind() == ErrorKind.USER_ERROR ? BAD_INPUT
                    : ce.code().kind() == ErrorKind.CHECK_FAILED ? CHECK_FAILED : INTERNAL;
        }
        err.println("consentry: internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return INTERNAL;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"consentry " + (v == null ? "development build" : v)};
        }
    }
}
