package bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * End-to-end alert latency: from the start of PutObject of a one-row zero-stock file to the SNS publish,
 * as the sandbox timestamps it ({@code GET /_sandbox/sns/messages}). One upload at a time, each after a
 * random pause of up to one poll delay, so uploads land at every phase of the pipeline's polling.
 */
final class AlertLatency {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AlertLatency() {
    }

    /** Milliseconds per upload. */
    static Stats measure(PipelineProcess pipeline, URI sandbox, String topicArn, int uploads, long pollDelayMillis,
                         long seed) throws Exception {
        return Stats.of(each(pipeline, sandbox, topicArn, uploads, pollDelayMillis, seed));
    }

    /** Milliseconds of each upload, in order. */
    static double[] each(PipelineProcess pipeline, URI sandbox, String topicArn, int uploads, long pollDelayMillis,
                         long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        double[] ms = new double[uploads];
        for (int i = 0; i < uploads; i++) {
            JavaProcess.sleep(random.nextLong(pollDelayMillis + 1));
            String item = "latency-" + seed + "-" + i;
            String csv = "store,item,quantity,updated_at,name\nstore-001," + item + ",0,"
                    + Instant.now().minusSeconds(1) + ",Widget size 3\n";
            long sentAt = System.currentTimeMillis();
            pipeline.upload("incoming/" + item + ".csv", csv);
            Instant published = awaitPublish(sandbox, topicArn, item, Duration.ofSeconds(30));
            ms[i] = published.toEpochMilli() - sentAt;
        }
        return ms;
    }

    private static Instant awaitPublish(URI sandbox, String topicArn, String item, Duration timeout) throws Exception {
        URI messages = sandbox.resolve("/_sandbox/sns/messages?topicArn=" + URLEncoder.encode(topicArn, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String body = HTTP.send(HttpRequest.newBuilder(messages).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode m : PipelineProcess.JSON.readTree(body)) {
                if (item.equals(m.path("messageAttributes").path("item").path("stringValue").asText())) {
                    return Instant.parse(m.path("timestamp").asText());
                }
            }
            JavaProcess.sleep(10);
        }
        throw new IllegalStateException("no alert for " + item + " within " + timeout);
    }

    static void clearMessages(URI sandbox) throws Exception {
        HTTP.send(HttpRequest.newBuilder(sandbox.resolve("/_sandbox/sns/messages")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
