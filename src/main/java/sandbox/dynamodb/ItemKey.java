package sandbox.dynamodb;

import java.util.Comparator;

/**
 * The primary key of an item: partition key and, for tables with one, sort key. Ordered by partition
 * key then sort key, so one partition's items are contiguous and sorted in a table's sorted map.
 *
 * @param range the sort key, or null for a table without one
 */
public record ItemKey(KeyPart hash, KeyPart range) implements Comparable<ItemKey> {

    private static final Comparator<KeyPart> RANGE_ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

    @Override
    public int compareTo(ItemKey o) {
        int c = hash.compareTo(o.hash);
        return c != 0 ? c : RANGE_ORDER.compare(range, o.range);
    }
}
