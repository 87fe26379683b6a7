package dev.consentry.cli;

import dev.consentry.gate.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The wall time of each phase of a build, for {@code gate --timings}: a phase lasts from its own
 * start to the next one's, the last to {@link #summary}. Passes every call on to the progress it wraps.
 */
final class PhaseTimings implements Progress {
    private final Progress progress;
    private final long start = System.nanoTime();
    private final List<String> names = new ArrayList<>();
    private final List<Long> starts = new ArrayList<>();

    PhaseTimings(Progress progress) {
        this.progress = progress;
    }

    @Override
    public void phase(String name, long total) {
        names.add(name);
        starts.add(System.nanoTime());
        progress.phase(name, total);
    }

    @Override
    public void advance(long done) {
        progress.advance(done);
    }

    /** Each phase and its seconds, then the total since this was made, e.g. {@code reading 9.81 s, ..., total 14.02 s}. */
    String summary() {
        long now = System.nanoTime();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            long end = i + 1 < starts.size() ? starts.get(i + 1) : now;
            line.append(String.format(Locale.ROOT, "%s %.2f s, ", names.get(i), (end - starts.get(i)) / 1e9));
        }
        return line.append(String.format(Locale.ROOT, "total %.2f s", (now - start) / 1e9)).toString();
    }
}
