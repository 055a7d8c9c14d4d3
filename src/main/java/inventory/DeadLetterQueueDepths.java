package inventory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * How many messages wait in each dead-letter queue: the gauge
 * {@code inventory_dead_letter_queue_messages{queue="<name>",kind="<kind>"}}, SQS's ApproximateNumberOfMessages. It is
 * sampled on a thread of its own every interval, so a scrape only reads the last sample and never waits on SQS, and no
 * import or alert shares that thread. A sample that fails keeps the last value (logged at DEBUG); before the first
 * one the gauge is NaN. Add a queue with {@link #watch}.
 */
public final class DeadLetterQueueDepths extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueueDepths.class);
    /** One sample may not hold the thread longer than this, however SQS answers. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final SqsClient sqs;
    private final MeterRegistry registry;
    private final Duration interval;
    private final ScheduledExecutorService sampler;
    private final List<Watched> queues = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> sampling;

    /** A queue and its last sample, as the bits of a double (NaN: none yet). */
    private record Watched(String url, AtomicLong depth) {
    }

    public DeadLetterQueueDepths(SqsClient sqs, MeterRegistry registry, Duration interval, ScheduledExecutorService sampler) {
        this.sqs = sqs;
        this.registry = registry;
        this.interval = interval;
        this.sampler = sampler;
    }

    /** Sampling on a thread of the context's executor service manager. */
    public static DeadLetterQueueDepths of(CamelContext context, SqsClient sqs, MeterRegistry registry, Duration interval) {
        return new DeadLetterQueueDepths(sqs, registry, interval, context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(DeadLetterQueueDepths.class, "inventory-queue-depth"));
    }

    /**
     * Samples the queue at {@code queueUrl} under {@code kind} ({@code uploads}: the import's dead-letter queue,
     * {@code alerts}: the alerts'); the gauge's {@code queue} tag is the queue's name.
     */
    public DeadLetterQueueDepths watch(String kind, String queueUrl) {
        AtomicLong depth = new AtomicLong(Double.doubleToLongBits(Double.NaN));
        Gauge.builder("inventory.dead.letter.queue.messages", depth, d -> Double.longBitsToDouble(d.get()))
                .tag("queue", queueUrl.substring(queueUrl.lastIndexOf('/') + 1)).tag("kind", kind)
                .description("Messages waiting in a dead-letter queue (SQS ApproximateNumberOfMessages, sampled in the"
                        + " background; NaN before the first sample)")
                .register(registry);
        queues.add(new Watched(queueUrl, depth));
        return this;
    }

    /** One round: each queue asked once. */
    void sample() {
        for (Watched q : queues) {
            try {
                String n = sqs.getQueueAttributes(r -> r.queueUrl(q.url())
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT)))
                        .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
                q.depth().set(Double.doubleToLongBits(Long.parseLong(n)));
            } catch (RuntimeException e) {
                LOG.debug("Could not sample the depth of {} (keeping the last value): {}", q.url(), e.toString());
            }
        }
    }

    @Override
    protected void doStart() {
        sampling = sampler.scheduleWithFixedDelay(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (sampling != null) {
            sampling.cancel(true);
        }
        sampler.shutdownNow();
    }
}
