package inventory.imports;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.commons.csv.CSVFormat;

/**
 * The import of one file in progress: line numbers, counts, rejected rows and the writes in flight.
 * Rows arrive one at a time from the CSV split; their writes finish on writer threads.
 */
public final class ImportSession implements AutoCloseable {

    /** Rejections listed in the report (each reason at most {@link Printable#MAX_REASON_CHARS}); the rejected-rows CSV holds all of them. */
    public static final int MAX_REPORTED_ERRORS = 100;

    private final UploadedFile file;
    private final Instant startedAt;
    private final RowCheck check;
    private final RowWriter writer;
    private final Instant fallback;
    private final RejectedRows rejectedRows;
    private final LongAdder rows = new LongAdder();
    private final LongAdder inserted = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder rejected = new LongAdder();
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

    /** Checks one record and queues its write, or rejects it. Blank lines are skipped. */
    public void accept(CsvRow record) {
        if (record.parseError() != null) {
            throw stopped(record);
        }
        long line = previousEndLine + 1;
        previousEndLine = record.endLine();
        if (record.isBlank()) {
            return;
        }
        rows.increment();
        RowCheck.Outcome outcome = check.check(line, record.values(), fallback);
        if (!outcome.accepted()) {
            reject(line, outcome.rejection(), record.values());
            return;
        }
        writer.submit(outcome.row(), (row, result) -> {
            if (result.rejection() != null) {
                reject(row.line(), result.rejection(), record.values());
                return;
            }
            switch (result.result()) {
                case INSERTED -> inserted.increment();
                case UPDATED -> updated.increment();
                default -> stale.increment();
            }
        });
    }

    /** What ended the reading of the file, as the exception the route's error policy names. */
    private RuntimeException stopped(CsvRow end) {
        if (end.cause() instanceof Error error) {
            return new JvmErrorException(error); // tried again, counted
        }
        if (end.cause() instanceof RefusedInputException) {
            return new UnreadableFileException(end.parseError() + "; the " + rows.sum()
                    + " row(s) before it are in this report, nothing after it was read");
        }
        return new UnreadableFileException("the file is not valid CSV after line " + previousEndLine + ": "
                + Printable.of(end.parseError(), Printable.MAX_REASON_CHARS));
    }

    private void reject(long line, String fullReason, List<String> values) {
        rejected.increment();
        String reason = Printable.of(fullReason, Printable.MAX_REASON_CHARS);
        synchronized (errors) {
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new ImportReport.RowError(line, reason));
            } else {
                errorsOmitted++;
            }
        }
        rejectedRows.add(line, reason, values);
    }

    /** Waits for every write; throws if one failed for good. */
    public void awaitWrites() {
        writer.awaitAll();
    }

    /** The rejected-rows CSV, finished, or null when every row was fine. */
    public Path rejectedRowsFile() {
        return rejectedRows.finish();
    }

    public ImportReport report(Clock clock, String status, String failure, String rejectedKey, String archivedAs) {
        synchronized (errors) {
            return new ImportReport(file.key(), rows.sum(), inserted.sum(), updated.sum(), stale.sum(),
                    rejected.sum(), List.copyOf(errors), errorsOmitted, ImportReport.time(startedAt),
                    ImportReport.time(clock.instant()), status, failure, rejectedKey, archivedAs);
        }
    }

    /** The first rejection, for the log line. */
    public String firstError() {
        synchronized (errors) {
            return errors.isEmpty() ? null : "line " + errors.get(0).line() + ": " + errors.get(0).reason();
        }
    }

    @Override
    public void close() {
        rejectedRows.close();
    }
}
