package dev.consentry.cli;

import dev.consentry.gate.Progress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error, shown only when a person is watching a terminal. */
final class TerminalProgress implements Progress, AutoCloseable {
    private final boolean terminal;
    private ProgressBar bar;

    private TerminalProgress(boolean terminal) {
        this.terminal = terminal;
    }

    static TerminalProgress open() {
        return new TerminalProgress(System.console() != null);
    }

    @Override
    public void phase(String name, long total) {
        close();
        if (terminal && total > 0) {
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).continuousUpdate().showSpeed().setUnit(" items", 1).build();
        }
    }

    @Override
    public void advance(long done) {
        if (bar != null) {
            bar.stepBy(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
