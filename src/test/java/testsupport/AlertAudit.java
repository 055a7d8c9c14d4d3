package testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.alerts.StockChange;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Alerts compared with the changes that qualify for one, matched by the stream eventID that JSON alerts carry
 * ({@code inventory.alert.format=json}).
 *
 * @param qualifying changes that must be alerted
 * @param published  alerts SNS accepted (duplicates included)
 * @param lost       qualifying changes never alerted
 * @param duplicates eventIDs alerted more than once, with their count
 * @param unexpected alerts for no qualifying change
 * @param mismatched alerts whose store/item/quantity differ from their stream record
 */
public record AlertAudit(int qualifying, int published, Set<String> lost, Map<String, Integer> duplicates,
                  Set<String> unexpected, Set<String> mismatched) {

    public static AlertAudit of(Map<String, StockChange> qualifying, List<JsonNode> alerts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Set<String> unexpected = new TreeSet<>();
        Set<String> mismatched = new TreeSet<>();
        for (JsonNode alert : alerts) {
            String id = alert.path("eventId").asText();
            counts.merge(id, 1, Integer::sum);
            StockChange change = qualifying.get(id);
            if (change == null) {
                unexpected.add(id);
            } else if (!change.store().equals(alert.path("store").asText()) || !change.item().equals(alert.path("item").asText())
                    || change.newQuantity().compareTo(alert.path("quantity").decimalValue()) != 0) {
                mismatched.add(id);
            }
        }
        Set<String> lost = new TreeSet<>(qualifying.keySet());
        lost.removeAll(counts.keySet());
        Map<String, Integer> duplicates = new TreeMap<>();
        counts.forEach((id, n) -> {
            if (n > 1) {
                duplicates.put(id, n);
            }
        });
        return new AlertAudit(qualifying.size(), alerts.size(), lost, duplicates, unexpected, mismatched);
    }

    /** Extra copies sent: a change alerted three times counts two. */
    public int duplicateAlerts() {
        return duplicates.values().stream().mapToInt(n -> n - 1).sum();
    }

    /** Numbers as written: a quantity such as -9.99...E+125 keeps every digit. */
    private static final com.fasterxml.jackson.databind.ObjectMapper EXACT = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The JSON alert messages SNS accepted on one topic, in publish order (FIFO duplicates are not accepted). */
    public static List<JsonNode> alerts(URI endpoint, String topicArn) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(
                "/_sandbox/sns/messages?topicArn=" + URLEncoder.encode(topicArn, StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /_sandbox/sns/messages: " + r.statusCode() + " " + r.body());
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : PipelineProbe.JSON.readTree(r.body())) {
            out.add(EXACT.readTree(m.get("message").asText()));
        }
        return out;
    }

    public static String topicArn(String topic) {
        return "arn:aws:sns:us-east-1:000000000000:" + topic;
    }

    @Override
    public String toString() {
        return "qualifying changes " + qualifying + ", alerts published " + published + ", lost " + lost.size()
                + ", duplicate alerts " + duplicateAlerts() + ", unexpected " + unexpected.size()
                + ", mismatched " + mismatched.size();
    }
}
