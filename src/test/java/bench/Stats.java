package bench;

import java.util.Arrays;

/** Percentiles of a sample (nearest-rank), for latencies. */
record Stats(int count, double min, double p50, double p95, double p99, double max) {

    static Stats of(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return new Stats(v.length, v[0], rank(v, 50), rank(v, 95), rank(v, 99), v[v.length - 1]);
    }

    /** Nearest-rank percentile: the smallest value with at least p% of the sample at or below it. */
    static double rank(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
