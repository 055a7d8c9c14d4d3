package inventory.imports;

import java.time.Instant;
import java.util.List;

/**
 * What one import did, written as {@code reports/<key>.json}. {@code errors} lists at most
 * {@link ImportSession#MAX_REPORTED_ERRORS} rejections ({@code errorsOmitted} counts the rest; the
 * rejected-rows CSV has every one), each reason escaped and clipped ({@link Printable}), so a report is never
 * larger than {@link #MAX_BYTES} whatever the file holds.
 *
 * @param status     {@code processed} or {@code failed}
 * @param failure    why the file failed, or null
 * @param archivedAs where the upload was moved, or null when it was not: the key held a newer upload by then
 */
public record ImportReport(String file, long rows, long inserted, long updated, long stale, long rejected,
                           List<RowError> errors, long errorsOmitted, String startedAt, String finishedAt,
                           String status, String failure, String rejectedRows, String archivedAs) {

    /**
     * The most a report can weigh: 100 errors of at most 300 characters plus the length marker (924 UTF-8 bytes)
     * with their line and indentation (about 60), the failure (1,000 characters: 3,024 bytes), the upload's key and
     * two derived keys (1,024 bytes each, 6,144 when every byte is JSON-escaped), the rest about 500 bytes: 120,356.
     */
    public static final int MAX_BYTES = 128 * 1024;

    /** One rejected row. */
    public record RowError(long line, String reason) {
    }

    /**
     * This report for an upload that stayed in place: it was uploaded again while it was imported, so the key now
     * holds a newer upload, which is left for its own import (whose report replaces this one).
     */
    ImportReport notArchived() {
        return new ImportReport(file, rows, inserted, updated, stale, rejected, errors, errorsOmitted, startedAt,
                finishedAt, status, failure, rejectedRows, null);
    }

    static String time(Instant instant) {
        return UpdatedAt.format(instant);
    }
}
