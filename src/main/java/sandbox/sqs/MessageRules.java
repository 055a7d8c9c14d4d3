package sandbox.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What SendMessage accepts: body characters, attribute names, types and values, and the size limit. */
final class MessageRules {

    static final int MAX_ATTRIBUTES = 10;
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Set<String> SYSTEM_ATTRIBUTES_FOR_SENDS = Set.of("AWSTraceHeader");

    private MessageRules() {
    }

    /** A non-empty body of the characters SQS allows. */
    static String body(JsonNode request) {
        JsonNode b = request.get("MessageBody");
        if (b == null || b.isNull() || b.asText().isEmpty()) {
            throw SqsErrors.missingParameter("MessageBody");
        }
        String body = b.asText();
        body.codePoints().filter(c -> !allowed(c)).findFirst().ifPresent(c -> {
            throw SqsErrors.invalidMessageContents(c);
        });
        return body;
    }

    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** {@code MessageAttributes}, validated as SQS does; empty when absent. */
    static Map<String, MessageAttribute> attributes(JsonNode request) {
        return read(request.get("MessageAttributes"), false);
    }

    /** {@code MessageSystemAttributes}: only {@code AWSTraceHeader} (a String) may be sent. */
    static Map<String, MessageAttribute> systemAttributes(JsonNode request) {
        return read(request.get("MessageSystemAttributes"), true);
    }

    private static Map<String, MessageAttribute> read(JsonNode node, boolean system) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.size() > MAX_ATTRIBUTES) {
            throw SqsErrors.invalidParameterValue("Number of message attributes [" + node.size()
                    + "] exceeds the allowed maximum [" + MAX_ATTRIBUTES + "].");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (system) {
                if (!SYSTEM_ATTRIBUTES_FOR_SENDS.contains(name)) {
                    throw SqsErrors.invalidParameterValue("Message system attribute name '" + name + "' is invalid.");
                }
            } else {
                checkName(name);
            }
            out.put(name, value(name, MessageAttribute.fromJson(e.getValue())));
        }
        return out;
    }

    private static void checkName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (!ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".")
                || name.contains("..") || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
            throw SqsErrors.invalidParameterValue("The message attribute name '" + name + "' is invalid. A "
                    + "message attribute name must be 1-256 characters of letters, digits, '_', '-' and '.', "
                    + "must not start or end with '.' nor contain '..', and must not start with 'AWS.' or 'Amazon.'.");
        }
    }

    private static MessageAttribute value(String name, MessageAttribute a) {
        String type = a.dataType();
        if (type.isEmpty()) {
            throw SqsErrors.invalidParameterValue("The message attribute '" + name
                    + "' must contain non-empty message attribute type.");
        }
        String base = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
        if (type.length() > 256 || !Set.of("String", "Number", "Binary").contains(base)) {
            throw SqsErrors.invalidParameterValue("The type of message attribute '" + name + "' is invalid. You "
                    + "must use only the following supported type prefixes: Binary, Number, String.");
        }
        if (base.equals("Binary")) {
            if (a.binaryValue() == null || a.binaryValue().length == 0) {
                throw emptyValue(name, type);
            }
            return new MessageAttribute(type, null, a.binaryValue());
        }
        if (a.stringValue() == null || a.stringValue().isEmpty()) {
            throw emptyValue(name, type);
        }
        if (base.equals("Number")) {
            try {
                new BigDecimal(a.stringValue().trim());
            } catch (NumberFormatException e) {
                throw SqsErrors.invalidParameterValue("Can't cast the value of message (user) attribute '" + name
                        + "' to a number.");
            }
        }
        return new MessageAttribute(type, a.stringValue(), null);
    }

    private static SqsException emptyValue(String name, String type) {
        return SqsErrors.invalidParameterValue("The message attribute '" + name
                + "' must contain non-empty message attribute value for message attribute type '" + type + "'.");
    }

    /** Body plus attribute names, types and values, as SQS counts a message against MaximumMessageSize. */
    static long size(String body, Map<String, MessageAttribute> attributes) {
        long n = body.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            n += e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().dataType().getBytes(StandardCharsets.UTF_8).length
                    + e.getValue().valueBytes().length;
        }
        return n;
    }
}
