package sandbox.item;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * An item, an image or a key in DynamoDB's wire form ({@code {"store":{"S":"s1"},...}}), packed into one byte
 * array: a tree of a few hundred bytes of maps and nodes becomes about a hundred bytes, and an item and the stream
 * records showing it share one immutable copy. Decoded on read ({@link #toJson}); in a response tree (as a POJO,
 * {@code putPOJO}) it writes itself straight to the generator. The form is private to memory: journals hold JSON.
 *
 * <p>Layout: a count, then per attribute its name (a number from {@link AttributeNames}, or inline) and its value:
 * one tag byte, then the string (S, N, B as its base64 text), nothing (BOOL, NULL), or a count and the members
 * (L, M, SS, NS, BS). Strings are UTF-8, or UTF-16 units when they hold a lone surrogate (UTF-8 cannot).
 */
public final class PackedItem implements JsonSerializable {

    static final byte S = 1;
    static final byte N = 2;
    static final byte B = 3;
    static final byte TRUE = 4;
    static final byte FALSE = 5;
    static final byte NULL = 6;
    static final byte L = 7;
    static final byte M = 8;
    static final byte SS = 9;
    static final byte NS = 10;
    static final byte BS = 11;

    private final byte[] bytes;

    private PackedItem(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Packs a map of attribute values in canonical wire form ({@code AttributeValues.item} or a key of one).
     *
     * @throws IllegalArgumentException if a value is not an attribute value
     */
    public static PackedItem of(JsonNode item) {
        Packer p = new Packer();
        p.map(item);
        return new PackedItem(p.toByteArray());
    }

    /** A new tree, equal to the one packed (the caller may change it). */
    public ObjectNode toJson() {
        return new Unpacker(bytes).map();
    }

    /** How many bytes the packed form takes (without the array's header). */
    public int packedLength() {
        return bytes.length;
    }

    Unpacker unpacker() {
        return new Unpacker(bytes);
    }

    @Override
    public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
        new Unpacker(bytes).write(g);
    }

    @Override
    public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer typeSer)
            throws IOException {
        WritableTypeId id = typeSer.writeTypePrefix(g, typeSer.typeId(this, com.fasterxml.jackson.core.JsonToken.START_OBJECT));
        serialize(g, provider);
        typeSer.writeTypeSuffix(g, id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedItem p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}
