package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The figures of one run, printed as a table and written as Markdown. */
final class Results {

    /** {@code vsSeed}, {@code vsCeiling}: the row's rate over the boto3 seed-style loop's and the ceiling's, or empty. */
    record Row(String measurement, String value, String target, String verdict, String vsSeed, String vsCeiling) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    synchronized void add(String measurement, String value) {
        add(measurement, value, "", "");
    }

    synchronized void add(String measurement, String value, String target, Boolean met) {
        add(measurement, value, target, met == null ? "" : met ? "met" : "NOT met");
    }

    synchronized void add(String measurement, String value, String target, String verdict) {
        add(new Row(measurement, value, target, verdict, "", ""));
    }

    /** A rate beside the two baselines; {@code seed} null when the boto3 loop could not run. */
    synchronized void compared(String measurement, String value, double rate, Double seed, double ceiling) {
        add(new Row(measurement, value, "", "", seed == null ? "n/a" : String.format("%.1f", rate / seed),
                String.format("%.2f", rate / ceiling)));
    }

    private void add(Row row) {
        rows.add(row);
        System.out.printf("  %-58s %s%s%n", row.measurement(), row.value(),
                (row.target().isEmpty() ? "" : "   (target " + row.target() + ": " + row.verdict() + ")")
                        + (row.vsCeiling().isEmpty() ? "" : "   (x" + row.vsSeed() + " boto3 loop, " + row.vsCeiling() + " of ceiling)"));
    }

    synchronized void note(String note) {
        notes.add(note);
        System.out.println("  note: " + note);
    }

    String table() {
        int w0 = "measurement".length();
        int w1 = "value".length();
        int w2 = "target".length();
        for (Row r : rows) {
            w0 = Math.max(w0, r.measurement().length());
            w1 = Math.max(w1, r.value().length());
            w2 = Math.max(w2, r.target().length());
        }
        String format = "| %-" + w0 + "s | %" + w1 + "s | %-" + w2 + "s | %-7s | %12s | %10s |%n";
        StringBuilder b = new StringBuilder();
        b.append(String.format(format, "measurement", "value", "target", "verdict", "vs boto3 loop", "vs ceiling"));
        b.append(String.format(format, "-".repeat(w0), "-".repeat(w1), "-".repeat(w2), "-".repeat(7), "-".repeat(12),
                "-".repeat(10)));
        for (Row r : rows) {
            b.append(String.format(format, r.measurement(), r.value(), r.target(), r.verdict(), r.vsSeed(), r.vsCeiling()));
        }
        for (String n : notes) {
            b.append("\n- ").append(n);
        }
        return b.toString();
    }

    void write(Path file, String header) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, header + "\n\n" + table() + "\n");
    }
}
