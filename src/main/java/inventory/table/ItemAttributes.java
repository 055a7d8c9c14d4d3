package inventory.table;

/** Attribute names of an inventory item in the table: what the import writes, the alert reads and provisioning keys on. */
public final class ItemAttributes {
    public static final String STORE = "store";
    public static final String ITEM = "item";
    public static final String QUANTITY = "quantity";
    public static final String UPDATED_AT = "updatedAt";
    public static final String SOURCE = "source";

    private ItemAttributes() {
    }
}
