package bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * What fencing each alert costs (issue 18): upload-to-alert latency of this jar against a baseline jar
 * ({@code --baseline}, e.g. one built from an earlier commit), alternating round by round against one standalone
 * sandbox, each pipeline in its own JVM; and the state-table calls per alert on their own, with the SDK against that
 * sandbox: the claim (a TransactWriteItems of the fence check and the claim) plus the record (an UpdateItem), next to
 * what the earlier published-alert log did (a consistent GetItem plus a conditional PutItem), interleaved.
 * Run by {@code bench/run.sh latency [--baseline old.jar] [--uploads 60] [--rounds 2] [--calls 400]}.
 */
public final class AlertLatencyBench {

    private AlertLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = Arrays.asList(args).contains("--smoke");
        Path jar = Path.of(Bench.option(args, "--jar", "target/inventory-pipeline.jar"));
        String baseline = Bench.option(args, "--baseline", "");
        int uploads = Integer.parseInt(Bench.option(args, "--uploads", smoke ? "5" : "60"));
        int rounds = Integer.parseInt(Bench.option(args, "--rounds", smoke ? "1" : "2"));
        int calls = Integer.parseInt(Bench.option(args, "--calls", smoke ? "20" : "400"));
        long delay = Long.parseLong(Bench.option(args, "--delay", "500"));
        Path out = Path.of(Bench.option(args, "--out", "target/bench-latency")).toAbsolutePath();
        Files.createDirectories(out);
        String loadAtStart = Bench.loadAverage();
        Map<String, Path> jars = new LinkedHashMap<>();
        jars.put("this jar", jar);
        if (!baseline.isEmpty()) {
            jars.put("baseline", Path.of(baseline));
        }
        System.out.println("== upload-to-alert latency, " + jars + ", " + rounds + " rounds of " + uploads
                + " uploads, " + delay + " ms polls -> " + out + " (load " + loadAtStart + ")");

        int port = JavaProcess.freePort();
        URI sandbox = URI.create("http://127.0.0.1:" + port);
        Map<String, List<Double>> latencies = new LinkedHashMap<>();
        double[][] perAlert;
        try (JavaProcess sandboxProcess = JavaProcess.start("sandbox", jar, List.of("-Xmx2g", "-Dsandbox.port=" + port),
                List.of("sandbox"), out.resolve("sandbox"), out.resolve("sandbox/sandbox.log"))) {
            sandboxProcess.awaitHttp200(sandbox.resolve("/_sandbox/health"), Duration.ofSeconds(60), 20);
            for (int round = 1; round <= rounds; round++) {
                for (var e : jars.entrySet()) {
                    String name = (e.getKey().equals("this jar") ? "new" : "old") + round;
                    Map<String, String> settings = Map.of("inventory.import.poll-delay", Long.toString(delay),
                            "inventory.alert.poll-delay", Long.toString(delay));
                    try (PipelineProcess pipeline = PipelineProcess.start(name, e.getValue(), sandbox, List.of(), settings,
                            out.resolve(name))) {
                        String topicArn = Clients.sns(sandbox).createTopic(b -> b.name(pipeline.topic)).topicArn();
                        AlertLatency.measure(pipeline, sandbox, topicArn, Math.max(1, uploads / 10), delay, round); // warm-up
                        double[] ms = AlertLatency.each(pipeline, sandbox, topicArn, uploads, delay, 100 + round);
                        Stats s = Stats.of(ms);
                        System.out.printf("   %s round %d: p50 %.0f ms, p95 %.0f ms%n", e.getKey(), round, s.p50(), s.p95());
                        List<Double> all = latencies.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                        Arrays.stream(ms).forEach(all::add);
                    }
                }
            }
            perAlert = stateCalls(sandbox, calls);
        }
        StringBuilder md = new StringBuilder("# Upload-to-alert latency and what fencing an alert costs\n\n");
        md.append(String.format("Load average at start %s, at end %s; %d rounds of %d uploads per jar, %d ms polls, "
                + "alternating.%n%n", loadAtStart, Bench.loadAverage(), rounds, uploads, delay));
        md.append("| jar | alerts | p50 | p95 | p99 |\n|---|---|---|---|---|\n");
        latencies.forEach((k, v) -> {
            Stats s = Stats.of(v.stream().mapToDouble(Double::doubleValue).toArray());
            md.append(String.format("| %s (%s) | %d | %.0f ms | %.0f ms | %.0f ms |%n", k, jars.get(k), s.count(), s.p50(),
                    s.p95(), s.p99()));
        });
        Stats claim = Stats.of(perAlert[0]);
        Stats log = Stats.of(perAlert[1]);
        md.append(String.format("%n| state-table calls per alert (%d each, interleaved, loopback) | p50 | p95 |%n|---|---|---|%n", calls));
        md.append(String.format("| claim (TransactWriteItems: fence check + claim) + record (UpdateItem) | %.2f ms | %.2f ms |%n",
                claim.p50(), claim.p95()));
        md.append(String.format("| earlier: consistent GetItem + conditional PutItem | %.2f ms | %.2f ms |%n", log.p50(), log.p95()));
        Files.writeString(out.resolve("results.md"), md);
        System.out.println(md);
    }

    /** Milliseconds per alert of the state-table calls: [0] the fenced claim and record, [1] the earlier log's. */
    private static double[][] stateCalls(URI sandbox, int calls) {
        DynamoDbClient ddb = Clients.dynamoDb(sandbox);
        String table = "bench-claims";
        ddb.createTable(t -> t.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build()));
        ddb.putItem(p -> p.tableName(table).item(Map.of("id", AttributeValue.fromS("reader#bench"), "term", AttributeValue.fromN("1"))));
        double[] claims = new double[calls];
        double[] logs = new double[calls];
        for (int i = -calls / 10; i < calls; i++) { // the first tenth warms up
            String claimId = "alert#c" + i;
            long t0 = System.nanoTime();
            ddb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                            .key(Map.of("id", AttributeValue.fromS("reader#bench"))).conditionExpression("term = :t")
                            .expressionAttributeValues(Map.of(":t", AttributeValue.fromN("1"))).build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(Map.of("id", AttributeValue.fromS(claimId)))
                            .updateExpression("SET claimTerm = :t, claimedAt = :at")
                            .conditionExpression("attribute_not_exists(publishedAt) AND attribute_not_exists(deadLetteredAt)")
                            .expressionAttributeValues(Map.of(":t", AttributeValue.fromN("1"), ":at", AttributeValue.fromS("x")))
                            .build()).build()));
            ddb.updateItem(u -> u.tableName(table).key(Map.of("id", AttributeValue.fromS(claimId)))
                    .updateExpression("SET publishedAt = :at").expressionAttributeValues(Map.of(":at", AttributeValue.fromS("y"))));
            long t1 = System.nanoTime();
            String logId = "alert#l" + i;
            ddb.getItem(g -> g.tableName(table).key(Map.of("id", AttributeValue.fromS(logId))).consistentRead(true));
            ddb.putItem(p -> p.tableName(table).item(Map.of("id", AttributeValue.fromS(logId), "publishedAt", AttributeValue.fromS("y")))
                    .conditionExpression("attribute_not_exists(id)"));
            long t2 = System.nanoTime();
            if (i >= 0) {
                claims[i] = (t1 - t0) / 1e6;
                logs[i] = (t2 - t1) / 1e6;
            }
        }
        return new double[][] {claims, logs};
    }
}
