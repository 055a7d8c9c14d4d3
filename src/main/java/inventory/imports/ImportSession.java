package inventory.imports;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * The import of one file in progress: line numbers, counts, rejected rows and the writes in flight. Each step of the
 * route's row split calls one method, on the route's thread: {@link #check}, {@link #stamp} and {@link #write} (which
 * hands back the rows whose writes ended meanwhile); the split's aggregation ({@link WrittenRowCounts}) then calls
 * {@link #count}; after the last row {@link #finishWrites} hands back the rest. The writes themselves run on writer threads ({@link RowWriter}), which only report outcomes.
 */
public final class ImportSession implements AutoCloseable {

    /** Rejections listed in the report (each reason at most {@link Printable#MAX_REASON_CHARS}); the rejected-rows CSV holds all of them. */
    public static final int MAX_REPORTED_ERRORS = 100;

    /** A valid record of the file: its row, and its values as the file had them. */
    public record CheckedRow(InventoryRow row, List<String> values) {
    }

    private final UploadedFile file;
    private final Instant startedAt;
    private final RowCheck check;
    private final RowWriter writer;
    private final Instant fallback;
    private final RejectedRows rejectedRows;
    private long rows;
    private long inserted;
    private long updated;
    private long stale;
    private long rejected;
    private final List<ImportReport.RowError> errors = new ArrayList<>();
    private long errorsOmitted;
    private long previousEndLine;

    /**
     * @param fallback the updatedAt of rows without their own
     */
    public ImportSession(UploadedFile file, Instant startedAt, CsvInput.Prepared input, RowCheck check,
                         RowWriter writer, Instant fallback, CSVFormat format) {
        this.file = file;
        this.startedAt = startedAt;
        this.check = check;
        this.writer = writer;
        this.fallback = fallback;
        this.previousEndLine = input.headerEndLine();
        this.rejectedRows = new RejectedRows(format, input.header().names());
    }

    public UploadedFile file() {
        return file;
    }

    /**
     * Checks one record: the valid row, or null for a blank line or a rejected row (counted and reported here).
     *
     * @throws UnreadableFileException or {@link JvmErrorException} when the parser stopped at this record
     */
    public CheckedRow check(CsvRow record) {
        if (record.parseError() != null) {
            throw stopped(record);
        }
        long line = previousEndLine + 1;
        previousEndLine = record.endLine();
        if (record.isBlank()) {
            return null;
        }
        rows++;
        RowCheck.Outcome outcome = check.check(line, record.values());
        if (!outcome.accepted()) {
            reject(line, outcome.rejection(), record.values());
            return null;
        }
        return new CheckedRow(outcome.row(), record.values());
    }

    /** Gives a row without its own {@code updated_at} the file's fallback time. */
    public CheckedRow stamp(CheckedRow checked) {
        InventoryRow stamped = checked.row().stamped(fallback);
        return stamped == checked.row() ? checked : new CheckedRow(stamped, checked.values());
    }

    /** Queues the row's write (blocks while enough rows are queued); returns the rows whose writes ended meanwhile. */
    public List<WrittenRow> write(CheckedRow checked) {
        return writer.write(checked.row(), checked.values());
    }

    /** Counts what came of written rows; a row DynamoDB refused is rejected with its reason. */
    public void count(List<WrittenRow> written) {
        for (WrittenRow w : written) {
            RowOutcome result = w.outcome();
            if (result.rejection() != null) {
                reject(w.row().line(), result.rejection(), w.values());
                continue;
            }
            switch (result.result()) {
                case INSERTED -> inserted++;
                case UPDATED -> updated++;
                default -> stale++;
            }
        }
    }

    /** What ended the reading of the file, as the exception the route's error policy names. */
    private RuntimeException stopped(CsvRow end) {
        if (end.cause() instanceof Error error) {
            return new JvmErrorException(error); // tried again, counted
        }
        if (end.cause() instanceof RefusedInputException) {
            return new UnreadableFileException(end.parseError() + "; the " + rows
                    + " row(s) before it are in this report, nothing after it was read");
        }
        return new UnreadableFileException("the file is not valid CSV after line " + previousEndLine + ": "
                + Printable.of(end.parseError(), Printable.MAX_REASON_CHARS));
    }

    private void reject(long line, String fullReason, List<String> values) {
        rejected++;
        String reason = Printable.of(fullReason, Printable.MAX_REASON_CHARS);
        if (errors.size() < MAX_REPORTED_ERRORS) {
            errors.add(new ImportReport.RowError(line, reason));
        } else {
            errorsOmitted++;
        }
        rejectedRows.add(line, reason, values);
    }

    /** Sends the rows still queued and waits for every write: the rows whose writes ended since the last step. */
    public List<WrittenRow> finishWrites() {
        return writer.finish();
    }

    /**
     * The file is failing or will be tried again: lets the writes in flight end and counts what they did (a failure
     * among them no longer changes the file's verdict), so its report says which rows were written.
     */
    public void settleWrites() {
        try {
            count(writer.finish());
        } catch (RuntimeException e) {
            count(writer.written());
            throw e;
        }
    }

    /** The rejected-rows CSV, finished, or null when every row was fine. */
    public Path rejectedRowsFile() {
        return rejectedRows.finish();
    }

    public ImportReport report(Clock clock, String status, String failure, String rejectedKey, String archivedAs) {
        return new ImportReport(file.key(), rows, inserted, updated, stale, rejected, List.copyOf(errors),
                errorsOmitted, ImportReport.time(startedAt), ImportReport.time(clock.instant()), status, failure,
                rejectedKey, archivedAs);
    }

    /** The first rejection, for the log line. */
    public String firstError() {
        return errors.isEmpty() ? null : "line " + errors.get(0).line() + ": " + errors.get(0).reason();
    }

    @Override
    public void close() {
        rejectedRows.close();
    }
}
