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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
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
import testsupport.AlertAudit;
import testsupport.PipelineProbe;
import testsupport.SandboxFaults;
import testsupport.StreamLedger;

/**
 * The scale-out drill: three pipeline processes ({@code events} trigger, each with a state folder of its own and no
 * folder shared, so the stream reader is elected through the shared state table as containers would do it) against
 * one standalone sandbox that keeps its state on disk. All files are uploaded at once; while they import and alert,
 * the drill's disruptions hit: the stream leader SIGKILLed mid-alerting, an importer (not the leader) SIGKILLed
 * mid-file (each killed process started again), or the leader frozen (SIGSTOP) past its lease and thawed. Records
 * another tool writes (every shape the alert route cannot take as it would its own) go straight into the table
 * between the imported changes. Then the table is compared with the conditional writes' model, the alerts with the
 * qualifying changes in the stream, and every file must be archived once with one report.
 */
final class ScaleOutDrill {

    /** What the drill does to the replicas while they work. */
    enum Disruption {
        KILL_IMPORTER("importer mid-file"), KILL_LEADER("stream leader mid-alerting"),
        FREEZE_LEADER("stream leader frozen past its lease");

        final String what;

        Disruption(String what) {
            this.what = what;
        }
    }

    /**
     * @param lease  the replicas' {@code inventory.cluster.lease-duration}
     * @param freeze how long a frozen leader stays frozen (past its lease)
     * @param fifo   a FIFO topic, which drops a repeat of the same event (5-minute window)
     * @param poison write records another tool would into the table while the files import
     */
    record Options(int files, int rowsPerFile, List<Disruption> disruptions, Duration lease, Duration freeze,
                   boolean fifo, boolean poison) {
    }

    /**
     * What one disruption hit, and what it cost.
     *
     * @param detail            the file being imported (importer), or the replica that took over (leader)
     * @param failoverMs        leader: from the kill or freeze until another replica held the lease
     * @param firstAlertMs      leader: from the kill or freeze until the new leader's first alert
     * @param topicSizeAtKill   leader: alerts on the topic right after the kill or freeze (the last one was in flight)
     * @param topicSizeAtThaw   frozen leader: alerts on the topic just before the thaw, -1 otherwise
     * @param topicSizeAfterThaw frozen leader: alerts on the topic once its publish in flight, if any, landed
     */
    record Kill(String what, String replica, String detail, long failoverMs, long firstAlertMs, int topicSizeAtKill,
                int topicSizeAtThaw, int topicSizeAfterThaw) {
    }

    record Result(int files, long rows, int items, Map<String, Integer> importsPerReplica, List<Kill> kills,
                  List<String> tableDifferences, AlertAudit audit, List<String> explained, List<String> unexplained,
                  Map<String, Integer> importedTwice, List<String> notArchived, int reports, long elapsedMs,
                  StreamLedger.Shape shape, int poisonRecords, long skippedLines) {

        String figures() {
            return "replicas 3 (state folders apart, elected through the state table), files " + files + ", rows " + rows
                    + ", items " + items + ", files imported per replica " + importsPerReplica
                    + ", disruptions " + kills.size() + " " + kills
                    + ", records written by another tool " + poisonRecords + " (skip lines logged " + skippedLines + ")"
                    + ", rows lost " + tableDifferences.size() + ", " + audit
                    + " (repeats, each the publish in flight at a leader kill or freeze: " + explained.size()
                    + ", not explained " + unexplained.size() + ")"
                    + ", files imported more than once " + importedTwice.size() + ", files not archived " + notArchived.size()
                    + ", reports " + reports + ", upload-to-done " + elapsedMs + " ms, " + shape;
        }
    }

    private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");
    private static final Pattern ACQUIRED = Pattern.compile("Leadership of lease#inventory-stream-reader#\\S+ taken by");
    private static final Pattern LOST = Pattern.compile("Leadership of lease#inventory-stream-reader#\\S+ (lost|released)");
    private static final Pattern SKIPPED = Pattern.compile("Stream record skipped, no alert possible");
    private static final Pattern IMPORTING = Pattern.compile("UploadEvents - Importing (\\S+) \\(");
    private static final Duration DEADLINE = Duration.ofSeconds(300);

    private final URI endpoint;
    private final Path work;
    private final String name;
    private final Options options;
    private final int files;
    private final int rowsPerFile;
    private final String topic;
    private final Random random;
    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final SandboxFaults faults;
    private final TableModel model = new TableModel();
    private final Map<String, Replica> replicas = new LinkedHashMap<>();
    private final PoisonWriter poison;

    ScaleOutDrill(URI endpoint, Path work, String name, Options options, long seed) {
        this.endpoint = endpoint;
        this.work = work;
        this.name = name;
        this.options = options;
        this.files = options.files();
        this.rowsPerFile = options.rowsPerFile();
        this.topic = name + (options.fifo() ? "-alerts.fifo" : "-alerts");
        this.random = new Random(seed);
        this.s3 = SandboxTestSupport.s3(endpoint);
        this.dynamoDb = SandboxTestSupport.dynamodb(endpoint);
        this.streams = SandboxTestSupport.streams(endpoint);
        this.faults = new SandboxFaults(endpoint);
        this.poison = new PoisonWriter(dynamoDb, name);
    }

    /** One of the three processes, across its restarts: its whole log so far, read as it grows. */
    private final class Replica {
        final String id;
        ChildJvm jvm;
        boolean leader;
        final Map<String, Integer> imported = new TreeMap<>();
        final Set<String> importing = new TreeSet<>();
        int alertsSent;
        long skipped;
        boolean running;
        /** When (by its own log) it last took the lease, and sent its last alert. */
        java.time.LocalTime acquiredAt;
        java.time.LocalTime lastAlertAt;

        Replica(String id) {
            this.id = id;
        }

        void start() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("aws.endpoint", endpoint.toString());
            p.put("inventory.bucket", name);
            p.put("inventory.table", name);
            p.put("inventory.topic", topic);
            p.put("inventory.import.trigger", "events");
            p.put("inventory.import.queue", name + "-uploads");
            p.put("inventory.import.dead-letter-queue", name + "-uploads-dlq");
            p.put("inventory.import.visibility-timeout", "10");
            // one write in flight: with the sandbox's writes slowed, a file takes seconds, so kills land mid-file
            p.put("inventory.import.concurrency", "1");
            p.put("inventory.state.table", name + "-state");
            // no shared folder: each replica's state folder is its own, as each container's is; the lease is elsewhere
            p.put("inventory.state-dir", work.resolve(id + "-state").toString());
            p.put("inventory.cluster.lease-duration", Long.toString(options.lease().toMillis()));
            p.put("inventory.cluster.renew-interval", Long.toString(options.lease().toMillis() / 5));
            p.put("inventory.alert.dead-letter-queue", name + "-alert-dlq");
            p.put("inventory.alert.format", "json");
            p.put("inventory.alert.poll-delay", "100");
            p.put("camel.management.enabled", "false");
            p.put("camel.main.shutdown-timeout", "20");
            jvm = ChildJvm.start(p, Map.of(), work.resolve(id + ".log"));
            leader = false;
            running = false;
            importing.clear();
        }

        /**
         * Waits for the start-up banner, reading every line on the way: the lease may be taken before the banner is
         * printed, and that line must not be skipped.
         */
        void awaitRunning() {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
                read();
                return running;
            });
        }

        void read() {
            for (String line : jvm.newLinesWhileAlive(id)) {
                if (ACQUIRED.matcher(line).find()) {
                    leader = true;
                    acquiredAt = at(line);
                } else if (LOST.matcher(line).find()) {
                    leader = false;
                }
                Matcher m = IMPORTING.matcher(line);
                if (m.find()) {
                    importing.add(m.group(1));
                }
                String key = PipelineLog.imported(line);
                if (key != null) {
                    importing.remove(key);
                    imported.merge(key, 1, Integer::sum);
                }
                if (PipelineLog.alertSent(line) != null) {
                    alertsSent++;
                    lastAlertAt = at(line);
                }
                if (SKIPPED.matcher(line).find()) {
                    skipped++;
                }
                running |= PipelineLog.running(line);
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
                    r.awaitRunning();
                }
            }
            for (Replica r : replicas.values()) {
                if (!r.id.equals("replica-1")) {
                    r.awaitRunning();
                }
            }
            long start = System.nanoTime();
            uploadAll();
            if (options.poison()) {
                poison.start();
            }
            for (Disruption d : options.disruptions()) {
                kills.add(switch (d) {
                    case KILL_IMPORTER -> killImporter();
                    case KILL_LEADER -> killLeader();
                    case FREEZE_LEADER -> freezeLeader();
                });
            }
            poison.finish();
            awaitDone();
            elapsed = (System.nanoTime() - start) / 1_000_000;
        } finally {
            poison.finish();
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
        return new Kill(Disruption.KILL_IMPORTER.what, victim[0].id, file[0], -1, -1, -1, -1, -1);
    }

    /**
     * SIGKILL the stream leader after it sent 30 alerts since it took over (mid-alerting), measure how long until
     * one of the others holds the lock and until its first alert, then start the victim again (it stands by).
     */
    private Kill killLeader() throws Exception {
        Replica victim = leaderMidAlerting();
        victim.jvm.kill();
        long killedAt = System.nanoTime();
        java.time.LocalTime killedAtClock = java.time.LocalTime.now();
        victim.leader = false;
        // a publish the sandbox was still handling when its client died lands first; no one else publishes before the lease ends
        int topicSize = settled(() -> published().size(), Duration.ofMillis(200));
        long[] failover = awaitFailover(victim, killedAt, killedAtClock);
        String newLeader = newLeader(victim);
        victim.start(); // only once another took over: a fail-over, not a restart
        return new Kill(Disruption.KILL_LEADER.what, victim.id, newLeader, failover[0], failover[1], topicSize, -1, -1);
    }

    /**
     * SIGSTOP the stream leader mid-alerting, as a long GC pause or a paused container would: another replica takes
     * over once the lease ran out; after the freeze the victim runs on where it was (a publish it had under way may
     * still go out) and must find that it no longer reads the stream.
     */
    private Kill freezeLeader() throws Exception {
        Replica victim = leaderMidAlerting();
        victim.jvm.freeze();
        long frozenAt = System.nanoTime();
        java.time.LocalTime frozenAtClock = java.time.LocalTime.now();
        int topicSize = settled(() -> published().size(), Duration.ofMillis(200));
        long[] failover = awaitFailover(victim, frozenAt, frozenAtClock);
        String newLeader = newLeader(victim);
        long left = options.freeze().toNanos() - (System.nanoTime() - frozenAt);
        if (left > 0) {
            Thread.sleep(left / 1_000_000); // the freeze itself: the scenario's length, not a wait for an outcome
        }
        int beforeThaw = published().size();
        victim.jvm.thaw();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            victim.read();
            return !victim.leader;
        });
        // a publish it had under way when frozen lands: its own count of alerts sent stops moving
        settled(() -> {
            victim.read();
            return victim.alertsSent;
        }, Duration.ofSeconds(1));
        return new Kill(Disruption.FREEZE_LEADER.what, victim.id, newLeader, failover[0], failover[1], topicSize,
                beforeThaw, published().size());
    }

    /** {@code count} once it has not moved for {@code quiet}. */
    private static int settled(Callable<Integer> count, Duration quiet) {
        int[] last = {-1};
        await().during(quiet).atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            int now = count.call();
            boolean still = now == last[0];
            last[0] = now;
            return still;
        });
        return last[0];
    }

    /** The leader, once it sent 30 alerts since it took over. */
    private Replica leaderMidAlerting() {
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
        return leader[0];
    }

    /**
     * Waits until another replica holds the lease, and sent its first alert (or none are left): ms for both, from the
     * disruption to the times those replicas logged (not to when this drill, busy on a loaded machine, read them).
     */
    private long[] awaitFailover(Replica victim, long since, java.time.LocalTime sinceClock) {
        Map<String, Integer> sentAtKill = new HashMap<>();
        replicas.values().forEach(r -> sentAtKill.put(r.id, r.alertsSent));
        long[] acquired = {-1};
        long[] firstAlert = {-1};
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (Replica r : replicas.values()) {
                if (r == victim) {
                    continue;
                }
                r.read();
                if (r.leader && acquired[0] < 0) {
                    acquired[0] = (System.nanoTime() - since) / 1_000_000;
                }
                if (r.alertsSent > sentAtKill.get(r.id) && firstAlert[0] < 0) {
                    firstAlert[0] = (System.nanoTime() - since) / 1_000_000;
                }
            }
            return acquired[0] >= 0 && (firstAlert[0] >= 0 || alertsDone());
        });
        Replica next = replicas.values().stream().filter(r -> r != victim && r.leader).findFirst().orElseThrow();
        long failover = next.acquiredAt == null ? acquired[0] : java.time.Duration.between(sinceClock, next.acquiredAt).toMillis();
        long first = firstAlert[0] < 0 || next.lastAlertAt == null ? firstAlert[0]
                : java.time.Duration.between(sinceClock, firstAlertAfter(next, sinceClock)).toMillis();
        return new long[] {failover, first};
    }

    /** The new leader's first alert after the disruption, by its log. */
    private java.time.LocalTime firstAlertAfter(Replica r, java.time.LocalTime since) {
        for (String line : r.jvm.allLines()) {
            java.time.LocalTime t = at(line);
            if (t != null && t.isAfter(since) && PipelineLog.alertSent(line) != null) {
                return t;
            }
        }
        return r.lastAlertAt;
    }

    private String newLeader(Replica victim) {
        return replicas.values().stream().filter(r -> r != victim && r.leader).map(r -> r.id).findFirst().orElseThrow();
    }

    /** A log line's time of day (logback's HH:mm:ss.SSS): the drill's figures come from the replicas' own clocks. */
    private static java.time.LocalTime at(String line) {
        try {
            return java.time.LocalTime.parse(line.substring(0, 12));
        } catch (RuntimeException e) {
            return null;
        }
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
        // where a publish in flight at a disruption lands: the last one before a kill or freeze, or one a frozen
        // leader still sent once thawed
        Set<Integer> inFlight = new TreeSet<>();
        for (Kill k : kills) {
            if (k.topicSizeAtKill() > 0) {
                inFlight.add(k.topicSizeAtKill() - 1);
            }
            for (int i = Math.max(0, k.topicSizeAtThaw()); i < k.topicSizeAfterThaw(); i++) {
                inFlight.add(i);
            }
        }
        List<String> explained = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        copies.forEach((id, at) -> {
            if (at.size() > 1) {
                // every copy but one must have been a publish in flight at a disruption
                boolean ok = at.stream().filter(inFlight::contains).count() >= at.size() - 1;
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
        long skippedLines = replicas.values().stream().mapToLong(r -> r.skipped).sum();
        return new Result(files, model.writes(), model.size(), perReplica, kills,
                model.differences(dynamoDb, name, PoisonWriter.STORE::equals), audit, explained, unexplained, twice,
                notArchived, reports, elapsed, StreamLedger.shape(streams, name), poison.written(), skippedLines);
    }

    private List<JsonNode> published() throws Exception {
        return AlertAudit.alerts(endpoint, AlertAudit.topicArn(topic));
    }
}
