package sandbox.sns;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import sandbox.core.Json;

/**
 * Reads {@code MessageAttributes.entry.N.Name/Value.*} and enforces AWS's rules on them, with the codes
 * and messages SNS returns (ParameterValueInvalid for bad names, types and values).
 */
final class MessageAttributeRules {

    static final int MAX_ATTRIBUTES = 10;

    private MessageAttributeRules() {
    }

    /**
     * Parses and validates the attributes under {@code prefix}; {@code member} is the path used in
     * "Value null" errors (e.g. {@code messageAttributes}).
     */
    static Map<String, MessageAttribute> read(QueryParams params, String prefix, String member) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        Map<Integer, QueryParams> entries = params.indexed(prefix + ".entry");
        if (entries.size() > MAX_ATTRIBUTES) {
            throw SnsErrors.parameterValueInvalid("Number of message attributes [" + entries.size()
                    + "] exceeds the allowed maximum [" + MAX_ATTRIBUTES + "].");
        }
        for (QueryParams entry : entries.values()) {
            String name = entry.get("Name");
            if (name == null) {
                throw SnsErrors.missing(member + ".entry.name");
            }
            checkName(name);
            String type = entry.get("Value.DataType");
            if (type == null) {
                throw SnsErrors.missing(member + "." + name + ".member.dataType");
            }
            out.put(name, checkValue(name, type, entry.get("Value.StringValue"), entry.get("Value.BinaryValue")));
        }
        return out;
    }

    static void checkName(String name) {
        if (name.isEmpty()) {
            throw SnsErrors.parameterValueInvalid("The message attribute name must not be empty.");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 256) {
            throw SnsErrors.parameterValueInvalid("Length of message attribute name must be less than 256 bytes.");
        }
        if (name.charAt(0) == '.') {
            throw SnsErrors.parameterValueInvalid(
                    "Invalid message attribute name starting with character '.' was found.");
        }
        if (name.charAt(name.length() - 1) == '.') {
            throw SnsErrors.parameterValueInvalid(
                    "Invalid message attribute name ending with character '.' was found.");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-' || c == '.';
            if (!ok) {
                throw SnsErrors.parameterValueInvalid("Invalid non-alphanumeric character '#x"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                        + "' was found in the message attribute name. Can only include alphanumeric characters, "
                        + "hyphens, underscores, or dots.");
            }
            if (c == '.' && name.charAt(i - 1) == '.') {
                throw SnsErrors.parameterValueInvalid("Message attribute name can not have successive '.' character.");
            }
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("aws.") || lower.startsWith("amazon.")) {
            throw SnsErrors.parameterValueInvalid("The message attribute name '" + name
                    + "' is reserved: names starting with 'AWS.' or 'Amazon.' are reserved for use by AWS.");
        }
    }

    private static MessageAttribute checkValue(String name, String type, String stringValue, String binaryValue) {
        if (!validType(type)) {
            throw SnsErrors.parameterValueInvalid("The message attribute '" + name + "' has an invalid message "
                    + "attribute type, the set of supported type prefixes is Binary, Number, and String.");
        }
        if (stringValue == null && binaryValue == null) {
            throw emptyValue(name, type);
        }
        boolean binary = type.startsWith("Binary");
        String field = binary ? "Binary" : "String";
        String value = binary ? binaryValue : stringValue;
        if (value == null) {
            throw SnsErrors.parameterValueInvalid("The message attribute '" + name + "' with type '" + type
                    + "' must use field '" + field + "'.");
        }
        if (value.isEmpty()) {
            throw emptyValue(name, type);
        }
        if (binary) {
            try {
                if (Base64.getDecoder().decode(value).length == 0) {
                    throw emptyValue(name, type);
                }
            } catch (IllegalArgumentException e) {
                throw SnsErrors.parameterValueInvalid("The message attribute '" + name
                        + "' has an invalid Base64 binary value.");
            }
            return new MessageAttribute(type, null, value);
        }
        if (type.startsWith("Number") && !isNumber(value)) {
            throw SnsErrors.parameterValueInvalid("Could not cast message attribute '" + name + "' value to number.");
        }
        if (type.equals("String.Array") && !isArray(value)) {
            throw SnsErrors.parameterValueInvalid("The message attribute '" + name
                    + "' with type 'String.Array' must be a JSON array of strings, numbers, true, false or null.");
        }
        return new MessageAttribute(type, value, null);
    }

    private static sandbox.core.AwsException emptyValue(String name, String type) {
        return SnsErrors.parameterValueInvalid("The message attribute '" + name + "' must contain non-empty message "
                + "attribute value for message attribute type '" + type + "'.");
    }

    private static boolean validType(String type) {
        for (String base : new String[] {"String", "Number", "Binary"}) {
            if (type.equals(base) || (type.startsWith(base + ".") && type.length() > base.length() + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Numbers as SNS accepts them: up to 38 significant digits, magnitude within 10^-128..10^126. */
    static boolean isNumber(String value) {
        try {
            BigDecimal d = new BigDecimal(value.trim());
            if (d.signum() == 0) {
                return true;
            }
            int exponent = d.precision() - d.scale() - 1;
            return d.stripTrailingZeros().precision() <= 38 && exponent >= -128 && exponent <= 126;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isArray(String value) {
        try {
            var node = Json.parse(value);
            if (!node.isArray()) {
                return false;
            }
            for (var item : node) {
                if (item.isContainerNode()) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Bytes counted against the 256 KiB limit: name, type and value of every attribute. */
    static long size(Map<String, MessageAttribute> attributes) {
        long n = 0;
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            MessageAttribute a = e.getValue();
            n += utf8Length(e.getKey()) + utf8Length(a.dataType());
            n += a.isBinary() ? Base64.getDecoder().decode(a.binaryValue()).length : utf8Length(a.stringValue());
        }
        return n;
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
