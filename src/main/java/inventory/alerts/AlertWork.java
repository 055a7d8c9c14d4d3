package inventory.alerts;

import org.apache.camel.Exchange;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The alert route's work on one stream record, carried on its exchange from step to step as one typed object: the
 * record, the change it states, the rule's decision, the claim, and, after a failure, what becomes of it.
 */
public final class AlertWork {

    /** The one exchange property the route's steps share. */
    public static final String PROPERTY = "inventoryAlertWork";

    /** What a failure comes to once retrying stops. */
    enum Outcome {
        /** Kept as a dead letter (the record is finished). */
        DEAD_LETTER,
        /** Nothing: the record stays unfinished, read again by whoever reads the stream next. */
        HOLD
    }

    private final Record record;
    private final StockChange change;
    private AlertDecision decision;
    private AlertClaims.Claim claim;
    private String message;
    private boolean sent;
    private Outcome outcome;
    private String reason;
    private String detail;
    private int attempts;

    private AlertWork(Record record) {
        this.record = record;
        this.change = StockChange.of(record);
    }

    /** Starts the work on the record in the exchange's body. */
    static AlertWork begin(Exchange exchange) {
        AlertWork work = new AlertWork(exchange.getMessage().getBody(Record.class));
        exchange.setProperty(PROPERTY, work);
        return work;
    }

    /** The work of this exchange. */
    public static AlertWork of(Exchange exchange) {
        AlertWork work = exchange.getProperty(PROPERTY, AlertWork.class);
        if (work == null) {
            throw new IllegalStateException("no alert work on exchange " + exchange.getExchangeId() + ": read-record first");
        }
        return work;
    }

    public Record record() {
        return record;
    }

    public StockChange change() {
        return change;
    }

    /** The stream event: the claim's key, and a FIFO topic's deduplication id. */
    public String eventId() {
        return change.eventId();
    }

    public AlertDecision decision() {
        return decision;
    }

    void decided(AlertDecision d) {
        decision = d;
    }

    public boolean claimed() {
        return claim == AlertClaims.Claim.CLAIMED;
    }

    void claim(AlertClaims.Claim c) {
        claim = c;
    }

    String message() {
        return message;
    }

    void message(String m) {
        message = m;
    }

    /** True once every destination accepted the alert. */
    boolean sent() {
        return sent;
    }

    void markSent() {
        sent = true;
    }

    Outcome outcome() {
        return outcome;
    }

    String reason() {
        return reason;
    }

    String detail() {
        return detail;
    }

    int attempts() {
        return attempts;
    }

    void fail(Outcome o, String why, String what, int tries) {
        outcome = o;
        reason = why;
        detail = what;
        attempts = tries;
    }
}
