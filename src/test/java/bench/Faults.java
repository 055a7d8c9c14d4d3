package bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** The sandbox's fault injection ({@code /_sandbox/faults}), used here only to add service latency. */
final class Faults {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Every request that writes rows, in either write mode: each answers once per request, however many rows it holds. */
    static final List<String> WRITE_OPERATIONS = List.of("PutItem", "BatchExecuteStatement", "ExecuteStatement");

    private Faults() {
    }

    /** Every DynamoDB write request answers {@code ms} later, like a real service across a network. */
    static void writeLatency(URI sandbox, long ms) throws Exception {
        for (String operation : WRITE_OPERATIONS) {
            String rule = "{\"service\":\"dynamodb\",\"operation\":\"" + operation + "\",\"delayMs\":" + ms + "}";
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(sandbox.resolve("/_sandbox/faults"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(rule)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("fault rule refused: " + r.statusCode() + " " + r.body());
            }
        }
    }

    static void clear(URI sandbox) throws Exception {
        HTTP.send(HttpRequest.newBuilder(sandbox.resolve("/_sandbox/faults")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
