package sandbox.item;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads {@link PackedItem}'s layout from the start: into a tree, onto a JSON generator, or token by token. */
final class Unpacker {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final byte[] b;
    private int pos;

    Unpacker(byte[] bytes) {
        this.b = bytes;
    }

    // ---- into a tree

    ObjectNode map() {
        int n = varint();
        ObjectNode out = NODES.objectNode();
        for (int i = 0; i < n; i++) {
            String name = name();
            out.set(name, value());
        }
        return out;
    }

    private ObjectNode value() {
        byte tag = tag();
        ObjectNode av = NODES.objectNode();
        switch (tag) {
            case PackedItem.S -> av.set("S", TextNode.valueOf(string()));
            case PackedItem.N -> av.set("N", TextNode.valueOf(string()));
            case PackedItem.B -> av.set("B", TextNode.valueOf(string()));
            case PackedItem.TRUE -> av.set("BOOL", BooleanNode.TRUE);
            case PackedItem.FALSE -> av.set("BOOL", BooleanNode.FALSE);
            case PackedItem.NULL -> av.set("NULL", BooleanNode.TRUE);
            case PackedItem.L -> {
                int n = varint();
                ArrayNode list = NODES.arrayNode(n);
                for (int i = 0; i < n; i++) {
                    list.add(value());
                }
                av.set("L", list);
            }
            case PackedItem.M -> av.set("M", map());
            default -> {
                int n = varint();
                ArrayNode set = NODES.arrayNode(n);
                for (int i = 0; i < n; i++) {
                    set.add(string());
                }
                av.set(setType(tag), set);
            }
        }
        return av;
    }

    // ---- onto a generator

    private static final SerializableString S_FIELD = new SerializedString("S");
    private static final SerializableString N_FIELD = new SerializedString("N");
    private static final SerializableString B_FIELD = new SerializedString("B");

    void write(JsonGenerator g) throws IOException {
        int n = varint();
        g.writeStartObject();
        for (int i = 0; i < n; i++) {
            int id = varint();
            if (id > 0) {
                g.writeFieldName(AttributeNames.fieldName(id - 1));
            } else {
                g.writeFieldName(string());
            }
            writeValue(g);
        }
        g.writeEndObject();
    }

    private void writeValue(JsonGenerator g) throws IOException {
        byte tag = tag();
        g.writeStartObject();
        switch (tag) {
            case PackedItem.S -> writeString(g, S_FIELD);
            case PackedItem.N -> writeString(g, N_FIELD);
            case PackedItem.B -> writeString(g, B_FIELD);
            case PackedItem.TRUE -> g.writeBooleanField("BOOL", true);
            case PackedItem.FALSE -> g.writeBooleanField("BOOL", false);
            case PackedItem.NULL -> g.writeBooleanField("NULL", true);
            case PackedItem.L -> {
                int n = varint();
                g.writeFieldName("L");
                g.writeStartArray();
                for (int i = 0; i < n; i++) {
                    writeValue(g);
                }
                g.writeEndArray();
            }
            case PackedItem.M -> {
                g.writeFieldName("M");
                write(g);
            }
            default -> {
                int n = varint();
                g.writeFieldName(setType(tag));
                g.writeStartArray();
                for (int i = 0; i < n; i++) {
                    g.writeString(string());
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    /** A UTF-8 string goes to a byte generator as it is stored (no String in between). */
    private void writeString(JsonGenerator g, SerializableString field) throws IOException {
        g.writeFieldName(field);
        int start = pos;
        int h = varint();
        if ((h & 1) == 0 && g instanceof UTF8JsonGenerator) {
            g.writeUTF8String(b, pos, h >>> 1);
            pos += h >>> 1;
        } else {
            pos = start;
            g.writeString(string());
        }
    }

    private static String setType(byte tag) {
        return switch (tag) {
            case PackedItem.SS -> "SS";
            case PackedItem.NS -> "NS";
            case PackedItem.BS -> "BS";
            default -> throw new IllegalStateException("not a packed value tag: " + tag);
        };
    }

    // ---- tokens (sizes)

    int varint() {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[pos++];
            v |= (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
        }
    }

    byte tag() {
        return b[pos++];
    }

    String name() {
        int id = varint();
        return id > 0 ? AttributeNames.name(id - 1) : string();
    }

    String string() {
        int h = varint();
        int n = h >>> 1;
        if ((h & 1) == 0) {
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) ((b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF));
            pos += 2;
        }
        return new String(c);
    }

    /** The next string's UTF-8 length, without building it when it is stored as UTF-8. */
    int stringUtf8Length() {
        int h = varint();
        if ((h & 1) == 0) {
            pos += h >>> 1;
            return h >>> 1;
        }
        pos -= varintLength(h);
        return ItemSize.utf8Length(string());
    }

    private static int varintLength(int v) {
        int n = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
