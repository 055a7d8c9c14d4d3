package sandbox.item;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/** Writes a tree of attribute values in {@link PackedItem}'s layout into a growing buffer. */
final class Packer {

    private byte[] buf = new byte[192];
    private int pos;

    void map(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw new IllegalArgumentException("not a map of attribute values: " + item);
        }
        varint(item.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            name(e.getKey());
            value(e.getValue());
        }
    }

    private void value(JsonNode av) {
        if (av == null || !av.isObject() || av.size() != 1) {
            throw new IllegalArgumentException("not an attribute value: " + av);
        }
        Map.Entry<String, JsonNode> e = av.fields().next();
        JsonNode v = e.getValue();
        switch (e.getKey()) {
            case "S" -> scalar(PackedItem.S, v);
            case "N" -> scalar(PackedItem.N, v);
            case "B" -> scalar(PackedItem.B, v);
            case "BOOL" -> tag(v.booleanValue() ? PackedItem.TRUE : PackedItem.FALSE);
            case "NULL" -> tag(PackedItem.NULL);
            case "L" -> {
                tag(PackedItem.L);
                varint(v.size());
                for (JsonNode m : v) {
                    value(m);
                }
            }
            case "M" -> {
                tag(PackedItem.M);
                map(v);
            }
            case "SS" -> set(PackedItem.SS, v);
            case "NS" -> set(PackedItem.NS, v);
            case "BS" -> set(PackedItem.BS, v);
            default -> throw new IllegalArgumentException("not an attribute value: " + av);
        }
    }

    private void scalar(byte tag, JsonNode v) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException("not a text value: " + v);
        }
        tag(tag);
        string(v.textValue());
    }

    private void set(byte tag, JsonNode v) {
        tag(tag);
        varint(v.size());
        for (JsonNode m : v) {
            string(m.textValue());
        }
    }

    private void name(String name) {
        int id = AttributeNames.id(name);
        if (id >= 0) {
            varint(id + 1);
        } else {
            varint(0);
            string(name);
        }
    }

    /** Header {@code length << 1} then UTF-8, or {@code units << 1 | 1} then UTF-16 units (a lone surrogate). */
    private void string(String s) {
        int n = s.length();
        if (isAscii(s)) {
            varint(n << 1);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        } else if (isWellFormed(s)) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length << 1);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, pos, utf8.length);
            pos += utf8.length;
        } else {
            varint(n << 1 | 1);
            ensure(2 * n);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                buf[pos++] = (byte) (c >>> 8);
                buf[pos++] = (byte) c;
            }
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private void tag(byte tag) {
        ensure(1);
        buf[pos++] = tag;
    }

    private void varint(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
