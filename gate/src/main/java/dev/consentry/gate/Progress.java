package dev.consentry.gate;

/**
 * Told how far a build has got, for a progress bar or a record of where the time went; called from
 * the thread that runs the build. A {@link LocalGate#run} build's phases, in order: {@code reading}
 * (policy, events, items), {@code lineage}, {@code preparing} (labels, erasures, owners),
 * {@code deciding} (the only one with a total: its units are items written) and {@code merkle}
 * (the tree's remainder once the lines are written); one of {@link LocalGate#build} starts at
 * {@code preparing}.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void phase(String name, long total) {}

        @Override
        public void advance(long done) {}
    };

    /** A new phase of {@code total} units begins (0 when the total is not known). */
    void phase(String name, long total);

    /** {@code done} more units of the current phase are complete. */
    void advance(long done);
}
