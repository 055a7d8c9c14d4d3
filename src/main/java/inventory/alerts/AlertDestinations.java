package inventory.alerts;

import inventory.InventorySettings;
import java.util.List;

/**
 * Where alerts go: the Camel endpoint URIs of {@code inventory.alert.uri}, with {@code sns} resolved to the topic.
 * A typed bean, so the alert route gets it by type instead of a raw {@code List} under a registry name.
 *
 * @param uris the endpoint URIs, in the order they are published to
 */
public record AlertDestinations(List<String> uris) {

    public AlertDestinations {
        uris = List.copyOf(uris);
    }

    /**
     * @param configured {@code inventory.alert.uri}'s entries
     * @param topicArn   the topic, or null when {@code sns} is not among them
     */
    public static AlertDestinations of(List<String> configured, String topicArn) {
        return new AlertDestinations(configured.stream()
                .map(u -> u.equals(InventorySettings.ALERT_URI_SNS) ? snsUri(topicArn) : u).toList());
    }

    /**
     * The SNS endpoint for the topic, by ARN so Camel needs no ListTopics; its SNS client is the registry's single
     * {@code SnsClient}, autowired by type. A FIFO topic (Camel knows it by the .fifo name) is grouped by store and
     * deduplicated by the stream event (see PipelineConfiguration).
     */
    public static String snsUri(String topicArn) {
        String uri = "aws2-sns:" + topicArn + "?autoCreateTopic=false";
        return topicArn.endsWith(".fifo") ? uri + "&messageGroupIdStrategy=usePropertyValue" : uri;
    }

    /** For the start-up log line: the URIs without their options. */
    public String describe() {
        return String.join(", ", uris).replaceAll("\\?[^,]*", "");
    }
}
