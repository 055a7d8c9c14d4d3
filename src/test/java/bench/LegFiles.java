package bench;

import java.nio.file.Path;

/**
 * Writes the stream-leg bench's kind of input files into a folder, for {@code bench/pinned-cpu.sh}: a 100,000-row
 * warm-up ({@code files/warm100000.csv}) and one 50,000-row file per round ({@code files/leg50000-r<N>.csv}), each
 * with its own SKUs, so that every round inserts its rows as StreamLegBench's imports do.
 */
public final class LegFiles {

    private LegFiles() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench-pinned");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Bench.generate(out, "warm100000", 100_000);
        for (int r = 1; r <= rounds; r++) {
            Bench.generate(out, "leg50000-r" + r, 50_000);
        }
    }
}
