package dev.consentry.cli;

import picocli.CommandLine.Command;

/** {@code consentry policy}: tools for policy authors. It does nothing itself; its subcommands do. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Examine policy versions: what each decides for every (category, purpose) pair, what it gets wrong or"
                + " leaves unsaid, and what changed between two.",
        subcommands = {LintCommand.class, DiffCommand.class})
final class PolicyCommand {
    /** How {@code lint} and {@code diff} print their report. */
    enum Format { text, json }
}
