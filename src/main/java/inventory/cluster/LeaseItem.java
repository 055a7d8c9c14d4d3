package inventory.cluster;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The leader's lease as one item of the state table: {@code id = "lease#<namespace>#<inventory table>"},
 * {@code owner} (the instance holding it), {@code term} (N, +1 at every change of owner), {@code rvn} (a random
 * version, new at every renewal: others watch it change), {@code leaseMs} (N, how long the owner promises to renew
 * within), {@code renewedAt} (for people only; nobody compares clocks) and {@code released} (BOOL, set by an owner
 * that stopped, so another takes over at once).
 *
 * @param released true when the owner gave the lease up
 */
record LeaseItem(String owner, long term, String rvn, long leaseMs, boolean released) {

    static final String OWNER = "owner";
    static final String TERM = "term";
    static final String RVN = "rvn";
    static final String LEASE_MS = "leaseMs";
    static final String RENEWED_AT = "renewedAt";
    static final String RELEASED = "released";

    /** A lease item another tool or a person wrote in a shape no instance can safely act on. */
    static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    /** Reads the item; throws {@link Unreadable} naming what is wrong. */
    static LeaseItem of(Map<String, AttributeValue> item) {
        String owner = string(item, OWNER);
        String rvn = string(item, RVN);
        long term = number(item, TERM);
        long leaseMs = number(item, LEASE_MS);
        if (term < 1 || leaseMs < 1) {
            throw new Unreadable(TERM + " and " + LEASE_MS + " must be positive, they are " + term + " and " + leaseMs);
        }
        AttributeValue released = item.get(RELEASED);
        if (released != null && released.bool() == null) {
            throw new Unreadable(RELEASED + " is not a BOOL");
        }
        return new LeaseItem(owner, term, rvn, leaseMs, released != null && released.bool());
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.s() == null || v.s().isEmpty()) {
            throw new Unreadable(name + " is missing or not a non-empty string (S)");
        }
        return v.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        if (v == null || v.n() == null) {
            throw new Unreadable(name + " is missing or not a number (N)");
        }
        try {
            return Long.parseLong(v.n());
        } catch (NumberFormatException e) {
            throw new Unreadable(name + " '" + v.n() + "' is not a whole number");
        }
    }
}
