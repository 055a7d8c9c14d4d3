package bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SplittableRandom;
import inventory.imports.InventoryRow;

/**
 * Realistic inventory files: {@code store,item,quantity,updated_at,name}, 200 stores, SKUs unique per file
 * (so every row is a real insert), about 1% of the rows at quantity 0 (each one an alert), quoted names
 * with commas now and then. Deterministic: the same seed gives the same bytes.
 */
final class InventoryCsv {

    static final String HEADER = "store,item,quantity,updated_at,name";
    static final int STORES = 200;
    static final double ZERO_SHARE = 0.01;
    private static final String[] WORDS = {"Widget", "Gadget", "Bolt", "Nut", "Hinge", "Bracket", "Cable", "Lamp",
            "Filter", "Valve", "Spring", "Washer", "Gasket", "Pulley", "Sensor", "Switch"};
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private InventoryCsv() {
    }

    /** Row {@code i} of the family {@code prefix}; the same values as the file's line {@code i + 2}. */
    static InventoryRow row(String prefix, long i, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
        String store = String.format("store-%03d", i % STORES);
        String item = prefix + "-sku-" + String.format("%07d", i / STORES);
        long quantity = r.nextDouble() < ZERO_SHARE ? 0 : 1 + r.nextInt(500);
        Instant updatedAt = BASE.plus(r.nextLong(90L * 24 * 3600 * 1000), ChronoUnit.MILLIS);
        String name = WORDS[r.nextInt(WORDS.length)] + " " + WORDS[r.nextInt(WORDS.length)] + " "
                + (r.nextInt(20) == 0 ? "large, boxed" : "size " + (1 + r.nextInt(40)));
        return new InventoryRow(i + 2, store, item, quantity, updatedAt, Map.of("name", name));
    }

    /** Writes {@code rows} rows of the family {@code prefix}; returns how many have quantity 0. */
    static long write(Path file, String prefix, long rows, long seed) throws IOException {
        long zeros = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            StringBuilder line = new StringBuilder(96);
            for (long i = 0; i < rows; i++) {
                InventoryRow row = row(prefix, i, seed);
                if (row.quantity() == 0) {
                    zeros++;
                }
                String name = row.extras().get("name");
                line.setLength(0);
                line.append(row.store()).append(',').append(row.item()).append(',').append(row.quantity()).append(',')
                        .append(row.updatedAt()).append(',');
                if (name.indexOf(',') >= 0) {
                    line.append('"').append(name).append('"');
                } else {
                    line.append(name);
                }
                out.append(line).append('\n');
            }
        }
        return zeros;
    }
}
