package inventory.imports;

import inventory.InventorySettings.CsvColumns;
import inventory.table.ItemAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A file's header row, checked: which position holds store, item, quantity and updated_at (matched by
 * name, ignoring case and surrounding spaces), and which other columns pass through as attributes.
 */
public final class CsvHeader {

    /** Attributes the pipeline writes itself; a CSV column may not carry one of these names. */
    public static final Set<String> OWN_ATTRIBUTES = Set.of(ItemAttributes.STORE, ItemAttributes.ITEM,
            ItemAttributes.QUANTITY, ItemAttributes.UPDATED_AT, ItemAttributes.SOURCE);

    private final List<String> names;
    private final int store;
    private final int item;
    private final int quantity;
    private final int updatedAt;
    private final List<Integer> extras;

    private CsvHeader(List<String> names, int store, int item, int quantity, int updatedAt, List<Integer> extras) {
        this.names = List.copyOf(names);
        this.store = store;
        this.item = item;
        this.quantity = quantity;
        this.updatedAt = updatedAt;
        this.extras = List.copyOf(extras);
    }

    /**
     * Checks a header row.
     *
     * @throws UnreadableFileException saying what is wrong with it
     */
    public static CsvHeader of(List<String> raw, CsvColumns columns) {
        if (raw == null || raw.isEmpty() || raw.size() == 1 && raw.get(0).isBlank()) {
            throw new UnreadableFileException("the file has no header row; expected columns "
                    + columns.store() + ", " + columns.item() + ", " + columns.quantity()
                    + " (and optionally " + columns.updatedAt() + ")");
        }
        List<String> names = new ArrayList<>(raw.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String name = raw.get(i);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            name = name.strip();
            if (name.indexOf('\uFFFD') >= 0 || name.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                throw new UnreadableFileException("the header row is not UTF-8 text (column " + (i + 1) + ")");
            }
            if (name.isEmpty()) {
                throw new UnreadableFileException("column " + (i + 1) + " of the header row has no name");
            }
            Integer before = seen.put(name.toLowerCase(Locale.ROOT), i);
            if (before != null) {
                throw new UnreadableFileException("column '" + Printable.of(name) + "' appears twice in the header row (columns "
                        + (before + 1) + " and " + (i + 1) + ")");
            }
            names.add(name);
        }
        int store = index(seen, columns.store());
        int item = index(seen, columns.item());
        int quantity = index(seen, columns.quantity());
        int updatedAt = index(seen, columns.updatedAt());
        List<String> missing = new ArrayList<>();
        if (store < 0) {
            missing.add(columns.store());
        }
        if (item < 0) {
            missing.add(columns.item());
        }
        if (quantity < 0) {
            missing.add(columns.quantity());
        }
        if (!missing.isEmpty()) {
            throw new UnreadableFileException("the header row lacks required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (it has: " + String.join(", ", shorten(names)) + ")");
        }
        List<Integer> extras = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (i == store || i == item || i == quantity || i == updatedAt) {
                continue;
            }
            if (OWN_ATTRIBUTES.contains(names.get(i))) {
                throw new UnreadableFileException("column '" + Printable.of(names.get(i))
                        + "' clashes with an attribute the pipeline writes itself; rename it");
            }
            extras.add(i);
        }
        return new CsvHeader(names, store, item, quantity, updatedAt, extras);
    }

    private static int index(Map<String, Integer> seen, String column) {
        Integer i = seen.get(column.strip().toLowerCase(Locale.ROOT));
        return i == null ? -1 : i;
    }

    private static List<String> shorten(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names.subList(0, Math.min(names.size(), 10))) {
            out.add(Printable.of(n, 40));
        }
        if (names.size() > 10) {
            out.add("… " + (names.size() - 10) + " more");
        }
        return out;
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    int store() {
        return store;
    }

    int item() {
        return item;
    }

    int quantity() {
        return quantity;
    }

    /** Position of updated_at, or -1 when the file has no such column. */
    int updatedAt() {
        return updatedAt;
    }

    List<Integer> extras() {
        return extras;
    }

    /** The pass-through columns' names, in file order: the item's other attributes. */
    List<String> extraNames() {
        return extras.stream().map(names::get).toList();
    }
}
