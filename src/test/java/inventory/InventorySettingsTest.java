package inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inventory.InventorySettings.AwsTarget.Kind;
import inventory.alerts.AlertDestinations;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import testsupport.ShippedProperties;

class InventorySettingsTest {

    private static InventorySettings load(Map<String, String> values) {
        return ShippedProperties.settings(values);
    }

    @Test
    void defaultsFromApplicationPropertiesAreValid() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        Map<String, String> m = new HashMap<>();
        p.forEach((k, v) -> m.put(k.toString(), v.toString()));
        InventorySettings s = load(m);
        assertThat(s.aws().kind()).isEqualTo(Kind.SANDBOX);
        assertThat(s.provision()).isTrue();
        assertThat(s.bucket()).isEqualTo("inventory-uploads");
        assertThat(s.incomingPrefix()).isEqualTo("incoming/");
        assertThat(s.importConcurrency()).isEqualTo(16);
        assertThat(s.alertMode()).isEqualTo(InventorySettings.AlertMode.EVERY_CHANGE);
        assertThat(AlertDestinations.of(s.alertUris(), "arn:aws:sns:us-east-1:000000000000:inventory-alerts").uris())
                .containsExactly("aws2-sns:arn:aws:sns:us-east-1:000000000000:inventory-alerts?autoCreateTopic=false");
    }

    @Test
    void everySettingHasADocumentedDefaultInApplicationProperties() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        for (String key : new String[] {"aws.endpoint", "aws.region", "aws.profile", "sandbox.host", "sandbox.port",
            "sandbox.data-dir", "inventory.provision", "inventory.bucket", "inventory.incoming-prefix",
            "inventory.key-suffix", "inventory.processed-prefix", "inventory.failed-prefix", "inventory.reports-prefix",
            "inventory.rejected-prefix", "inventory.table", "inventory.topic", "inventory.csv.delimiter",
            "inventory.csv.column.store", "inventory.csv.column.item", "inventory.csv.column.quantity",
            "inventory.csv.column.updated-at", "inventory.csv.zone", "inventory.timestamp.fallback",
            "inventory.import.concurrency", "inventory.import.write", "inventory.import.poll-delay",
            "inventory.import.max-attempts", "inventory.alert.poll-delay", "inventory.alert.shard-refresh",
            "inventory.alert.threshold", "inventory.alert.mode",
            "inventory.alert.format", "inventory.alert.uri", "inventory.state-dir", "inventory.csv.max-record-bytes",
            "inventory.csv.max-field-bytes", "inventory.csv.max-columns", "inventory.csv.max-gzip-ratio",
            "management.host"}) {
            assertThat(p).as(key).containsKey(key);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "inventory.alert.mode|sometimes|allowed every-change, on-transition",
        "inventory.alert.format|xml|allowed text, json",
        "inventory.timestamp.fallback|now|allowed object-time, import-time",
        "inventory.import.concurrency|0|a whole number from 1 to 1024",
        "inventory.import.write|bulk|allowed batch, put",
        "inventory.import.poll-delay|fast|a whole number from 10",
        "inventory.alert.shard-refresh|10|a whole number from 100",
        "inventory.import.queue-wait|21|a whole number from 0 to 20",
        "inventory.alert.max-results-per-request|0|a whole number from 1 to 1000",
        "inventory.alert.backoff-multiplier|1.5|a whole number from 1 to 100",
        "inventory.alert.threshold|-1|a whole number from 0",
        "inventory.csv.zone|Mars/Olympus|a time-zone id",
        "inventory.csv.delimiter|;;|one character",
        "inventory.incoming-prefix|incoming|ending in '/'",
        "inventory.bucket|Bad_Bucket|an S3 bucket name",
        "aws.endpoint|localstack|sandbox, aws, or an http(s) URL",
        "inventory.provision|yes|true, false",
    })
    void invalidValuesNameThePropertyTheEnvironmentVariableAndTheAllowedValues(String key, String value, String allowed) {
        assertThatThrownBy(() -> load(Map.of(key, value)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(InventorySettings.envName(key))
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining(allowed);
    }

    @Test
    void envNamesFollowCamelsMapping() {
        assertThat(InventorySettings.envName("inventory.alert.mode")).isEqualTo("INVENTORY_ALERT_MODE");
        assertThat(InventorySettings.envName("inventory.csv.column.updated-at")).isEqualTo("INVENTORY_CSV_COLUMN_UPDATED_AT");
    }

    @Test
    void realAwsDoesNotProvisionUnlessAsked() {
        assertThat(load(Map.of("aws.endpoint", "aws")).provision()).isFalse();
        assertThat(load(Map.of("aws.endpoint", "aws", "inventory.provision", "true")).provision()).isTrue();
        assertThat(load(Map.of("aws.endpoint", "http://localhost:4566")).aws().kind()).isEqualTo(Kind.URL);
    }

    @Test
    void destinationsCanBeSwappedOrAdded() {
        String fifo = "arn:aws:sns:us-east-1:000000000000:alerts.fifo";
        assertThat(AlertDestinations.of(load(Map.of()).alertUris(), fifo).uris()).singleElement().asString().contains("messageGroupIdStrategy=usePropertyValue")
                .doesNotContain("fifoTopic");
        InventorySettings swapped = load(Map.of("inventory.alert.uri", "log:alerts"));
        assertThat(swapped.alertsToSns()).isFalse();
        assertThat(AlertDestinations.of(swapped.alertUris(), null).uris()).containsExactly("log:alerts");
        InventorySettings added = load(Map.of("inventory.alert.uri", "sns, file:/tmp/alerts"));
        assertThat(AlertDestinations.of(added.alertUris(), "arn:t").uris()).containsExactly(AlertDestinations.snsUri("arn:t"), "file:/tmp/alerts");
        assertThat(load(Map.of("inventory.csv.delimiter", "tab")).delimiter()).isEqualTo('\t');
    }

    @Test
    void leaseMembersAreThePodsWithTheGivenLabels() {
        assertThat(load(Map.of()).cluster().kubernetesLabels()).as("default: every pod of the namespace").isEmpty();
        assertThat(load(Map.of("inventory.cluster.kubernetes.labels",
                "camel.apache.org/integration=inventory-pipeline, tier=")).cluster().kubernetesLabels())
                .containsExactly(Map.entry("camel.apache.org/integration", "inventory-pipeline"), Map.entry("tier", ""));
        for (String bad : new String[] {"inventory-pipeline", "a=b=c", "=x", "app=-x", "a b=c", "app=x,"}) {
            assertThatThrownBy(() -> load(Map.of("inventory.cluster.kubernetes.labels", bad))).as(bad)
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("inventory.cluster.kubernetes.labels")
                    .hasMessageContaining("INVENTORY_CLUSTER_KUBERNETES_LABELS")
                    .hasMessageContaining("key=value");
        }
    }

    @Test
    void anEmptyEndpointIsRefusedSayingWhatToSetAndTheInputLimitsHaveSafeDefaults() throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("aws.endpoint", "");
        assertThatThrownBy(() -> load(values)).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("aws.endpoint (environment AWS_ENDPOINT)")
                .hasMessageContaining("aws (real AWS, with credentials or a role)").hasMessageContaining("sandbox");
        InventorySettings.InputLimits limits = load(Map.of()).inputLimits();
        assertThat(limits).isEqualTo(new InventorySettings.InputLimits(8 << 20, 4 << 20, 1024, 100));
        values.put("aws.endpoint", "sandbox");
        values.put("inventory.csv.max-columns", "1");
        assertThatThrownBy(() -> load(values)).hasMessageContaining("inventory.csv.max-columns");
    }
}
