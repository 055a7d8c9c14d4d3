package inventory.imports;

import inventory.RootCause;
import inventory.InventorySettings;
import inventory.InventorySettings.TimestampFallback;
import inventory.PipelineMetrics;
import inventory.Progress;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.util.ObjectHelper;
import org.apache.commons.csv.CSVFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.Abortable;

/**
 * The steps of the import route, one method per step, named as the route's node ids: open an uploaded object;
 * per CSV record check, stamp, write (the body becomes the rows whose writes ended) and count; then write the
 * remaining rows, report and archive the file; and the two failure policies the route names by exception type:
 * {@link #retryLater} (S3 or DynamoDB trouble, or an Error such as OutOfMemoryError: the file stays in place to be
 * tried again, up to {@code inventory.import.max-attempts}) and {@link #failFile} (the file cannot be imported: it
 * goes to the failed prefix). Processed and failed files end through the same {@link #report} and {@link #archive}. Every start is counted before the file is read ({@link ImportAttempts}, or the queue's receive
 * count in {@code events} mode), so a file that takes the process down fails after max-attempts starts instead of
 * crashing it in a loop. Outside values (keys, messages quoting the file) reach logs and reports only through
 * {@link Printable}.
 */
public final class FileImport {

    /** How much of a failure's reason the report and the log keep. */
    static final int MAX_FAILURE_CHARS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(FileImport.class);

    private final InventorySettings settings;
    private final TableWrites writes;
    private final ExecutorService writers;
    private final ImportArchive archive;
    private final ImportAttempts attempts;
    private final PipelineMetrics metrics;
    private final Progress progress;
    private final Clock clock;
    private final CSVFormat format;
    private final UpdatedAt updatedAt;

    /**
     * @param attempts where {@code poll} mode counts the starts of each import
     * @param progress told of each file begun, each row read and each file ended, for the stall check
     */
    public FileImport(InventorySettings settings, TableWrites writes, ExecutorService writers, ImportArchive archive,
                      ImportAttempts attempts, PipelineMetrics metrics, Progress progress, Clock clock) {
        this.settings = settings;
        this.writes = writes;
        this.writers = writers;
        this.archive = archive;
        this.attempts = attempts;
        this.metrics = metrics;
        this.progress = progress;
        this.clock = clock;
        this.format = CsvDialect.format(settings.delimiter());
        this.updatedAt = new UpdatedAt(settings.csvZone(), clock);
    }

    /**
     * Only keys ending in {@code inventory.key-suffix} (or in it and {@code .gz}) are imported; other objects stay
     * where they are.
     */
    public boolean isImportable(Exchange exchange) {
        return GzipInput.importable(exchange.getMessage().getHeader(AWS2S3Constants.KEY, String.class), settings.keySuffix());
    }

    /**
     * Opens the uploaded object: counts the attempt, inflates gzip, holds the text to the input limits, checks the
     * header, and leaves a reader at the body for camel-csv.
     */
    public void open(Exchange exchange) {
        UploadedFile file = uploadedFile(exchange);
        ImportWork work = ImportWork.on(exchange);
        work.file(file);
        progress.pending("import of " + Printable.of(file.key()));
        InputStream raw = exchange.getMessage().getBody(InputStream.class);
        if (raw instanceof Abortable download) {
            work.download(download);
        }
        if (raw == null) {
            raw = InputStream.nullInputStream();
        }
        countAttempt(exchange, work, file);
        InputStream in = SourceReadException.guard(raw);
        String encoding = exchange.getMessage().getHeader(AWS2S3Constants.CONTENT_ENCODING, String.class);
        if (GzipInput.isGzip(file.key(), settings.keySuffix(), encoding)) {
            in = GzipInput.inflate(in, file.size(), settings.inputLimits().maxGzipRatio());
        }
        CsvInput.Prepared input = CsvInput.prepare(in, format, settings.columns(), settings.inputLimits());
        Instant fallback = settings.timestampFallback() == TimestampFallback.IMPORT_TIME || file.lastModified() == null
                ? clock.instant() : file.lastModified();
        ImportSession session = new ImportSession(file, clock.instant(), input, new RowCheck(input.header(), updatedAt),
                new RowWriter(writes.forFile(input.header().extraNames(), file.source()), writers,
                        settings.importConcurrency()), fallback, format);
        work.session(session);
        exchange.getMessage().setBody(input.reader());
        LOG.debug("Importing {} ({} bytes, {} columns)", Printable.of(file.key()), file.size(), input.header().size());
    }

    /**
     * Records the start before anything is read; a file started more than max-attempts times without finishing
     * took the process down (or was killed with it) each time: it fails now, unread.
     */
    private void countAttempt(Exchange exchange, ImportWork work, UploadedFile file) {
        Delivery delivery = exchange.getProperty(Delivery.PROPERTY, Delivery.class);
        if (delivery != null) {
            work.attempt(delivery.receiveCount()); // events: the queue counts, across restarts too
            return;
        }
        int attempt = attempts.start(file);
        work.attempt(attempt);
        int max = settings.importMaxAttempts();
        if (attempt > max) {
            throw new UnreadableFileException("it was tried " + (attempt - 1) + " times (inventory.import.max-attempts="
                    + max + ") and never finished: the process stopped during its import (out of memory, killed or "
                    + "crashed), at least the last time, so it is not read again");
        }
    }

    /** camel-csv's lazy iterator, guarded so a parse failure comes last and in order. */
    public void guardParsing(Exchange exchange) {
        exchange.getMessage().setBody(new ParseGuard(exchange.getMessage().getBody(java.util.Iterator.class)));
    }

    /** {@code check-row}: one CSV record becomes a valid row, or null (a blank line, or a row rejected and reported). */
    public void checkRow(Exchange exchange) {
        exchange.getMessage().setBody(session(exchange).check(exchange.getMessage().getBody(CsvRow.class)));
        progress.advanced(); // a row handed on: when the writes hold back, rows stop coming and nothing advances
    }

    /** {@code stamp-row}: a row without its own {@code updated_at} gets the object's (or the import's) time. */
    public void stampRow(Exchange exchange) {
        exchange.getMessage().setBody(session(exchange).stamp(exchange.getMessage().getBody(ImportSession.CheckedRow.class)));
    }

    /**
     * {@code write-rows}: queues the row's conditional write; the body becomes the rows whose writes ended meanwhile
     * (a {@code List<WrittenRow>}, often empty: rows go out in batches, several at a time).
     */
    public void writeRows(Exchange exchange) {
        exchange.getMessage().setBody(session(exchange).write(exchange.getMessage().getBody(ImportSession.CheckedRow.class)));
    }

    /** {@code write-remaining-rows}: all records read; waits for the last writes, which become the body. */
    public void writeRemainingRows(Exchange exchange) {
        exchange.getMessage().setBody(session(exchange).finishWrites());
    }

    /**
     * {@code count-remaining-rows}: what came of the last written rows in the body goes into the file's counts and
     * report (the rows of the split are counted as it gathers them: {@link WrittenRowCounts}).
     */
    @SuppressWarnings("unchecked")
    public void countRows(Exchange exchange) {
        session(exchange).count(exchange.getMessage().getBody(java.util.List.class));
    }

    /** {@code report-file}: the rejected rows and the report are written next to the upload; the report is the body. */
    public void reportFile(Exchange exchange) {
        ImportSession session = session(exchange);
        UploadedFile file = session.file();
        exchange.getMessage().setBody(report(file, session, "processed", null, archive.processedKey(file)));
    }

    /**
     * {@code archive-file}: the upload moves to the processed prefix; only then has the file's import ended (until
     * then a failure leaves it to be tried again, and it must not count as processed).
     */
    public void archiveFile(Exchange exchange) {
        ImportSession session = session(exchange);
        UploadedFile file = session.file();
        ImportReport report = archive(exchange, file, session, exchange.getMessage().getBody(ImportReport.class));
        exchange.getMessage().setBody(report);
        ImportWork.on(exchange).ended(report);
        metrics.fileProcessed();
        LOG.info("Imported {}: {} rows, {} inserted, {} updated, {} stale, {} rejected in {} ms -> {}",
                Printable.of(file.key()), report.rows(), report.inserted(), report.updated(), report.stale(),
                report.rejected(),
                java.time.Duration.between(Instant.parse(report.startedAt()), Instant.parse(report.finishedAt())).toMillis(),
                destination(report));
        if (report.rejected() > 0) {
            LOG.warn("{}: {} row(s) rejected (first: {}); all of them are in {}", Printable.of(file.key()),
                    report.rejected(), session.firstError(), Printable.of(report.rejectedRows()));
        }
    }

    /**
     * S3 or DynamoDB failed ({@link RetryableImportException}, {@link SourceReadException}) or the import stopped
     * with an Error ({@link JvmErrorException}): the file stays where it is for the next poll, until
     * {@code inventory.import.max-attempts} attempts have failed. An attempt that could not even be recorded is
     * not counted (the state table is unreachable: the file waits for it).
     */
    public void retryLater(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        UploadedFile file = failedFile(exchange);
        Delivery delivery = exchange.getProperty(Delivery.PROPERTY, Delivery.class);
        ImportWork work = ImportWork.find(exchange);
        int n = work == null ? 0 : work.attempt();
        abortObject(exchange);
        if (n < settings.importMaxAttempts()) {
            ImportSession session = drainWrites(exchange);
            if (session != null) {
                session.close();
            }
            if (delivery != null) {
                delivery.retryLater();
            }
            metrics.fileRetried();
            progress.idle();
            LOG.warn("Import of {} failed (attempt {} of {}), will try again: {}", Printable.of(file.key()),
                    n == 0 ? "not counted" : n, settings.importMaxAttempts(), describe(error));
            return;
        }
        failed(exchange, file, "gave up after " + n + " attempts: " + describe(error));
    }

    /** The file cannot be imported (no usable header, not text, broken CSV): it goes to the failed prefix with a report. */
    public void failFile(Exchange exchange) {
        failed(exchange, failedFile(exchange), reason(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
    }

    /**
     * Gives up on the file the exchange's S3 headers describe, without having read it: it goes to the failed prefix
     * with a report saying why (e.g. its notification went to the dead-letter queue).
     */
    public void giveUp(Exchange exchange, String reason) {
        failed(exchange, uploadedFile(exchange), reason);
    }

    private void failed(Exchange exchange, UploadedFile file, String reason) {
        abortObject(exchange);
        ImportSession session = drainWrites(exchange);
        String failure = Printable.of(reason, MAX_FAILURE_CHARS);
        String destination = archive.failedKey(file);
        ImportReport report = archive(exchange, file, session, report(file, session, "failed", failure, destination));
        ImportWork.on(exchange).ended(report);
        metrics.fileFailed();
        LOG.error("Import of {} failed: {} -> {} (report {})", Printable.of(file.key()), failure,
                destination(report), Printable.of(archive.reportKey(file)));
    }

    /** A file given up before it was read to the end: drop the download instead of reading the rest to close it. */
    private static void abortObject(Exchange exchange) {
        ImportWork work = ImportWork.find(exchange);
        Abortable download = work == null ? null : work.takeDownload();
        if (download != null) {
            download.abort();
        }
    }

    /**
     * The one way a file's report is written, processed or failed: its rejected rows, then the report. An S3 failure
     * here leaves the file in place to be tried again.
     */
    private ImportReport report(UploadedFile file, ImportSession session, String status, String reason,
                                String destination) {
        try {
            ImportReport report;
            if (session != null) {
                Path rejectedCsv = session.rejectedRowsFile();
                String rejectedKey = rejectedCsv == null ? null : archive.rejectedKey(file);
                if (rejectedCsv != null) {
                    archive.writeRejected(file, rejectedCsv);
                }
                report = session.report(clock, status, reason, rejectedKey, destination);
                metrics.rows(report.inserted(), report.updated(), report.stale(), report.rejected());
            } else {
                String now = ImportReport.time(clock.instant());
                report = new ImportReport(file.key(), 0, 0, 0, 0, 0, java.util.List.of(), 0, now, now, status, reason,
                        null, destination);
            }
            archive.writeReport(file, report);
            return report;
        } catch (SdkException e) {
            progress.idle();
            closeSession(session);
            throw new RetryableImportException("writing the report of " + Printable.of(file.key()) + " failed", e);
        }
    }

    /**
     * The one way a file ends once reported: the upload is moved to where the report says and its attempt count
     * cleared; the answer is the report as the file ended (without an archive copy when the key held a newer upload
     * before the copy). An S3 failure here leaves the file in place to be tried again.
     */
    private ImportReport archive(Exchange exchange, UploadedFile file, ImportSession session, ImportReport report) {
        try {
            ImportReport ended = report;
            ImportArchive.Move move = archive.move(file, report.archivedAs());
            if (move != ImportArchive.Move.MOVED) {
                LOG.warn("{} was uploaded again while it was imported: the newer upload stays there for its own import "
                        + "(its report will replace this one's), and this one's rows are written", Printable.of(file.key()));
            }
            if (move == ImportArchive.Move.REPLACED_BEFORE_COPY) {
                ended = report.notArchived();
                rewriteReport(file, ended);
            }
            if (exchange.getProperty(Delivery.PROPERTY) == null) {
                attempts.finish(file);
            }
            return ended;
        } catch (SdkException e) {
            throw new RetryableImportException("archiving " + Printable.of(file.key()) + " failed", e);
        } finally {
            progress.idle();
            closeSession(session);
        }
    }

    /**
     * The report of an upload that stayed in place no longer names an archive copy. Best effort: the rows are
     * written, and the newer upload's own report replaces this one anyway.
     */
    private void rewriteReport(UploadedFile file, ImportReport report) {
        try {
            archive.writeReport(file, report);
        } catch (SdkException e) {
            LOG.warn("The report of {} still names an archive copy that was not made: rewriting it failed: {}",
                    Printable.of(file.key()), Printable.of(e.getMessage()));
        }
    }

    /** Where the log line says the upload went. */
    private static String destination(ImportReport report) {
        return report.archivedAs() == null ? "left in place: uploaded again meanwhile" : Printable.of(report.archivedAs());
    }

    private static void closeSession(ImportSession session) {
        if (session != null) {
            session.close();
        }
    }

    /** Lets the file's writes in flight finish and counts them (a failure among them no longer changes its verdict). */
    private static ImportSession drainWrites(Exchange exchange) {
        ImportSession session = session(exchange);
        if (session != null) {
            try {
                session.settleWrites();
            } catch (RuntimeException e) {
                LOG.debug("A write failed while the file was already failing: {}", Printable.of(e.getMessage()));
            }
        }
        return session;
    }

    private UploadedFile failedFile(Exchange exchange) {
        ImportWork work = ImportWork.find(exchange);
        return work != null && work.file() != null ? work.file() : uploadedFile(exchange);
    }

    static String reason(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        UnreadableFileException unreadable = ObjectHelper.getException(UnreadableFileException.class, error);
        if (unreadable != null) {
            return unreadable.getMessage();
        }
        return "the file is not valid CSV: " + describe(error);
    }

    /** Why an attempt failed, safe to log: an Error by its type, anything else by its innermost message. */
    private static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        JvmErrorException jvmError = ObjectHelper.getException(JvmErrorException.class, error);
        return jvmError != null ? jvmError.getMessage() : Printable.of(RootCause.message(error), Printable.MAX_REASON_CHARS);
    }

    private static ImportSession session(Exchange exchange) {
        ImportWork work = ImportWork.find(exchange);
        return work == null ? null : work.session();
    }

    private UploadedFile uploadedFile(Exchange exchange) {
        var in = exchange.getMessage();
        Instant lastModified = in.getHeader(AWS2S3Constants.LAST_MODIFIED, Instant.class);
        Long size = in.getHeader(AWS2S3Constants.CONTENT_LENGTH, Long.class);
        return UploadedFile.of(in.getHeader(AWS2S3Constants.BUCKET_NAME, settings.bucket(), String.class),
                in.getHeader(AWS2S3Constants.KEY, String.class), settings.incomingPrefix(),
                in.getHeader(AWS2S3Constants.E_TAG, String.class), lastModified, size == null ? -1 : size,
                archive.maxRelativeKeyBytes());
    }
}
