package inventory.alerts;

import inventory.InventorySettings;
import inventory.PipelineMetrics;
import inventory.RootCause;
import inventory.alerts.AlertWork.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What the alert route does when a step fails, by the type of the failure, decided at each failure:
 * <ul>
 * <li><b>transient</b> (throttling, 5xx, 429, the network): retried with backoff for as long as it takes, holding the
 *     stream, until the change is older than {@code inventory.alert.max-record-age}; then dead-lettered;</li>
 * <li><b>the state table</b> (claims, records) unavailable: retried for as long as it takes, never dead-lettered: it
 *     says nothing about the alert;</li>
 * <li><b>anything else</b> (the destination refuses the alert, it cannot be prepared): tried
 *     {@code inventory.alert.max-attempts} times, then dead-lettered; a change too old is dead-lettered at once;</li>
 * <li><b>fenced out</b> (another instance reads the stream now) or this reader stopping: held, neither retried nor
 *     dead-lettered; the record stays unfinished and the current reader sends its alert.</li>
 * </ul>
 * Before publishing again after a failed publish the claim is confirmed, so a reader that lost the stream meanwhile
 * (a paused process, a partition) does not send what its successor sends.
 */
public final class AlertFailurePolicy {

    private static final Logger LOG = LoggerFactory.getLogger(AlertFailurePolicy.class);

    private final InventorySettings.AlertFailures settings;
    private final AlertClaims claims;
    private final AlertDeadLetters deadLetters;
    private final PipelineMetrics metrics;
    private final Clock clock;

    public AlertFailurePolicy(InventorySettings.AlertFailures settings, AlertClaims claims, AlertDeadLetters deadLetters,
                              PipelineMetrics metrics, Clock clock) {
        this.settings = settings;
        this.claims = claims;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Camel's retryWhile: true to try the failed step again; false with the outcome decided on the work. */
    public boolean retry(Exchange exchange) {
        Throwable error = caught(exchange);
        AlertWork work = AlertWork.of(exchange);
        int attempts = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        if (ObjectHelper.getException(FencedOutException.class, error) != null || !claims.active()) {
            work.fail(Outcome.HOLD, "fenced-out", RootCause.message(error), attempts);
            return false;
        }
        if (ObjectHelper.getException(AlertLogUnavailableException.class, error) != null) {
            return true;
        }
        if (ObjectHelper.getException(AlertTooOldException.class, error) != null) {
            work.fail(Outcome.DEAD_LETTER, "too-old", RootCause.message(error), attempts);
            return false;
        }
        if (isTransient(error)) {
            if (!work.change().olderThan(settings.maxRecordAge(), clock.instant())) {
                return true;
            }
            work.fail(Outcome.DEAD_LETTER, "too-old", "still failing (" + RootCause.message(error) + ") when the change "
                    + "became older than " + settings.maxRecordAge().toSeconds() + " s (inventory.alert.max-record-age)",
                    attempts);
            return false;
        }
        if (attempts < settings.maxAttempts()) {
            return true;
        }
        // the destination refused what was sent, or the alert could not even be prepared
        work.fail(Outcome.DEAD_LETTER, work.message() != null ? "refused" : "failed", RootCause.message(error), attempts);
        return false;
    }

    /**
     * Camel's onRedelivery, before each new attempt: counts a failed publish and, before publishing again, confirms
     * the claim; if this reader's turn ended meanwhile (or that cannot be told now) the attempt is not made and the
     * record stays unfinished.
     */
    public void beforeRetry(Exchange exchange) {
        AlertWork work = AlertWork.of(exchange);
        if (work.message() != null && !work.sent()) {
            metrics.publishFailed();
        }
        if (work.claimed() && !work.sent()) {
            try {
                claims.confirm();
            } catch (RuntimeException e) {
                work.fail(Outcome.HOLD, "fenced-out", e.getMessage(), 0);
                exchange.setException(e);
                exchange.setRouteStop(true);
            }
        }
    }

    /** Camel's handled: a dead letter finishes the record; a held record must fail its exchange so it is read again. */
    public boolean handled(Exchange exchange) {
        return AlertWork.of(exchange).outcome() == Outcome.DEAD_LETTER;
    }

    /**
     * Keeps the dead letter (queue or file), marks the claim, counts and logs it. A failure here fails the exchange:
     * the record is read and decided again.
     */
    public void deadLetter(Exchange exchange) {
        AlertWork work = AlertWork.of(exchange);
        if (work.outcome() != Outcome.DEAD_LETTER) {
            return;
        }
        StockChange change = work.change();
        deadLetters.keep(new DeadLetter(work.reason(), work.detail(), work.attempts(), clock.instant(), change,
                work.message(), work.record()));
        if (work.claimed()) {
            claims.deadLettered(work.eventId());
        }
        metrics.alertDeadLettered(work.reason());
        LOG.error("Alert for {} at store {} (event {}) dead-lettered to {}: {}, {} after {} attempt(s)",
                StockAlert.visible(change.item()), StockAlert.visible(change.store()), work.eventId(),
                deadLetters.describe(), work.reason(), work.detail(), work.attempts());
    }

    /** Throttling, 5xx, 429, the network, a local I/O hiccup: worth the wait. */
    static boolean isTransient(Throwable error) {
        AwsServiceException aws = ObjectHelper.getException(AwsServiceException.class, error);
        if (aws != null) {
            return aws.isThrottlingException() || aws.statusCode() >= 500 || aws.statusCode() == 429;
        }
        return ObjectHelper.getException(SdkClientException.class, error) != null
                || ObjectHelper.getException(IOException.class, error) != null
                || ObjectHelper.getException(UncheckedIOException.class, error) != null;
    }

    private static Throwable caught(Exchange exchange) {
        Throwable e = exchange.getException();
        return e != null ? e : exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Throwable.class);
    }
}
