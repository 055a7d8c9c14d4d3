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
    private final MeterRegistry registry;
    /** Why an alert was dead-lettered: the destination refused it, it was too old, it could not be prepared. */
    public static final java.util.List<String> DEAD_LETTER_REASONS = java.util.List.of("refused", "too-old", "failed");
    private final Counter streamRecordsRead;
    private final Counter streamTrimmed;
    private final AtomicLong newestRecordMillis = new AtomicLong(-1);
    private final AtomicBoolean streamReader = new AtomicBoolean();
    private final Clock clock;

    public PipelineMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.registry = registry;
        // every series from the start at 0: a rate or increase over a series that appears with its first event misses it
        for (String reason : DEAD_LETTER_REASONS) {
            alertDeadLettered(reason, 0);
        }
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

    /** An alert went to the dead letters: {@code refused}, {@code too-old} or {@code failed}. */
    public void alertDeadLettered(String reason) {
        alertDeadLettered(reason, 1);
    }

    private void alertDeadLettered(String reason, int n) {
        Counter.builder("inventory.alerts.dead.lettered").tag("reason", reason)
                .description("Alerts not sent but kept as dead letters, by reason: refused, too-old, failed")
                .register(registry).increment(n);
    }

    /** A stream record could not be read as a stock change (its reason: no-quantity, quantity-not-a-number, ...). */
    public void recordSkipped(String reason, int n) {
        Counter.builder("inventory.stream.records.skipped").tag("reason", reason)
                .description("Stream records that cannot be read as a stock change, by reason: skipped, no alert")
                .register(registry).increment(n);
    }

    /** True while the gauge inventory_stalled{part} says 1 (tests). */
    public boolean isStalled(String part) {
        Gauge g = registry.find("inventory.stalled").tag("part", part).gauge();
        return g != null && g.value() == 1;
    }

    /** Reports whether a part ({@code reader}, {@code import}) is stalled, as the gauge inventory_stalled{part}. */
    public void stalled(String part, java.util.function.BooleanSupplier stalled) {
        Gauge.builder("inventory.stalled", stalled, s -> s.getAsBoolean() ? 1 : 0).tag("part", part).strongReference(true)
                .description("1 while the part (reader, import) has work it has not advanced for its stall-after, else 0")
                .register(registry);
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

    /** Alerts dead-lettered so far, every reason. */
    public long alertsDeadLettered() {
        return (long) registry.find("inventory.alerts.dead.lettered").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** Stream records skipped so far for this reason (tests). */
    public long recordsSkipped(String reason) {
        Counter c = registry.find("inventory.stream.records.skipped").tag("reason", reason).counter();
        return c == null ? 0 : (long) c.count();
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
