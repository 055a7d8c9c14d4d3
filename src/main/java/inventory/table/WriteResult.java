package inventory.table;

/**
 * What one conditional write of a row did to its item, whichever way it was sent (a PutItem, or PartiQL statements):
 * the item was new, it held an older {@code updatedAt}, or it was as new or newer and was left as it was.
 */
public enum WriteResult { INSERTED, UPDATED, STALE }
