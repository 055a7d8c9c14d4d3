package inventory;

import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every tunable of the pipeline, read once at start-up from Camel's properties (application.properties,
 * {@code -Dkey=value}, environment variables) and validated, so a bad value stops start-up with a
 * message naming the property and the allowed values instead of failing later in a route.
 */
public record InventorySettings(
        AwsTarget aws,
        boolean provision,
        String bucket,
        String incomingPrefix,
        String keySuffix,
        String processedPrefix,
        String failedPrefix,
        String reportsPrefix,
        String rejectedPrefix,
        String table,
        String topic,
        CsvColumns columns,
        char delimiter,
        ZoneId csvZone,
        TimestampFallback timestampFallback,
        int importConcurrency,
        ImportWrite importWrite,
        ImportTrigger importTrigger,
        EventQueues eventQueues,
        long importPollDelayMs,
        int importMaxAttempts,
        Duration importStallAfter,
        long alertPollDelayMs,
        long alertShardRefreshMs,
        long alertThreshold,
        AlertMode alertMode,
        AlertFormat alertFormat,
        String alertUri,
        StreamStart alertStart,
        AlertFailures alertFailures,
        Duration alertStallAfter,
        Duration awsGrace,
        Path stateDir,
        String stateTable,
        Cluster cluster,
        Metrics metrics,
        InputLimits inputLimits) {

    /** Where the AWS APIs are. */
    public record AwsTarget(Kind kind, URI endpoint, String region, String profile) {
        public enum Kind { SANDBOX, URL, AWS }

        public boolean isRealAws() {
            return kind == Kind.AWS;
        }
    }

    /** The CSV column names that carry the four known fields. */
    public record CsvColumns(String store, String item, String quantity, String updatedAt) {
    }

    /**
     * What one uploaded file may ask of the import, checked on the bytes before the CSV parser buffers them.
     *
     * @param maxRecordBytes a record (a row, or the header), in UTF-8 bytes, line breaks inside quotes included
     * @param maxFieldBytes  one field, in UTF-8 bytes, quotes included
     * @param maxColumns     fields in one record
     * @param maxGzipRatio   a gzip upload inflates to at most this many times its compressed size (plus 1 MiB)
     */
    public record InputLimits(long maxRecordBytes, long maxFieldBytes, int maxColumns, int maxGzipRatio) {
    }

    /** Where {@code updatedAt} comes from when a row has none. */
    public enum TimestampFallback {
        OBJECT_TIME, IMPORT_TIME
    }

    /** How the import writes rows: PartiQL batches of conditional statements, or one conditional PutItem per row. */
    public enum ImportWrite {
        BATCH, PUT
    }

    /** What starts an import: listing the incoming prefix, or S3's notifications on an SQS queue. */
    public enum ImportTrigger {
        POLL, EVENTS
    }

    /**
     * The queues of {@code events} mode.
     *
     * @param queue                    name or URL of the queue the bucket notifies
     * @param deadLetterQueue          name or URL of its dead-letter queue
     * @param visibilityTimeoutSeconds how long a received notification is hidden from the other replicas
     */
    public record EventQueues(String queue, String deadLetterQueue, int visibilityTimeoutSeconds) {
    }

    /**
     * How instances agree on the one that reads the stream.
     *
     * @param kind                which cluster service elects the reader
     * @param fileRoot            {@link ClusterKind#FILE}: the folder of the lock file, every instance's
     * @param kubernetesNamespace {@link ClusterKind#KUBERNETES}: the Lease's namespace, empty for the pod's own
     * @param leaseDuration       {@link ClusterKind#DYNAMODB}: how long a lease lasts unrenewed before others take over
     * @param renewInterval       {@link ClusterKind#DYNAMODB}: how often the leader renews and the others look
     * @param kubernetesLabels    {@link ClusterKind#KUBERNETES}: the pod labels that make a pod a member, empty for every pod
     */
    public record Cluster(ClusterKind kind, Path fileRoot, String kubernetesNamespace, Duration leaseDuration,
                          Duration renewInterval, java.util.Map<String, String> kubernetesLabels) {
    }

    /**
     * Where the pipeline's metrics go besides /observe/metrics.
     *
     * @param cloudWatchNamespace CloudWatch namespace of the pipeline's own meters, empty for none
     * @param queueDepthInterval  how often the dead-letter queues' depth is sampled (events mode)
     */
    public record Metrics(String cloudWatchNamespace, Duration queueDepthInterval) {
        public boolean toCloudWatch() {
            return !cloudWatchNamespace.isEmpty();
        }
    }

    /**
     * The cluster service: a lease item in the shared state table, a Kubernetes Lease, a lock file in a shared
     * folder, or none (exactly one instance).
     */
    public enum ClusterKind {
        DYNAMODB, KUBERNETES, FILE, NONE
    }

    /** Where a first start without a checkpoint begins to read the stream. */
    public enum StreamStart {
        TRIM_HORIZON, LATEST
    }

    /**
     * What becomes of an alert that cannot be sent.
     *
     * @param maxAttempts     tries of an alert failing for a reason that is not transient, then it is dead-lettered
     * @param maxRecordAge    an alert for a change older than this is dead-lettered instead of sent; zero = no limit
     * @param deadLetterQueue SQS queue (name or URL) of dead-lettered alerts; empty = a file in the state folder
     */
    public record AlertFailures(int maxAttempts, Duration maxRecordAge, String deadLetterQueue) {

        public boolean toQueue() {
            return !deadLetterQueue.isEmpty();
        }
    }

    /** True when stream checkpoints and published alerts live in the shared DynamoDB table. */
    public boolean sharedState() {
        return !stateTable.isEmpty();
    }

    /** Which stream changes alert. */
    public enum AlertMode {
        EVERY_CHANGE, ON_TRANSITION
    }

    /** How the alert message reads. */
    public enum AlertFormat {
        TEXT, JSON
    }

    /** The word in {@code inventory.alert.uri} that stands for the SNS topic (a setting's word: alerts resolve it). */
    public static final String ALERT_URI_SNS = "sns";

    /** True when alerts go to the SNS topic (the default, or {@code sns} in the list). */
    public boolean alertsToSns() {
        return alertUris().contains(ALERT_URI_SNS);
    }

    /** The configured destinations: {@code inventory.alert.uri} split on commas, {@code sns} when empty. */
    public java.util.List<String> alertUris() {
        java.util.List<String> uris = new java.util.ArrayList<>();
        for (String uri : alertUri.split(",")) {
            if (!uri.isBlank()) {
                uris.add(uri.strip());
            }
        }
        return uris.isEmpty() ? java.util.List.of(ALERT_URI_SNS) : uris;
    }

    /** The environment variable that overrides a property, as Camel maps it: upper case, '.' and '-' to '_'. */
    public static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Reads and validates all settings. {@code props} returns a property's resolved value or null.
     *
     * @throws InvalidSettingException naming the first bad property
     */
    public static InventorySettings load(Function<String, String> props) {
        Reader r = new Reader(props);
        AwsTarget aws = r.awsTarget();
        String provisionText = r.get("inventory.provision");
        boolean provision = provisionText.isBlank() ? !aws.isRealAws() : r.bool("inventory.provision");
        String topic = r.required("inventory.topic");
        String alertUri = r.get("inventory.alert.uri").trim();
        Path stateDir = Path.of(r.required("inventory.state-dir"));
        String stateTable = r.get("inventory.state.table").trim();
        Cluster cluster = r.cluster(stateTable);
        String alertDeadLetters = r.get("inventory.alert.dead-letter-queue").trim();
        r.routeOptions();
        return new InventorySettings(aws, provision,
                r.bucket("inventory.bucket"),
                r.prefix("inventory.incoming-prefix"),
                r.required("inventory.key-suffix"),
                r.prefix("inventory.processed-prefix"),
                r.prefix("inventory.failed-prefix"),
                r.prefix("inventory.reports-prefix"),
                r.prefix("inventory.rejected-prefix"),
                r.tableName("inventory.table"),
                topic,
                new CsvColumns(r.required("inventory.csv.column.store"),
                        r.required("inventory.csv.column.item"),
                        r.required("inventory.csv.column.quantity"),
                        r.required("inventory.csv.column.updated-at")),
                r.delimiter("inventory.csv.delimiter"),
                r.zone("inventory.csv.zone"),
                r.choice("inventory.timestamp.fallback", TimestampFallback.values()),
                (int) r.range("inventory.import.concurrency", 1, 1024),
                r.choice("inventory.import.write", ImportWrite.values()),
                r.choice("inventory.import.trigger", ImportTrigger.values()),
                new EventQueues(r.queue("inventory.import.queue"), r.queue("inventory.import.dead-letter-queue"),
                        (int) r.range("inventory.import.visibility-timeout", 10, 43_200)),
                r.range("inventory.import.poll-delay", 10, 3_600_000),
                (int) r.range("inventory.import.max-attempts", 1, 100),
                Duration.ofSeconds(r.range("inventory.import.stall-after", 1, 86_400)),
                r.range("inventory.alert.poll-delay", 10, 3_600_000),
                r.range("inventory.alert.shard-refresh", 100, 3_600_000),
                r.range("inventory.alert.threshold", 0, Long.MAX_VALUE),
                r.choice("inventory.alert.mode", AlertMode.values()),
                r.choice("inventory.alert.format", AlertFormat.values()),
                alertUri,
                r.choice("inventory.alert.start", StreamStart.values()),
                new AlertFailures((int) r.range("inventory.alert.max-attempts", 1, 100),
                        Duration.ofSeconds(r.range("inventory.alert.max-record-age", 0, 604_800)),
                        alertDeadLetters.isEmpty() ? "" : r.queue("inventory.alert.dead-letter-queue")),
                Duration.ofSeconds(r.range("inventory.alert.stall-after", 1, 86_400)),
                Duration.ofSeconds(r.range("inventory.health.aws-grace", 0, 3_600)),
                stateDir,
                stateTable.isEmpty() ? "" : r.tableName("inventory.state.table"),
                cluster,
                new Metrics(r.cloudWatchNamespace("inventory.metrics.cloudwatch.namespace"),
                        Duration.ofSeconds(r.range("inventory.metrics.queue-depth-interval", 1, 3600))),
                new InputLimits(r.range("inventory.csv.max-record-bytes", 1024, 1L << 30),
                        r.range("inventory.csv.max-field-bytes", 1024, 1L << 30),
                        (int) r.range("inventory.csv.max-columns", 4, 1_000_000),
                        (int) r.range("inventory.csv.max-gzip-ratio", 2, 100_000)));
    }

    /**
     * Reads one property at a time, with the checks the settings need. A property nobody set has the default of
     * {@code application.properties} on the class path: the one place defaults are written.
     */
    private static final class Reader {
        /** A label name (63 characters at most) after an optional DNS-subdomain prefix and '/'. */
        private static final String LABEL_KEY = "([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
        private static final String LABEL_VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?";
        private final Function<String, String> props;

        Reader(Function<String, String> props) {
            this.props = props;
        }

        String get(String key) {
            String v = props.apply(key);
            if (v == null) { // application.properties (in the jar) lists every property with its default
                throw new IllegalStateException(key + " has no value: is application.properties missing its default?");
            }
            return v;
        }

        String required(String key) {
            String v = get(key).trim();
            if (v.isEmpty()) {
                throw new InvalidSettingException(key, v, "a non-empty value");
            }
            return v;
        }

        boolean bool(String key) {
            String v = get(key).trim().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.parseBoolean(v);
            }
            throw new InvalidSettingException(key, v, "true, false (or empty for the default)");
        }

        long range(String key, long min, long max) {
            String v = get(key).trim();
            try {
                long n = Long.parseLong(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidSettingException(key, v, "a whole number from " + min + " to " + max);
        }

        /** The options only the routes read, through placeholders: checked here so that a bad one stops start-up. */
        void routeOptions() {
            range("inventory.import.queue-wait", 0, 20);
            range("inventory.import.queue-delay", 0, 3_600_000);
            range("inventory.import.queue-backoff-error-threshold", 1, 1_000);
            range("inventory.import.queue-backoff-multiplier", 1, 10_000);
            range("inventory.alert.max-results-per-request", 1, 1_000);
            range("inventory.alert.redelivery-delay", 0, 3_600_000);
            range("inventory.alert.backoff-multiplier", 1, 100);
            range("inventory.alert.maximum-redelivery-delay", 0, 86_400_000);
        }

        /** One of the enum's constants, written in the property as its name in lower case with '-' for '_'. */
        <E extends Enum<E>> E choice(String key, E[] values) {
            String v = get(key).trim();
            StringBuilder allowed = new StringBuilder();
            for (E e : values) {
                String name = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
                if (name.equalsIgnoreCase(v)) {
                    return e;
                }
                allowed.append(allowed.length() == 0 ? "" : ", ").append(name);
            }
            throw new InvalidSettingException(key, v, allowed.toString());
        }

        String prefix(String key) {
            String v = get(key).trim();
            if (v.isEmpty() || !v.endsWith("/") || v.startsWith("/") || v.contains("..")) {
                throw new InvalidSettingException(key, v,
                        "a key prefix ending in '/', not starting with '/', without '..' (e.g. "
                        + key.substring("inventory.".length(), key.length() - "-prefix".length()) + "/)");
            }
            return v;
        }

        String bucket(String key) {
            String v = get(key).trim();
            if (!v.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") || v.contains("..")) {
                throw new InvalidSettingException(key, v, "an S3 bucket name (3-63 of a-z 0-9 . -)");
            }
            return v;
        }

        String tableName(String key) {
            String v = get(key).trim();
            if (!v.matches("[A-Za-z0-9_.-]{3,255}")) {
                throw new InvalidSettingException(key, v, "a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)");
            }
            return v;
        }

        /** An SQS queue name (1-80 of A-Z a-z 0-9 - _, optionally .fifo) or its https URL. */
        String queue(String key) {
            String v = required(key);
            if (v.matches("[A-Za-z0-9_-]{1,80}(\\.fifo)?") || v.matches("https?://[^/\\s]+/[0-9]+/[A-Za-z0-9_.-]{1,80}")) {
                return v;
            }
            throw new InvalidSettingException(key, v, "an SQS queue name (1-80 of A-Z a-z 0-9 - _) or its URL");
        }

        /** Kubernetes labels written {@code key=value[,key=value]}, in order; empty for none. */
        java.util.Map<String, String> labels(String key) {
            String v = get(key).trim();
            java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
            for (String pair : v.isEmpty() ? new String[0] : v.split(",", -1)) {
                String[] kv = pair.trim().split("=", 2);
                if (kv.length != 2 || !kv[0].matches(LABEL_KEY) || !kv[1].matches(LABEL_VALUE)) {
                    throw new InvalidSettingException(key, v, "key=value pairs separated by commas, Kubernetes label"
                            + " syntax (e.g. camel.apache.org/integration=inventory-pipeline), or empty for every pod");
                }
                labels.put(kv[0], kv[1]);
            }
            return java.util.Collections.unmodifiableMap(labels);
        }

        /** Empty, or a CloudWatch namespace: 1-255 of A-Z a-z 0-9 . - _ / # : and space, not AWS's own. */
        String cloudWatchNamespace(String key) {
            String v = get(key).trim();
            if (v.isEmpty() || v.matches("[A-Za-z0-9._/#: -]{1,255}") && !v.startsWith("AWS/")) {
                return v;
            }
            throw new InvalidSettingException(key, v, "a CloudWatch namespace (1-255 of A-Z a-z 0-9 . - _ / # : and"
                    + " space, not starting with AWS/), or empty for no CloudWatch metrics");
        }

        /**
         * {@code inventory.cluster}: empty is {@code dynamodb} with a state table, else {@code none}. A lock file
         * elects one leader only among instances that see the same folder, so {@code file} needs the folder named;
         * {@code dynamodb} needs the state table it keeps the lease in.
         */
        Cluster cluster(String stateTable) {
            String kindText = get("inventory.cluster").trim();
            ClusterKind kind = kindText.isEmpty() ? (stateTable.isEmpty() ? ClusterKind.NONE : ClusterKind.DYNAMODB)
                    : choice("inventory.cluster", ClusterKind.values());
            String root = get("inventory.cluster.file.root").trim();
            if (kind == ClusterKind.FILE && root.isEmpty()) {
                throw new InvalidSettingException("inventory.cluster.file.root", root, "the folder every instance "
                        + "shares (a lock in a folder of one instance's own elects that instance, whatever the others do)");
            }
            if (kind == ClusterKind.DYNAMODB && stateTable.isEmpty()) {
                throw new InvalidSettingException("inventory.cluster", "dynamodb", "kubernetes, file or none: dynamodb "
                        + "keeps its lease in inventory.state.table, which is empty");
            }
            long lease = range("inventory.cluster.lease-duration", 1_000, 600_000);
            long renew = range("inventory.cluster.renew-interval", 100, 200_000);
            if (renew * 3 > lease) {
                throw new InvalidSettingException("inventory.cluster.renew-interval", Long.toString(renew),
                        "at most a third of inventory.cluster.lease-duration (" + lease + " ms), so that a slow renewal "
                        + "or two does not cost the lease");
            }
            return new Cluster(kind, root.isEmpty() ? null : Path.of(root),
                    get("inventory.cluster.kubernetes.namespace").trim(), Duration.ofMillis(lease), Duration.ofMillis(renew),
                    labels("inventory.cluster.kubernetes.labels"));
        }

        char delimiter(String key) {
            String v = get(key);
            if (v.equals("\\t") || v.equalsIgnoreCase("tab")) {
                return '\t';
            }
            if (v.length() != 1 || v.charAt(0) == '"' || v.charAt(0) == '\r' || v.charAt(0) == '\n') {
                throw new InvalidSettingException(key, v, "one character other than a quote or line break (or 'tab')");
            }
            return v.charAt(0);
        }

        ZoneId zone(String key) {
            String v = get(key).trim();
            try {
                return ZoneId.of(v);
            } catch (DateTimeException e) {
                throw new InvalidSettingException(key, v, "a time-zone id such as UTC, Europe/Paris or +02:00");
            }
        }

        AwsTarget awsTarget() {
            String v = get("aws.endpoint").trim();
            String region = required("aws.region");
            if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                throw new InvalidSettingException("aws.region", region, "an AWS region id such as us-east-1");
            }
            String profile = get("aws.profile").trim();
            if (v.isEmpty()) {
                // the container image sets it empty: never fall back to the embedded in-memory AWS unasked
                throw new InvalidSettingException("aws.endpoint", v, "aws (real AWS, with credentials or a role), an "
                        + "emulator's URL such as http://localhost:4566, or sandbox (the embedded in-memory AWS, for trying "
                        + "it out); it must be set, the container image never picks one for you");
            }
            if (v.equalsIgnoreCase("sandbox")) {
                return new AwsTarget(AwsTarget.Kind.SANDBOX, null, region, profile);
            }
            if (v.equalsIgnoreCase("aws")) {
                return new AwsTarget(AwsTarget.Kind.AWS, null, region, profile);
            }
            try {
                URI uri = URI.create(v);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return new AwsTarget(AwsTarget.Kind.URL, uri, region, profile);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new InvalidSettingException("aws.endpoint", v, "sandbox, aws, or an http(s) URL such as http://localhost:4566");
        }
    }
}
