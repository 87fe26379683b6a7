package dev.consentry.gate;

/** Told how far a build has got, for a progress bar; called from the thread that runs the build. */
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
