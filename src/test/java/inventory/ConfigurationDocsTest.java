package inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Defaults are written once, in application.properties; the README's configuration table shows them and must
 * not drift: every property of ours is in the table, with the default the jar really has.
 */
class ConfigurationDocsTest {

    /** {@code | `inventory.bucket` | `inventory-uploads` | meaning |} or {@code | `aws.profile` | (empty) | ...}. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z][a-z0-9.-]+)` \\| (?:`([^`]*)`|\\(empty\\)) \\|");

    @Test
    void theReadmeTableShowsEveryPropertyWithItsDefault() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        Matcher m = ROW.matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            documented.put(m.group(1), m.group(2) == null ? "" : m.group(2));
        }
        Map<String, String> shipped = new TreeMap<>();
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        // ours; camel.* keys are Camel's own and documented by Camel
        p.stringPropertyNames().stream().filter(k -> !k.startsWith("camel.")).forEach(k -> shipped.put(k, p.getProperty(k)));

        assertThat(shipped).isNotEmpty();
        assertThat(documented).as("README configuration table vs application.properties").isEqualTo(shipped);
    }
}
