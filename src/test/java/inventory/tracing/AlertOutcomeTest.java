package inventory.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.alerts.AlertDecision;
import inventory.tracing.AlertSpans.Outcome;
import org.junit.jupiter.api.Test;

/** What an alert span says became of its record, from the exchange's state when the route is done with it. */
class AlertOutcomeTest {

    private static final RuntimeException FAILED = new IllegalStateException("SNS is down");

    @Test
    void aClaimedAlertThatWentThroughWasSent() {
        assertThat(Outcome.of(null, null, AlertDecision.ALERT, true)).isEqualTo(Outcome.SENT);
    }

    @Test
    void anAlertAnotherReadingSettledWasAlreadySent() {
        assertThat(Outcome.of(null, null, AlertDecision.ALERT, false)).isEqualTo(Outcome.ALREADY_SENT);
    }

    @Test
    void aHandledFailureWasDeadLettered() {
        assertThat(Outcome.of(null, FAILED, AlertDecision.ALERT, true)).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(Outcome.of(null, FAILED, null, false)).isEqualTo(Outcome.DEAD_LETTERED);
    }

    @Test
    void aFailureLeftOnTheExchangeHoldsTheRecord() {
        assertThat(Outcome.of(FAILED, FAILED, AlertDecision.ALERT, true)).isEqualTo(Outcome.HELD);
        assertThat(Outcome.of(null, null, null, false)).as("never decided: still in progress at a forced stop")
                .isEqualTo(Outcome.HELD);
    }

    @Test
    void recordsThatAreNoStockChangeAreSkippedAndOthersNeedNoAlert() {
        AlertDecision skip = new AlertDecision(AlertDecision.Verdict.SKIP, AlertDecision.SkipReason.NO_QUANTITY, "no quantity");
        assertThat(Outcome.of(null, null, skip, false)).isEqualTo(Outcome.SKIPPED);
        assertThat(Outcome.of(null, null, AlertDecision.IGNORE, false)).isEqualTo(Outcome.NOT_NEEDED);
    }
}
