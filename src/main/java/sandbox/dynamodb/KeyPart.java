package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import sandbox.core.Json;

/**
 * One key attribute's value, ordered as DynamoDB orders keys: S by UTF-8 bytes, N numerically,
 * B by unsigned bytes. Built from a canonical attribute value, so equality is value equality. Kept as
 * bytes or a number only (every item has one or two): the wire form is rebuilt on demand.
 */
public final class KeyPart implements Comparable<KeyPart> {

    /** Greater than every value: the open upper end of a partition's range. */
    static final KeyPart TOP = new KeyPart(null, null, null);

    /** "S", "N" or "B" (the constants); null for {@link #TOP}. */
    private final String type;
    /** S: UTF-8 bytes, B: raw bytes, N: null. */
    private final byte[] bytes;
    /** N: its number; S: its text only when UTF-8 cannot hold it (a lone surrogate); otherwise null. */
    private final Object exact;

    private KeyPart(String type, byte[] bytes, Object exact) {
        this.type = type;
        this.bytes = bytes;
        this.exact = exact;
    }

    KeyPart(JsonNode canonicalValue) {
        String t = AttributeValues.type(canonicalValue);
        String text = AttributeValues.inner(canonicalValue).textValue();
        switch (t) {
            case "N" -> {
                this.type = "N";
                this.bytes = null;
                this.exact = new BigDecimal(text);
            }
            case "B" -> {
                this.type = "B";
                this.bytes = Base64.getDecoder().decode(text);
                this.exact = null;
            }
            default -> {
                this.type = "S";
                this.bytes = text.getBytes(StandardCharsets.UTF_8);
                this.exact = hasSurrogate(text) && !new String(bytes, StandardCharsets.UTF_8).equals(text) ? text : null;
            }
        }
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The attribute value in wire form, e.g. {@code {"S":"abc"}} (a new tree on each call). */
    public JsonNode value() {
        if (type == null) {
            return null;
        }
        ObjectNode v = Json.object();
        return switch (type) {
            // canonical numbers are plain text of their value: toPlainString gives that text back
            case "N" -> v.put("N", ((BigDecimal) exact).toPlainString());
            case "B" -> v.put("B", Base64.getEncoder().encodeToString(bytes));
            default -> v.put("S", exact != null ? (String) exact : new String(bytes, StandardCharsets.UTF_8));
        };
    }

    /** Bytes the value takes against the key size limits (numbers are not limited there). */
    int byteLength() {
        return bytes == null ? 0 : bytes.length;
    }

    boolean startsWith(KeyPart prefix) {
        if (bytes == null || prefix.bytes == null || prefix.bytes.length > bytes.length) {
            return false;
        }
        return Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    @Override
    public int compareTo(KeyPart o) {
        if (this == TOP || o == TOP) {
            return this == o ? 0 : this == TOP ? 1 : -1;
        }
        if (exact instanceof BigDecimal a && o.exact instanceof BigDecimal b) {
            return a.compareTo(b);
        }
        if (bytes != null && o.bytes != null) {
            return Arrays.compareUnsigned(bytes, o.bytes);
        }
        return bytes == null ? -1 : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPart k && (this == k || type != null && type.equals(k.type)
                && Arrays.equals(bytes, k.bytes) && Objects.equals(exact, k.exact));
    }

    @Override
    public int hashCode() {
        return type == null ? 0 : 31 * type.hashCode() + (bytes != null ? Arrays.hashCode(bytes) : exact.hashCode());
    }

    @Override
    public String toString() {
        return String.valueOf(value());
    }
}
