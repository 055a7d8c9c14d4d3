package routes;

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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The scale-out drill: three pipeline processes ({@code events} trigger, file-lock leader election, shared state
 * table) against one standalone sandbox that keeps its state on disk. All files are uploaded at once; while they
 * import and alert, the stream leader is SIGKILLed mid-alerting and an importer (not the leader) mid-file, each
 * killed process started again at once. Then the table is compared with the conditional writes' model, the alerts
 * with the qualifying changes in the stream, and every file must be archived once with one report.
 */
final class ScaleOutDrill {

    /**
     * What one kill hit, and what it cost.
     *
     * @param detail          the file being imported (importer), or the replica that took over (leader)
     * @param failoverMs      leader: from the kill until another replica held the lock
     * @param firstAlertMs    leader: from the kill until the new leader's first alert
     * @param topicSizeAtKill leader: alerts on the topic right after the kill (the last one was in flight)
     */
    record Kill(String what, String replica, String detail, long failoverMs, long firstAlertMs, int topicSizeAtKill) {
    }

    record Result(int files, long rows, int items, Map<String, Integer> importsPerReplica, List<Kill> kills,
                  List<String> tableDifferences, AlertAudit audit, List<String> explained, List<String> unexplained,
                  Map<String, Integer> importedTwice, List<String> notArchived, int reports, long elapsedMs,
                  StreamLedger.Shape shape) {

        String figures() {
            return "replicas 3, files " + files + ", rows " + rows + ", items " + items
                    + ", files imported per replica " + importsPerReplica
                    + ", kills " + kills.size() + " " + kills
                    + ", rows lost " + tableDifferences.size() + ", " + audit
                    + " (repeats, each the publish in flight at a leader kill: " + explained.size()
                    + ", not explained by a kill " + unexplained.size() + ")"
                    + ", files imported more than once " + importedTwice.size() + ", files not archived " + notArchived.size()
                    + ", reports " + reports + ", upload-to-done " + elapsedMs + " ms, " + shape;
        }
    }

    private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");
    private static final Pattern ACQUIRED = Pattern.compile("Lock on file \\S*inventory-stream-reader acquired");
    private static final Pattern LOST = Pattern.compile("Lock on file \\S*inventory-stream-reader lost");
    private static final Pattern IMPORTING = Pattern.compile("UploadEvents - Importing (\\S+) \\(");
    private static final Pattern IMPORTED = Pattern.compile("FileImport - Imported (\\S+):");
    private static final Pattern ALERT_SENT = Pattern.compile("AlertSteps - Alert sent: ");
    private static final Duration DEADLINE = Duration.ofSeconds(300);

    private final URI endpoint;
    private final Path work;
    private final String name;
    private final int files;
    private final int rowsPerFile;
    private final Random random;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final SandboxFaults faults;
    private final TableModel model = new TableModel();
    private final Map<String, Replica> replicas = new LinkedHashMap<>();

    ScaleOutDrill(URI endpoint, Path work, String name, int files, int rowsPerFile, long seed) {
        this.endpoint = endpoint;
        this.work = work;
        this.name = name;
        this.files = files;
        this.rowsPerFile = rowsPerFile;
        this.random = new Random(seed);
        this.s3 = SandboxTestSupport.s3(endpoint);
        this.dynamoDb = SandboxTestSupport.dynamodb(endpoint);
        this.streams = SandboxTestSupport.streams(endpoint);
        this.faults = new SandboxFaults(endpoint);
    }

    /** One of the three processes, across its restarts: its whole log so far, read as it grows. */
    private final class Replica {
        final String id;
        ChildJvm jvm;
        boolean leader;
        final Map<String, Integer> imported = new TreeMap<>();
        final Set<String> importing = new TreeSet<>();
        int alertsSent;

        Replica(String id) {
            this.id = id;
        }

        void start() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("aws.endpoint", endpoint.toString());
            p.put("inventory.bucket", name);
            p.put("inventory.table", name);
            p.put("inventory.topic", name + "-alerts");
            p.put("inventory.import.trigger", "events");
            p.put("inventory.import.queue", name + "-uploads");
            p.put("inventory.import.dead-letter-queue", name + "-uploads-dlq");
            p.put("inventory.import.visibility-timeout", "10");
            // one write in flight: with the sandbox's writes slowed, a file takes seconds, so kills land mid-file
            p.put("inventory.import.concurrency", "1");
            p.put("inventory.state.table", name + "-state");
            p.put("inventory.cluster", "file");
            p.put("inventory.cluster.file.root", work.resolve("cluster").toString());
            p.put("inventory.state-dir", work.resolve(id + "-state").toString());
            p.put("inventory.alert.format", "json");
            p.put("inventory.alert.poll-delay", "100");
            p.put("camel.management.enabled", "false");
            p.put("camel.main.shutdown-timeout", "20");
            jvm = ChildJvm.start(p, Map.of(), work.resolve(id + ".log"));
            leader = false;
            importing.clear();
        }

        void read() {
            if (!jvm.isAlive()) {
                throw new IllegalStateException(id + " died by itself; see " + jvm.log());
            }
            for (String line : jvm.newLines()) {
                if (ACQUIRED.matcher(line).find()) {
                    leader = true;
                } else if (LOST.matcher(line).find()) {
                    leader = false;
                }
                Matcher m = IMPORTING.matcher(line);
                if (m.find()) {
                    importing.add(m.group(1));
                }
                m = IMPORTED.matcher(line);
                if (m.find()) {
                    importing.remove(m.group(1));
                    imported.merge(m.group(1), 1, Integer::sum);
                }
                if (ALERT_SENT.matcher(line).find()) {
                    alertsSent++;
                }
            }
        }
    }

    Result run() throws Exception {
        // writes and publishes much slower than loopback (a batch of 25 rows 0.7 s, a publish 40 ms), so that importing
        // and alerting last long enough for all four kills to land in the middle of the work
        faults.add("{\"service\":\"dynamodb\",\"operation\":\"BatchExecuteStatement\",\"delayMs\":700}");
        faults.add("{\"service\":\"sns\",\"operation\":\"Publish\",\"delayMs\":40}");
        List<Kill> kills = new ArrayList<>();
        long elapsed;
        try {
            for (String id : List.of("replica-1", "replica-2", "replica-3")) {
                Replica r = new Replica(id);
                replicas.put(id, r);
                r.start();
                if (id.equals("replica-1")) {
                    // the first provisions bucket, table, queues, notification and state table
                    r.jvm.awaitLine(Pattern.compile("(Inventory pipeline running)"), Duration.ofSeconds(90));
                }
            }
            for (Replica r : replicas.values()) {
                if (!r.id.equals("replica-1")) {
                    r.jvm.awaitLine(Pattern.compile("(Inventory pipeline running)"), Duration.ofSeconds(90));
                }
            }
            long start = System.nanoTime();
            uploadAll();
            kills.add(killImporter());
            kills.add(killLeader());
            kills.add(killImporter());
            kills.add(killLeader());
            awaitDone();
            elapsed = (System.nanoTime() - start) / 1_000_000;
        } finally {
            for (Replica r : replicas.values()) {
                if (r.jvm != null) {
                    r.jvm.stop(Duration.ofSeconds(30));
                }
            }
            faults.clear();
        }
        for (Replica r : replicas.values()) {
            r.jvm.newLines().forEach(l -> { });
        }
        return result(kills, elapsed);
    }

    /** {@code files} files of {@code rowsPerFile} rows over a key space 1.5 times the rows, about a quarter at zero, put at once. */
    private void uploadAll() throws Exception {
        long total = (long) files * rowsPerFile;
        List<Long> stamps = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            stamps.add(i);
        }
        Collections.shuffle(stamps, random);
        List<String> bodies = new ArrayList<>();
        int next = 0;
        for (int f = 0; f < files; f++) {
            StringBuilder csv = new StringBuilder("store,item,quantity,updated_at\n");
            for (int i = 0; i < rowsPerFile; i++) {
                int n = random.nextInt((int) (total * 3 / 2));
                String store = "s" + (n % 7);
                String item = String.format("i%06d", n);
                long quantity = random.nextInt(4);
                Instant at = BASE.plusSeconds(stamps.get(next++));
                csv.append(store).append(',').append(item).append(',').append(quantity).append(',').append(at).append('\n');
                model.offer(store, item, quantity, at);
            }
            bodies.add(csv.toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                String key = fileKey(f);
                String body = bodies.get(f);
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(name).key(key), RequestBody.fromString(body))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private String fileKey(int f) {
        return String.format("incoming/store-%03d.csv", f);
    }

    /** SIGKILL a replica that is not the leader while it imports a file, then start it again. */
    private Kill killImporter() {
        Replica[] victim = new Replica[1];
        String[] file = new String[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            readAll();
            for (Replica r : replicas.values()) {
                if (!r.leader && !r.importing.isEmpty()) {
                    victim[0] = r;
                    file[0] = r.importing.iterator().next();
                    return true;
                }
            }
            return false;
        });
        victim[0].jvm.kill();
        victim[0].start();
        return new Kill("importer mid-file", victim[0].id, file[0], -1, -1, -1);
    }

    /**
     * SIGKILL the stream leader after it sent 30 alerts since it took over (mid-alerting), measure how long until
     * one of the others holds the lock and until its first alert, then start the victim again (it stands by).
     */
    private Kill killLeader() throws Exception {
        Replica[] leader = new Replica[1];
        int[] sentBefore = new int[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            readAll();
            for (Replica r : replicas.values()) {
                if (r.leader) {
                    if (leader[0] != r) {
                        leader[0] = r;
                        sentBefore[0] = r.alertsSent;
                    }
                    return r.alertsSent - sentBefore[0] >= 30;
                }
            }
            return false;
        });
        Replica victim = leader[0];
        victim.jvm.kill();
        long killedAt = System.nanoTime();
        victim.leader = false;
        Thread.sleep(200); // a publish the sandbox was still handling when its client died lands meanwhile
        int topicSize = published().size();
        Map<String, Integer> sentAtKill = new HashMap<>();
        replicas.values().forEach(r -> sentAtKill.put(r.id, r.alertsSent));
        long[] acquired = {-1};
        long[] firstAlert = {-1};
        // the victim starts again only once one of the two standing by has taken over: a fail-over, not a restart
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (Replica r : replicas.values()) {
                if (r == victim) {
                    continue;
                }
                r.read();
                if (r.leader && acquired[0] < 0) {
                    acquired[0] = (System.nanoTime() - killedAt) / 1_000_000;
                }
                if (r.alertsSent > sentAtKill.get(r.id) && firstAlert[0] < 0) {
                    firstAlert[0] = (System.nanoTime() - killedAt) / 1_000_000;
                }
            }
            return acquired[0] >= 0 && (firstAlert[0] >= 0 || alertsDone());
        });
        String newLeader = replicas.values().stream().filter(r -> r != victim && r.leader).map(r -> r.id).findFirst()
                .orElseThrow();
        victim.start();
        return new Kill("stream leader mid-alerting", victim.id, newLeader, acquired[0], firstAlert[0], topicSize);
    }

    private void readAll() {
        replicas.values().forEach(Replica::read);
    }

    private boolean alertsDone() throws Exception {
        return AlertAudit.of(StreamLedger.qualifying(StreamLedger.records(streams, name), 0, AlertMode.EVERY_CHANGE),
                published()).lost().isEmpty();
    }

    private void awaitDone() {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            readAll();
            return s3.listObjectsV2(b -> b.bucket(name).prefix("incoming/")).contents().isEmpty()
                    && s3.listObjectsV2Paginator(b -> b.bucket(name).prefix("reports/")).contents().stream().count() == files
                    && alertsDone();
        });
    }

    private Result result(List<Kill> kills, long elapsed) throws Exception {
        List<JsonNode> alerts = published();
        var qualifying = StreamLedger.qualifying(StreamLedger.records(streams, name), 0, AlertMode.EVERY_CHANGE);
        AlertAudit audit = AlertAudit.of(qualifying, alerts);
        Map<String, List<Integer>> copies = new HashMap<>();
        for (int i = 0; i < alerts.size(); i++) {
            copies.computeIfAbsent(alerts.get(i).path("eventId").asText(), id -> new ArrayList<>()).add(i);
        }
        Set<Integer> inFlightAtKill = new TreeSet<>();
        kills.stream().filter(k -> k.topicSizeAtKill() > 0).forEach(k -> inFlightAtKill.add(k.topicSizeAtKill() - 1));
        List<String> explained = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        copies.forEach((id, at) -> {
            if (at.size() > 1) {
                // every copy but the last must be the last publish before a leader kill: in flight when it died
                boolean ok = inFlightAtKill.containsAll(at.subList(0, at.size() - 1));
                (ok ? explained : unexplained).add(id + " published at " + at);
            }
        });
        Map<String, Integer> perReplica = new TreeMap<>();
        Map<String, Integer> importedCount = new TreeMap<>();
        for (Replica r : replicas.values()) {
            perReplica.put(r.id, r.imported.values().stream().mapToInt(Integer::intValue).sum());
            r.imported.forEach((key, n) -> importedCount.merge(key, n, Integer::sum));
        }
        Map<String, Integer> twice = new TreeMap<>();
        importedCount.forEach((key, n) -> {
            if (n > 1) {
                twice.put(key, n);
            }
        });
        Set<String> processed = new TreeSet<>();
        s3.listObjectsV2Paginator(b -> b.bucket(name).prefix("processed/")).contents().forEach(o -> processed.add(o.key()));
        // archived once with one report: in processed/, its report saying so (a kill between the archive and the
        // "Imported" log line leaves no line: the redelivered message then finds the object gone, as it should)
        List<String> notArchived = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            String name = fileKey(f).substring("incoming/".length());
            String status = PipelineProbe.JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(this.name).key("reports/" + name + ".json"))
                    .asByteArray()).path("status").asText();
            if (!processed.contains("processed/" + name) || !status.equals("processed")) {
                notArchived.add(fileKey(f) + " (report status " + status + ")");
            }
        }
        for (String prefix : List.of("incoming/", "failed/")) {
            s3.listObjectsV2Paginator(b -> b.bucket(name).prefix(prefix)).contents().forEach(o -> notArchived.add(o.key()));
        }
        int reports = (int) s3.listObjectsV2Paginator(b -> b.bucket(name).prefix("reports/")).contents().stream().count();
        return new Result(files, model.writes(), model.size(), perReplica, kills, model.differences(dynamoDb, name), audit,
                explained, unexplained, twice, notArchived, reports, elapsed, StreamLedger.shape(streams, name));
    }

    private List<JsonNode> published() throws Exception {
        return AlertAudit.alerts(endpoint, AlertAudit.topicArn(name + "-alerts"));
    }
}
