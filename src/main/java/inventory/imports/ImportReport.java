package inventory.imports;

import java.time.Instant;
import java.util.List;

/**
 * What one import did, written as {@code reports/<key>.json}. {@code errors} lists at most
 * {@link ImportSession#MAX_REPORTED_ERRORS} rejections ({@code errorsOmitted} counts the rest; the
 * rejected-rows CSV has every one).
 *
 * @param status  {@code processed} or {@code failed}
 * @param failure why the file failed, or null
 */
public record ImportReport(String file, long rows, long inserted, long updated, long stale, long rejected,
                           List<RowError> errors, long errorsOmitted, String startedAt, String finishedAt,
                           String status, String failure, String rejectedRows, String archivedAs) {

    /** One rejected row. */
    public record RowError(long line, String reason) {
    }

    static String time(Instant instant) {
        return UpdatedAt.format(instant);
    }
}
