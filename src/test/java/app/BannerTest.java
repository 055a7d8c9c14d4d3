package app;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.AwsEndpoint;
import inventory.InventorySettings;
import inventory.LocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import testsupport.ShippedProperties;

/** The start-up banner names the endpoint in use, and the sandbox's alert list only when the sandbox runs here. */
class BannerTest {

    private static final Pattern CURL_ALERTS = Pattern.compile("and curl (\\S+)");

    @Test
    void embeddedSandboxOnAFreePortIsTheEndpointShownAndItsAlertListAnswers() throws Exception {
        Map<String, String> props = defaults();
        props.put("sandbox.port", "0");
        InventorySettings settings = InventorySettings.load(props::get);
        LocalAws local = LocalAws.start(props::get, settings.aws().region());
        try {
            String banner = Banner.text(settings, AwsEndpoint.of(local, settings.aws()));

            assertThat(local.endpoint().getPort()).isNotEqualTo(4566);
            assertThat(banner).contains("aws --endpoint-url " + local.endpoint() + " s3 cp samples/inventory.csv "
                    + "s3://inventory-uploads/incoming/");
            Matcher alerts = CURL_ALERTS.matcher(banner);
            assertThat(alerts.find()).as(banner).isTrue();
            HttpResponse<String> listed = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(alerts.group(1))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).startsWith("[");
        } finally {
            local.stop();
        }
    }

    @Test
    void emulatorUrlIsShownWithoutTheSandboxAlertList() throws Exception {
        String banner = bannerWithoutSandbox("http://localhost:4599");

        assertThat(banner).contains("aws --endpoint-url http://localhost:4599 s3 cp")
                .contains("the subscribers of topic inventory-alerts").doesNotContain("_sandbox");
    }

    @Test
    void realAwsNamesNoEndpoint() throws Exception {
        String banner = bannerWithoutSandbox("aws");

        assertThat(banner).contains("  aws s3 cp samples/inventory.csv s3://inventory-uploads/incoming/")
                .doesNotContain("--endpoint-url").doesNotContain("_sandbox").doesNotContain("AWS_ACCESS_KEY_ID");
    }

    /** The banner as start-up prints it when no sandbox was started ({@code aws.endpoint} a URL or {@code aws}). */
    private static String bannerWithoutSandbox(String awsEndpoint) throws Exception {
        Map<String, String> props = defaults();
        props.put("aws.endpoint", awsEndpoint);
        InventorySettings settings = InventorySettings.load(props::get);
        return Banner.text(settings, AwsEndpoint.of(null, settings.aws()));
    }

    private static Map<String, String> defaults() {
        return new HashMap<>(ShippedProperties.with(Map.of()));
    }
}
