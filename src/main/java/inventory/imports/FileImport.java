package inventory.imports;

import inventory.RootCause;
import inventory.InventorySettings;
import inventory.InventorySettings.TimestampFallback;
import inventory.PipelineMetrics;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.util.ObjectHelper;
import org.apache.commons.csv.CSVFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The steps of the import route, one method per step: open an uploaded object, take each CSV record,
 * complete the file (report, rejected rows, move to processed), and the two failure policies the route
 * names by exception type: {@link #retryLater} (S3 or DynamoDB trouble: the file stays in place to be tried
 * again, up to {@code inventory.import.max-attempts}) and {@link #failFile} (the file cannot be imported: it
 * goes to the failed prefix). Processed and failed files end through the same {@link #finish}.
 */
public final class FileImport {

    /** Exchange property holding the {@link ImportSession}. */
    public static final String SESSION = "inventoryImportSession";
    /** Exchange property holding the {@link ImportReport} of a file that ended (processed or failed). */
    public static final String REPORT = "inventoryImportReport";
    private static final Logger LOG = LoggerFactory.getLogger(FileImport.class);

    private final InventorySettings settings;
    private final TableWrites writes;
    private final ExecutorService writers;
    private final ImportArchive archive;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final CSVFormat format;
    private final UpdatedAt updatedAt;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    public FileImport(InventorySettings settings, TableWrites writes, ExecutorService writers, ImportArchive archive,
                      PipelineMetrics metrics, Clock clock) {
        this.settings = settings;
        this.writes = writes;
        this.writers = writers;
        this.archive = archive;
        this.metrics = metrics;
        this.clock = clock;
        this.format = CsvDialect.format(settings.delimiter());
        this.updatedAt = new UpdatedAt(settings.csvZone(), clock);
    }

    /** Only keys ending in {@code inventory.key-suffix} are imported; other objects stay where they are. */
    public boolean isImportable(Exchange exchange) {
        String key = exchange.getMessage().getHeader(AWS2S3Constants.KEY, String.class);
        return key != null && key.endsWith(settings.keySuffix());
    }

    /** Opens the uploaded object: checks the header, and leaves a reader at the body for camel-csv. */
    public void open(Exchange exchange) {
        UploadedFile file = uploadedFile(exchange);
        exchange.setProperty(SESSION + ".file", file);
        InputStream raw = exchange.getMessage().getBody(InputStream.class);
        if (raw == null) {
            raw = InputStream.nullInputStream();
        }
        CsvInput.Prepared input = CsvInput.prepare(SourceReadException.guard(raw), format, settings.columns());
        Instant fallback = settings.timestampFallback() == TimestampFallback.IMPORT_TIME || file.lastModified() == null
                ? clock.instant() : file.lastModified();
        ImportSession session = new ImportSession(file, clock.instant(), input, new RowCheck(input.header(), updatedAt),
                new RowWriter(writes.forFile(input.header().extraNames(), file.source()), writers,
                        settings.importConcurrency()), fallback, format);
        exchange.setProperty(SESSION, session);
        exchange.getMessage().setBody(input.reader());
        LOG.debug("Importing {} ({} bytes, header {})", file.source(), file.size(), input.header().names());
    }

    /** camel-csv's lazy iterator, guarded so a parse failure comes last and in order. */
    public void guardParsing(Exchange exchange) {
        exchange.getMessage().setBody(new ParseGuard(exchange.getMessage().getBody(java.util.Iterator.class)));
    }

    /** One CSV record from the streaming split. */
    public void row(Exchange exchange) {
        session(exchange).accept(exchange.getMessage().getBody(CsvRow.class));
    }

    /** All records read: wait for the writes, then report and archive. */
    public void complete(Exchange exchange) {
        ImportSession session = session(exchange);
        session.awaitWrites();
        UploadedFile file = session.file();
        ImportReport report = finish(file, session, "processed", null, archive.processedKey(file));
        exchange.setProperty(REPORT, report);
        attempts.remove(file.uploadId());
        metrics.fileProcessed();
        LOG.info("Imported {}: {} rows, {} inserted, {} updated, {} stale, {} rejected in {} ms -> {}",
                file.key(), report.rows(), report.inserted(), report.updated(), report.stale(), report.rejected(),
                java.time.Duration.between(Instant.parse(report.startedAt()), Instant.parse(report.finishedAt())).toMillis(),
                report.archivedAs());
        if (report.rejected() > 0) {
            LOG.warn("{}: {} row(s) rejected (first: {}); all of them are in {}", file.key(), report.rejected(),
                    session.firstError(), report.rejectedRows());
        }
    }

    /**
     * S3 or DynamoDB failed ({@link RetryableImportException}, {@link SourceReadException}): the file stays
     * where it is for the next poll, until it has failed {@code inventory.import.max-attempts} times.
     */
    public void retryLater(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        UploadedFile file = failedFile(exchange);
        // events: the queue counts the receives; poll: this instance counts the tries
        Delivery delivery = exchange.getProperty(Delivery.PROPERTY, Delivery.class);
        int n = delivery != null ? delivery.receiveCount() : attempts.merge(file.uploadId(), 1, Integer::sum);
        if (n < settings.importMaxAttempts()) {
            ImportSession session = drainWrites(exchange);
            if (session != null) {
                session.close();
            }
            if (delivery != null) {
                delivery.retryLater();
            }
            metrics.fileRetried();
            LOG.warn("Import of {} failed (attempt {} of {}), will try again: {}", file.key(), n,
                    settings.importMaxAttempts(), RootCause.message(error));
            return;
        }
        attempts.remove(file.uploadId());
        failed(exchange, file, "gave up after " + n + " attempts: " + RootCause.message(error));
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
        ImportSession session = drainWrites(exchange);
        ImportReport report = finish(file, session, "failed", reason, archive.failedKey(file));
        exchange.setProperty(REPORT, report);
        metrics.fileFailed();
        LOG.error("Import of {} failed: {} -> {} (report {})", file.key(), reason, report.archivedAs(), archive.reportKey(file));
    }

    /**
     * The one way a file ends, processed or failed: its rejected rows and its report are written, then the
     * upload is moved to {@code destination}. An S3 failure here leaves the file in place to be tried again.
     */
    private ImportReport finish(UploadedFile file, ImportSession session, String status, String reason, String destination) {
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
            archive.move(file, destination);
            return report;
        } catch (SdkException e) {
            throw new RetryableImportException("archiving " + file.key() + " failed", e);
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    /** Lets the file's writes in flight finish (a failure among them no longer changes its verdict). */
    private static ImportSession drainWrites(Exchange exchange) {
        ImportSession session = session(exchange);
        if (session != null) {
            try {
                session.awaitWrites();
            } catch (RuntimeException e) {
                LOG.debug("A write failed while the file was already failing: {}", e.getMessage());
            }
        }
        return session;
    }

    private UploadedFile failedFile(Exchange exchange) {
        UploadedFile file = exchange.getProperty(SESSION + ".file", UploadedFile.class);
        return file != null ? file : uploadedFile(exchange);
    }

    static String reason(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        UnreadableFileException unreadable = ObjectHelper.getException(UnreadableFileException.class, error);
        if (unreadable != null) {
            return unreadable.getMessage();
        }
        return "the file is not valid CSV: " + RootCause.message(error);
    }

    private static ImportSession session(Exchange exchange) {
        return exchange.getProperty(SESSION, ImportSession.class);
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
