package inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Camel 4.17 never applies CAMEL_COMPONENT_* variables: refused, so none is silently ignored (the child JVM of
 * {@code drills.SecurityBasicsTest} shows Camel's side: the variable is set and the component would not see it).
 */
class CamelEnvironmentKeysTest {

    private static final Map<String, String> NO_PROPERTIES = Map.of();

    @Test
    void theVariablesThePipelineReadsPass() {
        assertThatCode(() -> CamelEnvironmentKeys.refuseIgnored(Map.of("AWS_ENDPOINT", "aws", "AWS_REGION", "eu-west-1",
                "INVENTORY_ALERT_MODE", "on-transition", "CAMEL_MAIN_NAME", "x", "CAMEL_K_VERSION", "2"),
                NO_PROPERTIES::get)).doesNotThrowAnyException();
    }

    @Test
    void aComponentOptionInTheEnvironmentStopsStartUpNamingTheVariableButNeverItsValue() {
        assertThatThrownBy(() -> CamelEnvironmentKeys.refuseIgnored(Map.of("CAMEL_COMPONENT_AWS2_S3_SECRET_KEY",
                "s3cr3t-value", "CAMEL_DATAFORMAT_CSV_DELIMITER", ";"), NO_PROPERTIES::get))
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("environment variable CAMEL_COMPONENT_AWS2_S3_SECRET_KEY, "
                                + "CAMEL_DATAFORMAT_CSV_DELIMITER is set, but Camel 4.17 does not apply")
                        .contains("-Dcamel.component.<name>.<option>=")
                        .contains("aws.endpoint, aws.region and aws.profile")
                        .doesNotContain("s3cr3t-value"));
    }

    @Test
    void withCamelsEnvironmentConfigurationSwitchedOffNobodyExpectsThemApplied() {
        Map<String, String> off = Map.of(CamelEnvironmentKeys.SWITCH, "false");
        assertThatCode(() -> CamelEnvironmentKeys.refuseIgnored(Map.of("CAMEL_COMPONENT_AWS2_S3_REGION", "eu-west-1"),
                off::get)).doesNotThrowAnyException();
        Map<String, String> on = Map.of(CamelEnvironmentKeys.SWITCH, "true");
        assertThatThrownBy(() -> CamelEnvironmentKeys.refuseIgnored(Map.of("camel_component_aws2_s3_region",
                "eu-west-1"), on::get)).hasMessageContaining("camel_component_aws2_s3_region is set");
    }
}
