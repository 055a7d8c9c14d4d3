package testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The sandbox's test-only fault switch, {@code /_sandbox/faults}, as a drill uses it: over HTTP. A test class that
 * sets faults declares it once, {@code @RegisterExtension final SandboxFaults faults = new SandboxFaults(sandbox().endpoint());},
 * and the switch is cleared before each test and right after it, pass or fail.
 */
public final class SandboxFaults implements BeforeEachCallback, AfterTestExecutionCallback {

    private final URI faults;
    private final HttpClient http = HttpClient.newHttpClient();

    public SandboxFaults(URI endpoint) {
        this.faults = endpoint.resolve("/_sandbox/faults");
    }

    /** Adds a rule, e.g. {@code {"service":"sns","operation":"Publish","status":500,"durationMs":3000}}. */
    public JsonNode add(String rule) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(faults).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rule)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("fault rule refused: " + r.statusCode() + " " + r.body());
        }
        return PipelineProbe.JSON.readTree(r.body());
    }

    /**
     * Counts one table's requests of a DynamoDB operation (a 1 ms delay that fires on each): the pipeline's other
     * writers (the stream lease, checkpoints, import attempts in the state table) are not counted.
     */
    public JsonNode countTableRequests(String operation, String table) throws Exception {
        var rule = PipelineProbe.JSON.createObjectNode().put("service", "dynamodb").put("operation", operation)
                .put("delayMs", 1).put("bodyContains", "\"TableName\":\"" + table + "\"");
        return add(rule.toString());
    }

    /** How often the rules on this service and operation have fired so far. */
    public long fired(String service, String operation) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(faults).GET().build(), HttpResponse.BodyHandlers.ofString());
        long fired = 0;
        for (JsonNode rule : PipelineProbe.JSON.readTree(r.body())) {
            if (rule.get("service").asText().equals(service) && rule.get("operation").asText().equals(operation)) {
                fired += rule.get("fired").asLong();
            }
        }
        return fired;
    }

    public void clear() throws Exception {
        http.send(HttpRequest.newBuilder(faults).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    /** Before the pipeline starts: no rule another test left behind. */
    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        clear();
    }

    /** Before any teardown: the pipeline stops without the test's faults in its way. */
    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        clear();
    }
}
