package inventory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters an operator watches, registered in Micrometer so they appear at {@code /observe/metrics}
 * in Prometheus format (names there get the Prometheus suffixes, e.g. {@code inventory_rows_total}).
 */
public final class PipelineMetrics {

    private final Counter rowsInserted;
    private final Counter rowsUpdated;
    private final Counter rowsStale;
    private final Counter rowsRejected;
    private final Counter filesProcessed;
    private final Counter filesFailed;
    private final Counter filesRetried;
    private final Counter alertsPublished;
    private final Counter publishFailures;
    private final Counter alertsDeadLettered;
    private final Counter streamRecordsRead;
    private final Counter streamTrimmed;
    private final AtomicLong newestRecordMillis = new AtomicLong(-1);
    private final AtomicBoolean streamReader = new AtomicBoolean();
    private final Clock clock;

    public PipelineMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        rowsInserted = rows(registry, "inserted");
        rowsUpdated = rows(registry, "updated");
        rowsStale = rows(registry, "stale");
        rowsRejected = rows(registry, "rejected");
        filesProcessed = files(registry, "processed");
        filesFailed = files(registry, "failed");
        filesRetried = files(registry, "retried");
        alertsPublished = Counter.builder("inventory.alerts.published").description("Stock alerts published")
                .register(registry);
        publishFailures = Counter.builder("inventory.alerts.publish.failures")
                .description("Alert publish attempts that failed (each is retried)").register(registry);
        alertsDeadLettered = Counter.builder("inventory.alerts.dead.lettered")
                .description("Alerts the destination refused for good, kept in the dead-letter file").register(registry);
        streamRecordsRead = Counter.builder("inventory.stream.records.read")
                .description("DynamoDB stream records read by the alert route").register(registry);
        streamTrimmed = Counter.builder("inventory.stream.trimmed")
                .description("Times the alert route found stream records trimmed (24 h retention) before it read them: alerts lost")
                .register(registry);
        Gauge.builder("inventory.stream.reader", streamReader, r -> r.get() ? 1 : 0)
                .description("1 while this instance reads the table's stream (elected among instances), 0 while it stands by")
                .register(registry);
        Gauge.builder("inventory.stream.iterator.age", this, PipelineMetrics::iteratorAgeMillis)
                .description("Age in ms of the newest stream record processed when it was processed (like Lambda's IteratorAge); -1 before the first")
                .baseUnit("milliseconds").register(registry);
    }

    private static Counter rows(MeterRegistry registry, String outcome) {
        return Counter.builder("inventory.rows").tag("outcome", outcome)
                .description("CSV rows by outcome: inserted, updated, stale (not newer), rejected").register(registry);
    }

    private static Counter files(MeterRegistry registry, String outcome) {
        return Counter.builder("inventory.files").tag("outcome", outcome)
                .description("Uploaded files by outcome: processed, failed, retried").register(registry);
    }

    public void rows(long inserted, long updated, long stale, long rejected) {
        rowsInserted.increment(inserted);
        rowsUpdated.increment(updated);
        rowsStale.increment(stale);
        rowsRejected.increment(rejected);
    }

    public void fileProcessed() {
        filesProcessed.increment();
    }

    public void fileFailed() {
        filesFailed.increment();
    }

    public void fileRetried() {
        filesRetried.increment();
    }

    public void alertPublished() {
        alertsPublished.increment();
    }

    public void publishFailed() {
        publishFailures.increment();
    }

    public void alertDeadLettered() {
        alertsDeadLettered.increment();
    }

    /** A stream record was read; {@code created} is its ApproximateCreationDateTime. */
    public void streamRecordRead(Instant created) {
        streamRecordsRead.increment();
        if (created != null) {
            newestRecordMillis.set(Math.max(0, clock.millis() - created.toEpochMilli()));
        }
    }

    /** Stream records were trimmed away before the alert route read them. */
    /** This instance started (true) or stopped (false) reading the stream. */
    public void streamReader(boolean reading) {
        streamReader.set(reading);
    }

    public boolean isStreamReader() {
        return streamReader.get();
    }

    public void streamTrimmed() {
        streamTrimmed.increment();
    }

    public long streamTrimmedCount() {
        return (long) streamTrimmed.count();
    }

    /** Stream records read so far (tests and benchmarks wait on it). */
    public long streamRecordsRead() {
        return (long) streamRecordsRead.count();
    }

    public long alertsPublished() {
        return (long) alertsPublished.count();
    }

    public long filesProcessed() {
        return (long) filesProcessed.count();
    }

    public long filesRetried() {
        return (long) filesRetried.count();
    }

    public long filesFailed() {
        return (long) filesFailed.count();
    }

    private double iteratorAgeMillis() {
        return newestRecordMillis.get();
    }
}
