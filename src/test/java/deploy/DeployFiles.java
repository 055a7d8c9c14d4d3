package deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the deployment files of the project (docker/, deploy/) and the settings they must agree with. */
final class DeployFiles {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** The names that are not pipeline properties but documented Camel, AWS SDK or JVM settings. */
    static final Set<String> DOCUMENTED_NON_PROPERTIES = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_REGION", "CAMEL_MANAGEMENT_PORT", "JAVA_TOOL_OPTIONS");

    private DeployFiles() {
    }

    /** The Maven basedir: surefire runs tests there; {@code basedir} says so explicitly when set. */
    static Path projectDir() {
        String basedir = System.getProperty("basedir");
        return (basedir == null ? Path.of("") : Path.of(basedir)).toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        Path p = projectDir().resolve(relative);
        assertThat(p).as("expected file %s", relative).isRegularFile();
        return p;
    }

    static String text(String relative) {
        try {
            return Files.readString(file(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String relative) {
        return yaml(file(relative));
    }

    static JsonNode yaml(Path path) {
        try {
            JsonNode node = YAML.readTree(path.toFile());
            assertThat(node).as("YAML document in %s", path).isNotNull();
            return node;
        } catch (IOException e) {
            throw new AssertionError("cannot parse " + path + ": " + e.getMessage(), e);
        }
    }

    static JsonNode yamlText(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("cannot parse YAML: " + e.getMessage(), e);
        }
    }

    /** The keys of src/main/resources/application.properties: THE list of settings. */
    static Set<String> applicationProperties() {
        return new TreeSet<>(applicationPropertyValues().keySet());
    }

    /** src/main/resources/application.properties as key -> default. */
    static Map<String, String> applicationPropertyValues() {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new java.util.TreeMap<>();
        props.stringPropertyNames().forEach(k -> values.put(k, props.getProperty(k)));
        return values;
    }

    /** How Camel maps a property to an environment variable: upper case, '.' and '-' become '_'. */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** An environment variable that looks like one of the app's settings. */
    static boolean looksLikeAppSetting(String variable) {
        return variable.startsWith("INVENTORY_") || variable.startsWith("SANDBOX_") || variable.startsWith("CAMEL_")
                || variable.equals("AWS_ENDPOINT") || variable.equals("AWS_REGION") || variable.equals("AWS_PROFILE");
    }

    /**
     * The app-looking variables among {@code variables} that neither map to a property of application.properties
     * nor are a documented Camel/AWS SDK/JVM setting; empty when all are known.
     */
    static Set<String> unknownAppSettings(Iterable<String> variables, Set<String> properties) {
        Set<String> known = new TreeSet<>(DOCUMENTED_NON_PROPERTIES);
        properties.forEach(p -> known.add(envName(p)));
        Set<String> unknown = new TreeSet<>();
        for (String v : variables) {
            if (looksLikeAppSetting(v) && !known.contains(v)) {
                unknown.add(v);
            }
        }
        return unknown;
    }

    /** The property a variable overrides, if any. */
    static String propertyOf(String variable, Set<String> properties) {
        return properties.stream().filter(p -> envName(p).equals(variable)).findFirst().orElse(null);
    }

    /** A compose service's {@code environment}, whether written as a map or as a list of NAME=value. */
    static Map<String, String> composeEnvironment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isObject()) {
            e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
        } else if (e.isArray()) {
            e.forEach(item -> {
                String s = item.asText();
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            });
        }
        return env;
    }

    /** The environment trait's {@code vars} of an Integration as name -> value (value may be configmap:/secret:). */
    static Map<String, String> integrationEnvironment(JsonNode integration) {
        Map<String, String> env = new LinkedHashMap<>();
        integration.path("spec").path("traits").path("environment").path("vars").forEach(v -> {
            String s = v.asText();
            int eq = s.indexOf('=');
            assertThat(eq).as("environment trait var '%s' has the form NAME=value", s).isPositive();
            env.put(s.substring(0, eq), s.substring(eq + 1));
        });
        return env;
    }

    /** One instruction of a Dockerfile (continuation lines joined), with the stage it belongs to. */
    record Instruction(int stage, String keyword, String arguments) {
    }

    static List<Instruction> dockerfile(String relative) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int stage = -1;
        for (String raw : text(relative).split("\n", -1)) {
            String line = raw.strip();
            if (current.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.startsWith("#")) {
                continue; // comment inside a continued instruction
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String instruction = current.toString().strip();
            current.setLength(0);
            int space = instruction.indexOf(' ');
            String keyword = (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : instruction.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                stage++;
            }
            out.add(new Instruction(stage, keyword, args));
        }
        return out;
    }

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");

    /** The ENV variables a Dockerfile sets in its last (runtime) stage, as name -> value. */
    static Map<String, String> dockerfileEnvironment(List<Instruction> instructions) {
        int last = instructions.stream().mapToInt(Instruction::stage).max().orElse(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction i : instructions) {
            if (i.stage() == last && i.keyword().equals("ENV")) {
                Matcher m = ENV_PAIR.matcher(i.arguments());
                boolean any = false;
                while (m.find()) {
                    any = true;
                    String value = m.group(2);
                    env.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
                }
                assertThat(any).as("ENV %s uses the NAME=value form", i.arguments()).isTrue();
            }
        }
        return env;
    }

    /** An image reference pinned to a version: a tag with a digit that is not "latest", or a digest. */
    static boolean pinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.contains("latest") && !tag.contains("nightly") && tag.matches(".*\\d.*");
    }
}
