package testsupport;

import inventory.InventorySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * For tests that build settings without a Camel context: {@code application.properties} as the jar ships it, which
 * Camel Main loads at start-up and the pipeline reads only through Camel's properties, with the test's values over it.
 */
public final class ShippedProperties {

    private static final Map<String, String> SHIPPED = load();

    private ShippedProperties() {
    }

    /** The shipped defaults with {@code values} over them, as Camel would resolve them. */
    public static Map<String, String> with(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(SHIPPED);
        all.putAll(values);
        return all;
    }

    /** The settings the pipeline would start with, given these properties and the shipped defaults. */
    public static InventorySettings settings(Map<String, String> values) {
        return InventorySettings.load(with(values)::get);
    }

    private static Map<String, String> load() {
        Properties p = new Properties();
        try (InputStream in = ShippedProperties.class.getResourceAsStream("/application.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new HashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return Map.copyOf(map);
    }
}
