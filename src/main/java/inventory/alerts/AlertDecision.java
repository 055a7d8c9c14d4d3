package inventory.alerts;

/**
 * What the rule says about one stream record, decided once.
 *
 * @param verdict what to do with it
 * @param skip    why it was skipped ({@link Verdict#SKIP} only)
 * @param detail  the particulars, for the log ({@link Verdict#SKIP} only)
 */
public record AlertDecision(Verdict verdict, SkipReason skip, String detail) {

    /** Alert, nothing to do, or nothing possible. */
    public enum Verdict {
        /** The change alerts. */
        ALERT,
        /** A change that does not alert: stock above the threshold, a REMOVE, staying low in on-transition mode. */
        IGNORE,
        /** The record cannot be read as a stock change (another tool wrote the item, or the stream lacks images). */
        SKIP
    }

    /** Why a record cannot be read as a stock change; the metric's {@code reason} label. */
    public enum SkipReason {
        NO_NEW_IMAGE("no-new-image"), NO_KEYS("no-keys"), NO_QUANTITY("no-quantity"),
        QUANTITY_NOT_A_NUMBER("quantity-not-a-number"), UNKNOWN_EVENT("unknown-event");

        private final String label;

        SkipReason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final AlertDecision ALERT = new AlertDecision(Verdict.ALERT, null, null);
    public static final AlertDecision IGNORE = new AlertDecision(Verdict.IGNORE, null, null);

    static AlertDecision skip(SkipReason reason, String detail) {
        return new AlertDecision(Verdict.SKIP, reason, detail);
    }

    public boolean alerts() {
        return verdict == Verdict.ALERT;
    }
}
