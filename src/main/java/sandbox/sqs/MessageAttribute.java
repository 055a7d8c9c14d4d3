package sandbox.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import sandbox.core.Json;

/**
 * One message attribute (or system attribute such as {@code AWSTraceHeader}): a data type of
 * {@code String}, {@code Number} or {@code Binary} (each with an optional {@code .suffix}) and its value.
 *
 * @param binaryValue the raw bytes for Binary types, else null
 */
record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    boolean isBinary() {
        return dataType.startsWith("Binary");
    }

    /** The bytes that count against the message size and go into the MD5: the string's UTF-8 or the raw bytes. */
    byte[] valueBytes() {
        return isBinary() ? binaryValue : stringValue.getBytes(StandardCharsets.UTF_8);
    }

    /** The wire form: {@code {"DataType":..,"StringValue":..}} or {@code {"DataType":..,"BinaryValue":<base64>}}. */
    ObjectNode toJson() {
        ObjectNode n = Json.object().put("DataType", dataType);
        if (isBinary()) {
            n.put("BinaryValue", Base64.getEncoder().encodeToString(binaryValue));
        } else {
            n.put("StringValue", stringValue);
        }
        return n;
    }

    /** Reads the wire (and journal) form without validating it; see {@link MessageRules}. */
    static MessageAttribute fromJson(JsonNode n) {
        String type = n.path("DataType").asText("");
        String s = n.hasNonNull("StringValue") ? n.get("StringValue").asText() : null;
        byte[] b = null;
        if (n.hasNonNull("BinaryValue")) {
            try {
                b = Base64.getDecoder().decode(n.get("BinaryValue").asText());
            } catch (IllegalArgumentException e) {
                throw SqsErrors.invalidParameterValue("The message attribute has an invalid binary value (base64)");
            }
        }
        return new MessageAttribute(type, s, b);
    }
}
