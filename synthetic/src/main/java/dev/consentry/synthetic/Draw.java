package dev.consentry.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/** The random draws the generator makes, over one {@link SplittableRandom}; not thread-safe. */
final class Draw {
    private final SplittableRandom random;

    Draw(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream for a sub-task, split off in a fixed order so the output stays a function of the seed. */
    Draw split() {
        return new Draw(random.split());
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    double uniform() {
        return random.nextDouble();
    }

    /** Uniform in {@code [lo, hi]}. */
    int between(int lo, int hi) {
        return random.nextInt(lo, hi + 1);
    }

    /** Uniform in {@code [lo, hi)}. */
    long between(long lo, long hi) {
        return random.nextLong(lo, hi);
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    /**
     * A Poisson count: Knuth's product of uniforms for small means, the rounded normal
     * approximation above 30 (where it is within a fraction of a percent and Knuth's loop would
     * take as many draws as the mean).
     */
    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
