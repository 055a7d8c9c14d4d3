package sandbox.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * One page of a bucket listing, shared by ListObjects and ListObjectsV2: keys under {@code prefix}
 * in UTF-8 byte order, keys containing {@code delimiter} after the prefix rolled up into common
 * prefixes, starting strictly after {@code after} (a marker, start-after or continuation point), at
 * most {@code max} entries (keys and common prefixes together). Each step is a sorted-map lookup,
 * so a page costs O(max log n) however large the bucket or a rolled-up prefix.
 *
 * @param last the last entry returned (key or common prefix): where the next page starts
 */
record ObjectListing(List<StoredObject> objects, List<String> commonPrefixes, boolean truncated, String last) {

    static ObjectListing page(NavigableMap<String, StoredObject> keys, String prefix, String delimiter, String after,
                              int max) {
        if (max <= 0) {
            return new ObjectListing(List.of(), List.of(), false, null);
        }
        String p = prefix == null ? "" : prefix;
        String d = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        List<StoredObject> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;

        Map.Entry<String, StoredObject> e = after != null && KeyOrder.INSTANCE.compare(after, p) >= 0
                ? keys.higherEntry(after) : keys.ceilingEntry(p);
        while (e != null && e.getKey().startsWith(p)) {
            String key = e.getKey();
            int at = d == null ? -1 : key.indexOf(d, p.length());
            if (at < 0) {
                if (objects.size() + prefixes.size() == max) {
                    truncated = true;
                    break;
                }
                objects.add(e.getValue());
                last = key;
                e = keys.higherEntry(key);
                continue;
            }
            String common = key.substring(0, at + d.length());
            boolean seen = after != null && KeyOrder.INSTANCE.compare(common, after) <= 0
                    || common.equals(last);
            if (!seen) {
                if (objects.size() + prefixes.size() == max) {
                    truncated = true;
                    break;
                }
                prefixes.add(common);
                last = common;
            }
            // skip every key under this common prefix in one lookup
            Map.Entry<String, StoredObject> next = keys.higherEntry(common + KeyOrder.AFTER_ALL);
            e = next != null && next.getKey().startsWith(common) ? keys.higherEntry(key) : next;
        }
        return new ObjectListing(objects, prefixes, truncated, last);
    }
}
