package inventory.imports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a CSV record into an {@link InventoryRow} or a reason to reject it. A rejected row never stops
 * the rest of the file. The row keeps its own {@code updated_at} if it has one; the route's stamp step gives the
 * others theirs ({@link InventoryRow#stamped}).
 */
public final class RowCheck {

    /** DynamoDB's limits on key values (UTF-8 bytes) and on a whole item. */
    public static final int MAX_PARTITION_KEY_BYTES = 2048;
    public static final int MAX_SORT_KEY_BYTES = 1024;
    public static final int MAX_ITEM_BYTES = 400 * 1024;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]+");
    private static final String MAX_LONG = Long.toString(Long.MAX_VALUE);

    /** Either a row or a rejection. */
    public record Outcome(InventoryRow row, String rejection) {
        public boolean accepted() {
            return row != null;
        }
    }

    private final CsvHeader header;
    private final UpdatedAt updatedAt;

    public RowCheck(CsvHeader header, UpdatedAt updatedAt) {
        this.header = header;
        this.updatedAt = updatedAt;
    }

    /** @param line where the record starts in the file */
    public Outcome check(long line, List<String> values) {
        if (values.size() != header.size()) {
            return reject("has " + values.size() + " field" + (values.size() == 1 ? "" : "s")
                    + ", the header has " + header.size());
        }
        for (String v : values) {
            if (v.indexOf('\uFFFD') >= 0) {
                return reject("is not valid UTF-8 text");
            }
        }
        String store = values.get(header.store());
        String item = values.get(header.item());
        String quantityText = values.get(header.quantity());
        String keyProblem = keyProblem("store", store, MAX_PARTITION_KEY_BYTES);
        if (keyProblem == null) {
            keyProblem = keyProblem("item", item, MAX_SORT_KEY_BYTES);
        }
        if (keyProblem != null) {
            return reject(keyProblem);
        }
        if (!WHOLE_NUMBER.matcher(quantityText).matches()) {
            return reject("quantity '" + Printable.of(quantityText) + "' is not a whole number from 0 to " + MAX_LONG);
        }
        String digits = quantityText.replaceFirst("^0+(?=.)", "");
        if (digits.length() > MAX_LONG.length()
                || digits.length() == MAX_LONG.length() && digits.compareTo(MAX_LONG) > 0) {
            return reject("quantity '" + Printable.of(quantityText) + "' is larger than " + MAX_LONG);
        }
        Instant stamp;
        try {
            Optional<Instant> own = header.updatedAt() < 0 ? Optional.empty()
                    : updatedAt.parse(values.get(header.updatedAt()));
            stamp = own.orElse(null);
        } catch (IllegalArgumentException e) {
            return reject(e.getMessage());
        }
        Map<String, String> extras = new LinkedHashMap<>();
        for (int i : header.extras()) {
            extras.put(header.names().get(i), values.get(i));
        }
        InventoryRow row = new InventoryRow(line, store, item, Long.parseLong(digits), stamp, extras);
        long size = row.bytes();
        if (size > MAX_ITEM_BYTES) {
            return reject("is larger than DynamoDB's 400 KB item limit (" + size / 1024 + " KB)");
        }
        return new Outcome(row, null);
    }

    private static String keyProblem(String name, String value, int maxBytes) {
        if (value.isEmpty()) {
            return name + " is empty";
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                // a line break or terminal escape in an id would forge log lines and garble alerts
                return name + " contains a control character (U+" + String.format("%04X", (int) value.charAt(i))
                        + "); ids must be printable text";
            }
        }
        if (!value.strip().equals(value)) {
            return name + " '" + Printable.of(value) + "' has spaces around it";
        }
        int bytes = utf8(value);
        if (bytes > maxBytes) {
            return name + " is " + bytes + " bytes long; DynamoDB allows " + maxBytes;
        }
        return null;
    }

    private static Outcome reject(String reason) {
        return new Outcome(null, reason);
    }

    /** Length in UTF-8 bytes, as DynamoDB and S3 count their limits. */
    static int utf8(String s) {
        int n = s.length();
        if (n > 1 << 16) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
