package sandbox.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import sandbox.core.Json;

/**
 * A slice {@code [low, high]} of the partition-key hash space {@code [0, Long.MAX_VALUE]}, as a DynamoDB
 * partition owns one: an open shard owns a range, and every change of an item goes to the open shard
 * whose range holds the hash of the item's partition key. AWS does not show ranges; the sandbox keeps
 * them to decide placement, rollover and splits.
 */
record HashRange(long low, long high) {

    static final HashRange WHOLE = new HashRange(0, Long.MAX_VALUE);

    HashRange {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("bad hash range " + low + ".." + high);
        }
    }

    /** The whole space cut into {@code n} adjacent ranges of (nearly) equal size. */
    static List<HashRange> partition(int n) {
        List<HashRange> out = new ArrayList<>(n);
        long step = Long.MAX_VALUE / n;
        for (int i = 0; i < n; i++) {
            out.add(new HashRange(i * step, i == n - 1 ? Long.MAX_VALUE : (i + 1) * step - 1));
        }
        return out;
    }

    boolean contains(long hash) {
        return hash >= low && hash <= high;
    }

    boolean splittable() {
        return high > low;
    }

    /** The lower and the upper half. */
    List<HashRange> halves() {
        long mid = low + (high - low) / 2;
        return List.of(new HashRange(low, mid), new HashRange(mid + 1, high));
    }

    /** The hash of an item's partition key (the HASH attribute's value in wire form), MD5 as DynamoDB uses. */
    static long ofPartitionKey(ObjectNode keys, ArrayNode keySchema) {
        JsonNode value = keys;
        for (JsonNode k : keySchema) {
            if ("HASH".equals(k.path("KeyType").asText()) && keys.has(k.path("AttributeName").asText())) {
                value = keys.get(k.path("AttributeName").asText());
            }
        }
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(Json.bytes(value));
            return ByteBuffer.wrap(md5).getLong() & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
