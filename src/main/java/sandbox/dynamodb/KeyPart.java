package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * One key attribute's value, ordered as DynamoDB orders keys: S by UTF-8 bytes, N numerically,
 * B by unsigned bytes. Built from a canonical attribute value, so equality is value equality.
 */
public final class KeyPart implements Comparable<KeyPart> {

    /** Greater than every value: the open upper end of a partition's range. */
    static final KeyPart TOP = new KeyPart();

    private final JsonNode value;
    private final byte[] bytes;
    private final BigDecimal number;

    KeyPart(JsonNode canonicalValue) {
        this.value = canonicalValue;
        String type = AttributeValues.type(canonicalValue);
        String text = AttributeValues.inner(canonicalValue).textValue();
        switch (type) {
            case "N" -> {
                this.number = new BigDecimal(text);
                this.bytes = null;
            }
            case "B" -> {
                this.bytes = Base64.getDecoder().decode(text);
                this.number = null;
            }
            default -> {
                this.bytes = text.getBytes(StandardCharsets.UTF_8);
                this.number = null;
            }
        }
    }

    private KeyPart() {
        this.value = null;
        this.bytes = null;
        this.number = null;
    }

    /** The attribute value in wire form, e.g. {@code {"S":"abc"}}. */
    public JsonNode value() {
        return value;
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
        if (number != null && o.number != null) {
            return number.compareTo(o.number);
        }
        if (bytes != null && o.bytes != null) {
            return Arrays.compareUnsigned(bytes, o.bytes);
        }
        return number != null ? -1 : 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPart k && (this == k || value != null && value.equals(k.value));
    }

    @Override
    public int hashCode() {
        return value == null ? 0 : value.hashCode();
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
