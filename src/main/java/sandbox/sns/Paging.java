package sandbox.sns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Pages of 100 over a sorted map: the NextToken is the (encoded) last key returned, so each page is
 * a {@code tailMap} lookup, O(log n), and stays correct while entries come and go.
 */
final class Paging {

    static final int PAGE_SIZE = 100;

    /** One page and the token for the next one (null on the last page). */
    record Page<V>(List<V> items, String nextToken) {
    }

    private Paging() {
    }

    static <V> Page<V> page(NavigableMap<String, V> map, String nextToken) {
        NavigableMap<String, V> view = nextToken == null || nextToken.isEmpty() ? map
                : map.tailMap(decode(nextToken), false);
        List<V> items = new ArrayList<>(Math.min(PAGE_SIZE, 16));
        String lastKey = null;
        for (Map.Entry<String, V> e : view.entrySet()) {
            if (items.size() == PAGE_SIZE) {
                return new Page<>(items, encode(lastKey));
            }
            items.add(e.getValue());
            lastKey = e.getKey();
        }
        return new Page<>(items, null);
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SnsErrors.invalidParameter("Invalid parameter: NextToken");
        }
    }
}
