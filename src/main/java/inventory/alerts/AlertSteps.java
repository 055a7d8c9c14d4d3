package inventory.alerts;

import inventory.InventorySettings;
import inventory.PipelineMetrics;
import inventory.alerts.AlertDecision.SkipReason;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.ddbstream.Ddb2StreamConstants;
import org.apache.camel.component.aws2.sns.Sns2Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the alert route, in its order: read the record, decide, claim, shape the alert, (publish), record it,
 * account for it. Message headers are replaced wholesale before publishing because Camel's SNS producer turns every
 * non-Camel header into a message attribute: the alert carries exactly {@code store}, {@code item},
 * {@code quantity}; the stream event id stays as Camel's {@code CamelAwsDdbStreamEventId} header.
 */
public final class AlertSteps {

    private static final Logger LOG = LoggerFactory.getLogger(AlertSteps.class);
    /** A kind of skipped record is logged at most this often (with how many since), not once per record. */
    private static final Duration SKIP_LOG_EVERY = Duration.ofMinutes(1);

    private final StockAlertPolicy policy;
    private final AlertClaims claims;
    private final InventorySettings settings;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final Map<SkipReason, long[]> skipLog = new EnumMap<>(SkipReason.class);

    /** @param policy the same one the stream consumer pre-filters with: one rule, decided in one place */
    public AlertSteps(InventorySettings settings, StockAlertPolicy policy, AlertClaims claims, PipelineMetrics metrics,
                      Clock clock) {
        this.settings = settings;
        this.policy = policy;
        this.claims = claims;
        this.metrics = metrics;
        this.clock = clock;
        for (SkipReason reason : SkipReason.values()) {
            metrics.recordSkipped(reason.label(), 0); // every series from the start
        }
    }

    /**
     * Stream record in, {@link StockChange} out (body), the work begun. Not counted here: the stream reader counts
     * every record it finishes, including those its pre-filter finished without an exchange.
     */
    public void read(Exchange exchange) {
        exchange.getMessage().setBody(AlertWork.begin(exchange).change());
    }

    /** The rule's decision, once; a record that cannot be read as a stock change is counted and logged as skipped. */
    public void decide(Exchange exchange) {
        AlertWork work = AlertWork.of(exchange);
        AlertDecision decision = policy.decide(work.record());
        work.decided(decision);
        if (decision.verdict() == AlertDecision.Verdict.SKIP) {
            metrics.recordSkipped(decision.skip().label(), 1);
            logSkip(work, decision);
        }
    }

    public boolean shouldAlert(Exchange exchange) {
        return AlertWork.of(exchange).decision().alerts();
    }

    /** Claims the alert: only the reader of the current term may, and only once (see {@link AlertClaims}). */
    public void claim(Exchange exchange) {
        AlertWork work = AlertWork.of(exchange);
        work.claim(claims.claim(work.eventId()));
        if (!work.claimed()) {
            LOG.debug("Alert for event {} was sent or dead-lettered already: not sent again", work.eventId());
        }
    }

    public boolean claimed(Exchange exchange) {
        return AlertWork.of(exchange).claimed();
    }

    /**
     * The alert message as body; headers: exactly the three attributes (plus Camel's own, which SNS skips). A change
     * older than {@code inventory.alert.max-record-age} is not sent but dead-lettered.
     */
    public void prepare(Exchange exchange) {
        AlertWork work = AlertWork.of(exchange);
        Duration maxAge = settings.alertFailures().maxRecordAge();
        StockChange change = work.change();
        if (change.olderThan(maxAge, clock.instant())) {
            throw new AlertTooOldException("the change was made at " + change.created() + ", more than "
                    + maxAge.toSeconds() + " s ago (inventory.alert.max-record-age)");
        }
        StockAlert alert = StockAlert.of(change);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("store", alert.store());
        message.setHeader("item", alert.item());
        message.setHeader("quantity", alert.quantity());
        message.setHeader(Sns2Constants.SUBJECT, StockAlert.SUBJECT);
        // a Camel header, so not an SNS attribute: other destinations may name files by it
        message.setHeader(Ddb2StreamConstants.EVENT_ID, work.eventId());
        exchange.setProperty(Sns2Constants.MESSAGE_GROUP_ID_PROPERTY, alert.store());
        work.message(alert.message(settings.alertFormat()));
        message.setBody(work.message());
    }

    /** Every destination accepted it: from here on a failure is retried by recording again, never by sending again. */
    public void sent(Exchange exchange) {
        AlertWork.of(exchange).markSent();
    }

    /** Marks the claim published, in a step of its own right after the publish. */
    public void record(Exchange exchange) {
        claims.published(AlertWork.of(exchange).eventId());
    }

    public void published(Exchange exchange) {
        StockChange change = AlertWork.of(exchange).change();
        metrics.alertPublished();
        LOG.info("Alert sent: {} at store {} quantity {} (event {}, {})", StockAlert.visible(change.item()),
                StockAlert.visible(change.store()), StockAlert.quantity(change.newQuantity()), change.eventId(),
                change.eventName());
    }

    private void logSkip(AlertWork work, AlertDecision decision) {
        long now = clock.millis();
        long count;
        synchronized (skipLog) {
            long[] state = skipLog.computeIfAbsent(decision.skip(), r -> new long[] {Long.MIN_VALUE, 0});
            state[1]++;
            if (state[0] != Long.MIN_VALUE && now - state[0] < SKIP_LOG_EVERY.toMillis()) {
                return;
            }
            state[0] = now;
            count = state[1];
            state[1] = 0;
        }
        LOG.warn("Stream record skipped, no alert possible: {} (event {}, {}, item {} at store {}){}", decision.detail(),
                work.eventId(), work.change().eventName(), StockAlert.visible(work.change().item()),
                StockAlert.visible(work.change().store()), count > 1 ? "; " + (count - 1) + " more such records since the "
                        + "last line" : "");
    }
}
