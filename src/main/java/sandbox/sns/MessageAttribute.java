package sandbox.sns;

/**
 * One message attribute as published.
 *
 * @param dataType    {@code String}, {@code Number}, {@code Binary} or {@code String.Array}, optionally with a {@code .suffix}
 * @param stringValue the value of String and Number types, else null
 * @param binaryValue the base64 value of Binary types, else null
 */
record MessageAttribute(String dataType, String stringValue, String binaryValue) {

    boolean isBinary() {
        return dataType.startsWith("Binary");
    }

    /** The value as notifications carry it (base64 for Binary). */
    String value() {
        return isBinary() ? binaryValue : stringValue;
    }

    /** {@code String}, {@code Number} or {@code Binary}, as notifications name the type (suffix dropped except String.Array). */
    String notificationType() {
        if (dataType.equals("String.Array")) {
            return dataType;
        }
        int dot = dataType.indexOf('.');
        return dot < 0 ? dataType : dataType.substring(0, dot);
    }
}
