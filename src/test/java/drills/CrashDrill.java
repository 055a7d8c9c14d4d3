package drills;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import inventory.InventorySettings.AlertMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeMap;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import testsupport.AlertAudit;
import testsupport.SandboxFaults;
import testsupport.StreamLedger;

/**
 * One crash drill: the pipeline runs in its own JVM against a standalone sandbox that keeps its state on
 * disk; each round a new file is uploaded and items are changed directly while the pipeline is down, the
 * pipeline is started, and it is SIGKILLed at a random point — during start-up, mid-import, or mid-alerting.
 * A last run finishes the work. Then the table is compared with the conditional puts' model, and the alerts
 * with the qualifying changes in the stream, by eventID; every repeated alert must be the last publish of a
 * killed run (the one in flight at the kill).
 */
final class CrashDrill {

    /**
     * Where a kill landed: during start-up, mid-import (rows being written), mid-alerting (while the import
     * runs), alerting after the round's file was imported (draining the backlog), with a publish in flight (SNS
     * kept it, its answer was held back by the sandbox), or idle (the work ran out).
     */
    enum Phase { STARTUP, IMPORT, ALERTING, ALERTING_AFTER_IMPORT, PUBLISH_IN_FLIGHT, IDLE }

    /**
     * One kill.
     *
     * @param midImport     the round's file was not completely imported when the process died
     * @param alertsPending qualifying changes not yet alerted when the process died
     * @param publishedFrom index of the first alert published during this run (on the topic, in order)
     * @param publishedTo   index after the last
     * @param acknowledged  eventIDs whose publish SNS acknowledged in this run ("Alert sent" in its log)
     */
    record Kill(int round, Phase phase, boolean midImport, int alertsPending, int publishedFrom, int publishedTo,
                Set<String> acknowledged) {
    }

    /**
     * What the drill found.
     *
     * @param tableDifferences items that differ from the model (rows lost or wrongly written)
     * @param explained        eventIDs alerted more than once, each extra copy the publish in flight at a kill
     * @param unexplained      repeated alerts that no kill explains
     * @param republished      changes a restarted run published again although SNS had kept them in an earlier
     *                         run (their publish was in flight at a kill); a FIFO topic drops these repeats
     */
    record Result(List<Kill> kills, long rowsOffered, int items, List<String> tableDifferences, AlertAudit audit,
                  long republished, List<String> explained, List<String> unexplained, List<String> leftOver,
                  StreamLedger.Shape shape) {

        long count(java.util.function.Predicate<Kill> which) {
            return kills.stream().filter(which).count();
        }

        String figures() {
            Map<Phase, Long> phases = new java.util.EnumMap<>(Phase.class);
            kills.forEach(k -> phases.merge(k.phase(), 1L, Long::sum));
            return "kill points " + kills.size() + " " + phases + " (mid-import " + count(Kill::midImport)
                    + ", with alerts pending " + count(k -> k.alertsPending() > 0) + "), rows offered " + rowsOffered + ", items " + items
                    + ", rows lost " + tableDifferences.size() + ", " + audit + ", published again after a restart " + republished
                    + " (changes repeated, each copy the publish in flight at a kill: "
                    + explained.size() + ", repeats not explained by a kill " + unexplained.size() + "), files left over " + leftOver.size()
                    + ", " + shape;
        }
    }

    private static final Instant BASE = Instant.parse("2026-02-01T00:00:00Z");
    private static final Duration ROUND_DEADLINE = Duration.ofSeconds(90);

    private final URI endpoint;
    private final Path work;
    private final String name;
    private final String topic;
    private final int kills;
    private final int rows;
    private final boolean aimAtPublishes;
    private final Random random;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final SandboxFaults faults;
    private final TableModel model = new TableModel();
    private final List<Kill> done = new ArrayList<>();
    private Kill lastRun;
    private long clock;

    /**
     * @param name  bucket and table of this drill
     * @param topic          SNS topic (a name ending in .fifo makes a FIFO topic)
     * @param aimAtPublishes kill mostly while alerts are being published
     */
    CrashDrill(URI endpoint, Path work, String name, String topic, int kills, int rows, boolean aimAtPublishes, long seed) {
        this.endpoint = endpoint;
        this.work = work;
        this.name = name;
        this.topic = topic;
        this.kills = kills;
        this.rows = rows;
        this.aimAtPublishes = aimAtPublishes;
        this.random = new Random(seed);
        this.s3 = SandboxTestSupport.s3(endpoint);
        this.dynamoDb = SandboxTestSupport.dynamodb(endpoint);
        this.streams = SandboxTestSupport.streams(endpoint);
        this.faults = new SandboxFaults(endpoint);
    }

    Result run() throws Exception {
        for (int round = 1; round <= kills; round++) {
            if (round > 1) {
                changeItemsDirectly();
                uploadRound(round);
            }
            ChildJvm pipeline = startPipeline(round);
            if (round == 1) {
                // the first start provisions the bucket, table and topic
                await().atMost(ROUND_DEADLINE).ignoreExceptions().until(() -> {
                    s3.headBucket(b -> b.bucket(name));
                    return !streams.listStreams(b -> b.tableName(name)).streams().isEmpty();
                });
                uploadRound(round);
            }
            killSomewhere(round, pipeline);
        }
        finish();
        return result();
    }

    /** {@code rows} rows over a key space twice as large, shuffled timestamps, about a quarter at zero. */
    private void uploadRound(int round) {
        List<Long> stamps = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            stamps.add(clock++);
        }
        Collections.shuffle(stamps, random);
        StringBuilder csv = new StringBuilder("store,item,quantity,updated_at\n");
        for (int i = 0; i < rows; i++) {
            String[] key = randomKey();
            long quantity = random.nextInt(4);
            Instant at = BASE.plusSeconds(stamps.get(i));
            csv.append(key[0]).append(',').append(key[1]).append(',').append(quantity).append(',').append(at).append('\n');
            model.offer(key[0], key[1], quantity, at);
        }
        s3.putObject(b -> b.bucket(name).key(fileKey(round)), RequestBody.fromString(csv.toString()));
    }

    /** Another system changes items while the pipeline is down, with the same conditional put. */
    private void changeItemsDirectly() {
        for (int i = 0; i < Math.max(2, rows / 20); i++) {
            String[] key = randomKey();
            long quantity = random.nextInt(2);
            Instant at = BASE.plusSeconds(clock++);
            String stamp = inventory.imports.UpdatedAt.format(at);
            try {
                dynamoDb.putItem(b -> b.tableName(name).item(Map.of("store", AttributeValue.fromS(key[0]),
                                "item", AttributeValue.fromS(key[1]), "quantity", AttributeValue.fromN(Long.toString(quantity)),
                                "updatedAt", AttributeValue.fromS(stamp), "source", AttributeValue.fromS("drill:direct")))
                        .conditionExpression("attribute_not_exists(#u) OR #u < :u")
                        .expressionAttributeNames(Map.of("#u", "updatedAt"))
                        .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(stamp))));
            } catch (ConditionalCheckFailedException e) {
                // a newer row is there already: the model says the same
            }
            model.offer(key[0], key[1], quantity, at);
        }
    }

    private String[] randomKey() {
        int n = random.nextInt(rows * 2);
        return new String[] {"s" + (n % 3), String.format("i%05d", n)};
    }

    private String fileKey(int round) {
        return String.format("incoming/round-%03d.csv", round);
    }

    private ChildJvm startPipeline(int round) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("aws.endpoint", endpoint.toString());
        p.put("inventory.bucket", name);
        p.put("inventory.table", name);
        p.put("inventory.topic", topic);
        p.put("inventory.state-dir", work.resolve(name + "-state").toString());
        p.put("inventory.alert.format", "json");
        p.put("inventory.import.poll-delay", "100");
        p.put("inventory.alert.poll-delay", "100");
        p.put("camel.management.enabled", "false");
        p.put("camel.main.shutdown-timeout", "20");
        // one instance, restarted after each kill: the configuration for exactly one instance (no election to wait
        // out after a SIGKILL; its alerts are still claimed and fenced). Fail-over is the scale-out drill's
        p.put("inventory.cluster", "none");
        // every start of an import counts across restarts (a file that kills the process fails after max-attempts);
        // here the kills are the drill's, and one round's file may be killed mid-import several times
        p.put("inventory.import.max-attempts", "100");
        return ChildJvm.start(p, Map.of(), work.resolve(name + "-pipeline.log"));
    }

    /** Waits for the round's kill point, kills, and records where the kill landed. */
    private void killSomewhere(int round, ChildJvm pipeline) throws Exception {
        int publishedFrom = published().size();
        KillPoint point = new KillPoint(round, round == 1 ? Phase.IMPORT : pick(), pipeline);
        await().atMost(ROUND_DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(point::reached);
        pipeline.kill();
        faults.clear();
        point.read(pipeline.newLines());
        List<JsonNode> alerts = published();
        var qualifying = StreamLedger.qualifying(StreamLedger.records(streams, name), 0, AlertMode.EVERY_CHANGE);
        int pending = AlertAudit.of(qualifying, alerts).lost().size();
        done.add(new Kill(round, point.landed, !point.fileDone, pending, publishedFrom, alerts.size(),
                Set.copyOf(point.acknowledged)));
    }

    /** A random point in one run, watched through the run's log and the table's stream. */
    private final class KillPoint {
        private final int round;
        private final Phase phase;
        private final ChildJvm pipeline;
        private final StreamTail tail = new StreamTail(streams, name);
        private final long importTarget;
        private final int alertTarget = 1 + random.nextInt(20);
        private final String startupMilestone =
                List.of("Stream reader:", "Pipeline configured", "Inventory pipeline running").get(random.nextInt(3));
        private final String fileKey;
        private int alertsSent;
        private int alertsSentAfterImport;
        private boolean fileDone;
        /** The stream consumer runs: its reader term begun (TableAlertClaims), just after start-up. */
        private boolean reading;
        private long quietSince = System.nanoTime();
        private final Set<String> acknowledged = new LinkedHashSet<>();
        private boolean answerHeldBack;
        private long heldSince;
        private Phase landed;

        KillPoint(int round, Phase phase, ChildJvm pipeline) {
            this.round = round;
            this.phase = phase;
            this.pipeline = pipeline;
            this.importTarget = tail.count() + 1 + random.nextInt(Math.max(1, rows / 3));
            this.fileKey = fileKey(round);
        }

        boolean reached() throws Exception {
            read(pipeline.newLinesWhileAlive("the pipeline in round " + round));
            if (landed == null && phase == Phase.PUBLISH_IN_FLIGHT && alertsSent >= alertTarget / 4 + 1) {
                if (!answerHeldBack) {
                    // the next publish takes effect in SNS, its answer is held back: kill while it is on its way
                    faults.add("{\"service\":\"sns\",\"operation\":\"Publish\",\"responseDelayMs\":5000,\"count\":1}");
                    answerHeldBack = true;
                } else if (heldSince == 0 && faults.fired("sns", "Publish") == 1) {
                    heldSince = System.nanoTime();
                } else if (heldSince != 0 && System.nanoTime() - heldSince > 50_000_000L) {
                    // SNS has taken the publish in (kept it, or dropped it as a FIFO repeat); its answer is 5 s away
                    landed = Phase.PUBLISH_IN_FLIGHT;
                }
            }
            if (landed == null && phase == Phase.ALERTING && alertsSent >= alertTarget) {
                landed = Phase.ALERTING;
            } else if (landed == null && phase == Phase.ALERTING_AFTER_IMPORT && alertsSentAfterImport >= alertTarget / 4 + 1) {
                landed = Phase.ALERTING_AFTER_IMPORT;
            } else if (landed == null && phase == Phase.IMPORT && !fileDone && tail.count() >= importTarget) {
                landed = Phase.IMPORT;
            } else if (landed == null && heldSince == 0 && fileDone && reading && System.nanoTime() - quietSince > 1_000_000_000L) {
                landed = Phase.IDLE; // the round's work ran out before its kill point
            }
            return landed != null;
        }

        void read(List<String> lines) {
            for (String line : lines) {
                String sent = PipelineLog.alertSent(line);
                if (sent != null) {
                    acknowledged.add(sent);
                    alertsSent++;
                    alertsSentAfterImport += fileDone ? 1 : 0;
                    quietSince = System.nanoTime();
                }
                fileDone |= fileKey.equals(PipelineLog.imported(line));
                if (line.contains("Reading the stream as reader term")) {
                    reading = true;
                    quietSince = System.nanoTime(); // quiet counts from when alerts can flow
                }
                if (landed == null && phase == Phase.STARTUP && line.contains(startupMilestone)) {
                    landed = Phase.STARTUP;
                }
            }
        }
    }

    private Phase pick() {
        int n = random.nextInt(100);
        if (aimAtPublishes) {
            return n < 60 ? Phase.PUBLISH_IN_FLIGHT : n < 80 ? Phase.ALERTING : Phase.ALERTING_AFTER_IMPORT;
        }
        return n < 15 ? Phase.STARTUP : n < 45 ? Phase.IMPORT : n < 65 ? Phase.ALERTING : n < 80 ? Phase.ALERTING_AFTER_IMPORT
                : Phase.PUBLISH_IN_FLIGHT;
    }

    /** A last run without a kill: everything imported and every qualifying change alerted, then SIGTERM. */
    private void finish() throws Exception {
        int publishedFrom = published().size();
        ChildJvm pipeline = startPipeline(kills + 1);
        try {
            // a correctness wait, not a timing: on a loaded machine the whole backlog takes its time
            await().atMost(ROUND_DEADLINE.multipliedBy(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    s3.listObjectsV2(b -> b.bucket(name).prefix("incoming/")).contents().isEmpty()
                            && AlertAudit.of(StreamLedger.qualifying(StreamLedger.records(streams, name), 0, AlertMode.EVERY_CHANGE),
                                    published()).lost().isEmpty());
        } finally {
            pipeline.stop(Duration.ofSeconds(30));
        }
        Set<String> acknowledged = new LinkedHashSet<>();
        for (String line : pipeline.newLines()) {
            String sent = PipelineLog.alertSent(line);
            if (sent != null) {
                acknowledged.add(sent);
            }
        }
        lastRun = new Kill(kills + 1, Phase.IDLE, false, 0, publishedFrom, published().size(), acknowledged);
    }

    private Result result() throws Exception {
        List<JsonNode> alerts = published();
        var qualifying = StreamLedger.qualifying(StreamLedger.records(streams, name), 0, AlertMode.EVERY_CHANGE);
        AlertAudit audit = AlertAudit.of(qualifying, alerts);
        Map<String, List<Integer>> copies = new HashMap<>();
        for (int i = 0; i < alerts.size(); i++) {
            copies.computeIfAbsent(alerts.get(i).path("eventId").asText(), id -> new ArrayList<>()).add(i);
        }
        Map<Integer, Kill> lastPublishOfKilledRun = new TreeMap<>();
        for (Kill k : done) {
            if (k.publishedTo() > k.publishedFrom()) {
                lastPublishOfKilledRun.put(k.publishedTo() - 1, k);
            }
        }
        List<String> explained = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        copies.forEach((id, at) -> {
            if (at.size() == 1) {
                return;
            }
            // every copy but the last must be the last publish of a killed run: in flight when that run died
            // (the same change can be in flight at two kills in a row)
            List<Integer> rounds = new ArrayList<>();
            for (int copy : at.subList(0, at.size() - 1)) {
                Kill k = lastPublishOfKilledRun.get(copy);
                rounds.add(k == null ? -1 : k.round());
            }
            (rounds.contains(-1) ? unexplained : explained).add(id + " published at " + at + ", last of rounds " + rounds);
        });
        List<String> leftOver = new ArrayList<>();
        for (String prefix : List.of("incoming/", "failed/")) {
            s3.listObjectsV2Paginator(b -> b.bucket(name).prefix(prefix)).contents().forEach(o -> leftOver.add(o.key()));
        }
        return new Result(List.copyOf(done), model.writes(), model.size(), model.differences(dynamoDb, name), audit,
                republished(alerts), explained, unexplained, leftOver, StreamLedger.shape(streams, name));
    }

    /** Changes published in a run after the run in which SNS first kept them. */
    private long republished(List<JsonNode> alerts) {
        List<Kill> runs = new ArrayList<>(done);
        runs.add(lastRun);
        Map<String, Integer> firstKeptInRun = new HashMap<>();
        for (int run = 0; run < runs.size(); run++) {
            for (int i = runs.get(run).publishedFrom(); i < runs.get(run).publishedTo(); i++) {
                firstKeptInRun.putIfAbsent(alerts.get(i).path("eventId").asText(), run);
            }
        }
        long republished = 0;
        for (int run = 0; run < runs.size(); run++) {
            for (String id : runs.get(run).acknowledged()) {
                Integer kept = firstKeptInRun.get(id);
                republished += kept != null && kept < run ? 1 : 0;
            }
        }
        return republished;
    }

    private List<JsonNode> published() throws Exception {
        return AlertAudit.alerts(endpoint, AlertAudit.topicArn(topic));
    }
}
