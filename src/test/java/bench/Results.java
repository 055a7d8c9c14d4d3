package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The figures of one run, printed as a table and written as Markdown. */
final class Results {

    record Row(String measurement, String value, String target, String verdict) {
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
        rows.add(new Row(measurement, value, target, verdict));
        System.out.printf("  %-58s %s%n", measurement, value + (target.isEmpty() ? "" : "   (target " + target + ": " + verdict + ")"));
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
        String format = "| %-" + w0 + "s | %" + w1 + "s | %-" + w2 + "s | %-7s |%n";
        StringBuilder b = new StringBuilder();
        b.append(String.format(format, "measurement", "value", "target", "verdict"));
        b.append(String.format(format, "-".repeat(w0), "-".repeat(w1), "-".repeat(w2), "-".repeat(7)));
        for (Row r : rows) {
            b.append(String.format(format, r.measurement(), r.value(), r.target(), r.verdict()));
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
