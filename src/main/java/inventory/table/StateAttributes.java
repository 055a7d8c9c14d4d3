package inventory.table;

/**
 * Attribute names every item of the state table ({@code inventory.state.table}) has, whichever room writes it: import
 * attempts, alert claims, leases, stream checkpoints.
 */
public final class StateAttributes {
    /** The table's one key (S). */
    public static final String KEY = "id";
    /** Epoch seconds after which DynamoDB may delete the item (TTL). */
    public static final String EXPIRES_AT = "expiresAt";

    private StateAttributes() {
    }
}
