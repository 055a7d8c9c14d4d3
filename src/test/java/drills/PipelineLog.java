package drills;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's own log lines that a drill follows a child JVM's progress by ({@link ChildJvm} reads the lines): one
 * place for their wording, so the crash and the scale-out drills read them alike.
 */
final class PipelineLog {

    /** AlertSteps, once SNS acknowledged the publish: {@code Alert sent: sku-1 at store s1 quantity 0 (event 37cd..., INSERT)}. */
    private static final Pattern ALERT_SENT = Pattern.compile("AlertSteps - Alert sent: .*\\(event ([0-9a-f]+), ");
    /** FileImport, once the file is reported and archived: {@code Imported incoming/a.csv: 5 rows, ...}. */
    private static final Pattern IMPORTED = Pattern.compile("FileImport - Imported (\\S+):");
    /** The banner, once every route started. */
    private static final String RUNNING = "Inventory pipeline running";

    private PipelineLog() {
    }

    /** The stream eventID of an "Alert sent" line, else null. */
    static String alertSent(String line) {
        return group(ALERT_SENT.matcher(line));
    }

    /** The key of an "Imported" line, else null. */
    static String imported(String line) {
        return group(IMPORTED.matcher(line));
    }

    static boolean running(String line) {
        return line.contains(RUNNING);
    }

    private static String group(Matcher m) {
        return m.find() ? m.group(1) : null;
    }
}
