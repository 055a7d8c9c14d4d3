package inventory;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Camel's component, data format and language options given as environment variables
 * ({@code CAMEL_COMPONENT_AWS2_S3_REGION} for {@code camel.component.aws2-s3.region}): Camel Main 4.17 documents that
 * form but never applies it (its {@code MainHelper.filterEnvVariables} compares the upper-case variable names with the
 * lower-case prefix {@code camel.component.}, which nothing matches), so such a variable would be silently ignored.
 * Set, one stops start-up, naming the variable (never its value) and the form that works: a Java system property.
 * <p>
 * On a Camel upgrade that applies these variables, delete this class: {@link AwsComponentKeys} then sees what they
 * set, as it sees {@code -D} keys today. {@code CAMEL_MAIN_*} and the pipeline's own {@code INVENTORY_*}, {@code AWS_*}
 * variables are read and not concerned.
 */
final class CamelEnvironmentKeys {

    /** The prefixes Camel Main 4.17 drops. */
    static final String[] IGNORED_PREFIXES = {"CAMEL_COMPONENT_", "CAMEL_DATAFORMAT_", "CAMEL_LANGUAGE_"};
    /** Camel Main's switch for configuration from the environment: set to false, nobody expects them applied. */
    static final String SWITCH = "camel.main.auto-configuration-environment-variables-enabled";

    private CamelEnvironmentKeys() {
    }

    /**
     * @param env   the process's environment variables
     * @param props a property's resolved value, or null
     * @throws IllegalStateException naming the variables Camel would ignore
     */
    static void refuseIgnored(Map<String, String> env, Function<String, String> props) {
        String enabled = props.apply(SWITCH);
        if (enabled == null) {
            enabled = props.apply("camel.main.autoConfigurationEnvironmentVariablesEnabled");
        }
        if (enabled != null && enabled.trim().equalsIgnoreCase("false")) {
            return;
        }
        TreeSet<String> ignored = new TreeSet<>();
        for (String name : env.keySet()) {
            String upper = name.toUpperCase(Locale.ROOT);
            for (String prefix : IGNORED_PREFIXES) {
                if (upper.startsWith(prefix) && upper.length() > prefix.length()) {
                    ignored.add(name);
                }
            }
        }
        if (!ignored.isEmpty()) {
            throw new IllegalStateException("environment variable " + String.join(", ", ignored) + " is set, but "
                    + "Camel 4.17 does not apply camel.component.*, camel.dataformat.* or camel.language.* options from "
                    + "the environment: it would be ignored. Give the option as a Java system property instead (e.g. "
                    + "JAVA_TOOL_OPTIONS=-Dcamel.component.<name>.<option>=...) and unset the variable; the AWS "
                    + "components' region, credentials and endpoint come from aws.endpoint, aws.region and aws.profile "
                    + "(AWS_ENDPOINT, AWS_REGION, AWS_PROFILE) in either form");
        }
    }
}
