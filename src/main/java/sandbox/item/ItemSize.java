package sandbox.item;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * DynamoDB's documented item-size rules, which give a stream record its {@code SizeBytes}: each
 * attribute costs the UTF-8 length of its name plus its value: S = UTF-8 bytes, B = raw bytes,
 * BOOL/NULL = 1, N = ceil(significant digits / 2) + 1, L/M = 3 + their elements (map entries with
 * their names), SS/NS/BS = the sum of their elements.
 */
public final class ItemSize {

    private ItemSize() {
    }

    /** Size of an attribute map ({@code {"name":{"S":"v"},...}}); 0 for null. */
    public static long of(JsonNode item) {
        if (item == null || !item.isObject()) {
            return 0;
        }
        long size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            size += utf8Length(e.getKey()) + value(e.getValue());
        }
        return size;
    }

    /** Size of a packed attribute map, by the same rules, read straight from its bytes; 0 for null. */
    public static long of(PackedItem item) {
        return item == null ? 0 : map(item.unpacker());
    }

    private static long map(Unpacker u) {
        long size = 0;
        for (int i = u.varint(); i > 0; i--) {
            size += utf8Length(u.name()) + value(u);
        }
        return size;
    }

    private static long value(Unpacker u) {
        byte tag = u.tag();
        switch (tag) {
            case PackedItem.S:
                return u.stringUtf8Length();
            case PackedItem.N:
                return numberSize(u.string());
            case PackedItem.B:
                return base64DecodedLength(u.string());
            case PackedItem.TRUE:
            case PackedItem.FALSE:
            case PackedItem.NULL:
                return 1;
            case PackedItem.L: {
                long sum = 3;
                for (int i = u.varint(); i > 0; i--) {
                    sum += value(u);
                }
                return sum;
            }
            case PackedItem.M:
                return 3 + map(u);
            default: {
                long sum = 0;
                for (int i = u.varint(); i > 0; i--) {
                    sum += tag == PackedItem.SS ? u.stringUtf8Length()
                            : tag == PackedItem.NS ? numberSize(u.string()) : base64DecodedLength(u.string());
                }
                return sum;
            }
        }
    }

    /** Size of one attribute value ({@code {"S":"v"}}), without its name. */
    static long value(JsonNode attributeValue) {
        if (attributeValue == null || !attributeValue.isObject() || attributeValue.size() == 0) {
            return 0;
        }
        Map.Entry<String, JsonNode> typed = attributeValue.fields().next();
        JsonNode v = typed.getValue();
        switch (typed.getKey()) {
            case "S":
                return utf8Length(v.asText());
            case "N":
                return numberSize(v.asText());
            case "B":
                return base64DecodedLength(v.asText());
            case "BOOL":
            case "NULL":
                return 1;
            case "SS": {
                long sum = 0;
                for (JsonNode s : v) {
                    sum += utf8Length(s.asText());
                }
                return sum;
            }
            case "NS": {
                long sum = 0;
                for (JsonNode n : v) {
                    sum += numberSize(n.asText());
                }
                return sum;
            }
            case "BS": {
                long sum = 0;
                for (JsonNode b : v) {
                    sum += base64DecodedLength(b.asText());
                }
                return sum;
            }
            case "L": {
                long sum = 3;
                for (JsonNode element : v) {
                    sum += value(element);
                }
                return sum;
            }
            case "M":
                return 3 + of(v);
            default:
                return 0;
        }
    }

    /** 1 byte per two significant digits (leading and trailing zeros dropped), plus 1. */
    static int numberSize(String number) {
        int end = number.length();
        int exp = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (exp >= 0) {
            end = exp;
        }
        int first = -1;
        int last = -1;
        int digits = 0;
        for (int i = 0; i < end; i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                if (c != '0') {
                    if (first < 0) {
                        first = digits;
                    }
                    last = digits;
                }
                digits++;
            }
        }
        int significant = first < 0 ? 0 : last - first + 1;
        return (significant + 1) / 2 + 1;
    }

    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Raw length of base64 text without decoding it (wire form of B values). */
    static int base64DecodedLength(String b64) {
        int chars = 0;
        int padding = 0;
        for (int i = 0; i < b64.length(); i++) {
            char c = b64.charAt(i);
            if (c == '=') {
                padding++;
            } else if (!Character.isWhitespace(c)) {
                chars++;
            }
        }
        int total = chars + padding;
        if (padding > 0) {
            return total / 4 * 3 - padding;
        }
        return chars * 3 / 4;
    }
}
