package inventory.tracing;

import inventory.RootCause;
import inventory.alerts.AlertDecision;
import inventory.alerts.AlertWork;
import inventory.alerts.StockChange;
import inventory.table.ItemAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import org.apache.camel.Exchange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The span {@code alert}: one stream record the {@code stock-alert} route took, the root of its own trace, tied to the
 * record by its event id and sequence number, and to the upload that wrote the item by the item's {@code source}
 * ({@code inventory.upload}, the same value the {@code import} span carries). The table holds no trace context (a
 * stamp per write would turn a re-upload that changes nothing into a change), hence an attribute, not a parent.
 */
final class AlertSpans extends ExchangeSpans {

    /** {@code routes.StockAlertRoute.ROUTE_ID} (the inventory packages may not depend on the routes). */
    static final String ROUTE_ID = "stock-alert";
    static final String NAME = "alert";

    /** {@code s3://bucket/key} of the upload: on an import span, its own; on an alert span, the item's source. */
    static final AttributeKey<String> UPLOAD = AttributeKey.stringKey("inventory.upload");
    static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("inventory.stream.event_id");
    static final AttributeKey<String> SEQUENCE_NUMBER = AttributeKey.stringKey("inventory.stream.sequence_number");
    static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("inventory.stream.event_name");
    static final AttributeKey<String> STORE = AttributeKey.stringKey("inventory.store");
    static final AttributeKey<String> ITEM = AttributeKey.stringKey("inventory.item");
    static final AttributeKey<String> QUANTITY = AttributeKey.stringKey("inventory.quantity");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("inventory.alert.outcome");
    static final AttributeKey<String> SKIP_REASON = AttributeKey.stringKey("inventory.alert.skip_reason");
    static final AttributeKey<String> ERROR = AttributeKey.stringKey("inventory.alert.error");

    /** What became of a record's alert. */
    enum Outcome {
        SENT("sent"), ALREADY_SENT("already-sent"), SKIPPED("skipped"), NOT_NEEDED("not-needed"),
        DEAD_LETTERED("dead-lettered"), HELD("held");

        final String label;

        Outcome(String label) {
            this.label = label;
        }

        /**
         * @param failure  the exception still on the exchange: the record stays unfinished, read again
         * @param caught   a failure handled by dead-lettering the alert
         * @param decision the rule's decision, null if the record was never decided
         * @param claimed  whether this reader claimed the alert (false: sent or dead-lettered before)
         */
        static Outcome of(Throwable failure, Throwable caught, AlertDecision decision, boolean claimed) {
            if (failure != null || decision == null && caught == null) {
                return HELD;
            }
            if (caught != null) {
                return DEAD_LETTERED;
            }
            return switch (decision.verdict()) {
                case SKIP -> SKIPPED;
                case IGNORE -> NOT_NEEDED;
                case ALERT -> claimed ? SENT : ALREADY_SENT;
            };
        }
    }

    private final Tracer tracer;

    AlertSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    Span begin(Exchange exchange) {
        Record record = exchange.getMessage().getBody(Record.class);
        Span span = tracer.spanBuilder(NAME).setSpanKind(SpanKind.CONSUMER).setNoParent().startSpan();
        if (record != null) {
            StockChange change = StockChange.of(record);
            span.setAttribute(EVENT_ID, SpanText.of(change.eventId()));
            span.setAttribute(EVENT_NAME, SpanText.of(change.eventName()));
            span.setAttribute(STORE, SpanText.of(change.store()));
            span.setAttribute(ITEM, SpanText.of(change.item()));
            if (change.newQuantity() != null) {
                span.setAttribute(QUANTITY, change.newQuantity().toString());
            }
            if (record.dynamodb() != null) {
                span.setAttribute(SEQUENCE_NUMBER, SpanText.of(record.dynamodb().sequenceNumber()));
                AttributeValue source = record.dynamodb().hasNewImage()
                        ? record.dynamodb().newImage().get(ItemAttributes.SOURCE) : null;
                if (source != null && source.s() != null) {
                    span.setAttribute(UPLOAD, SpanText.of(source.s()));
                }
            }
        }
        return span;
    }

    @Override
    boolean describe(Exchange exchange, Span span) {
        Throwable failure = exchange.getException();
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        AlertWork work = exchange.getProperty(AlertWork.PROPERTY, AlertWork.class);
        AlertDecision decision = work == null ? null : work.decision();
        Outcome outcome = Outcome.of(failure, caught, decision, work != null && work.claimed());
        span.setAttribute(OUTCOME, outcome.label);
        if (outcome == Outcome.SKIPPED) {
            span.setAttribute(SKIP_REASON, decision.skip().label());
        }
        Throwable error = failure != null ? failure : caught;
        if (error != null) {
            String reason = SpanText.of(RootCause.message(error));
            span.setAttribute(ERROR, reason);
            span.setStatus(StatusCode.ERROR, reason);
        }
        return true;
    }
}
