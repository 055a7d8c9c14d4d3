package sandbox.s3;

import java.util.List;
import java.util.Set;

/**
 * One {@code <QueueConfiguration>} of a bucket's notification configuration: which events, for which keys
 * (a prefix and/or suffix filter), go to which queue.
 *
 * @param prefix "" for none
 * @param suffix "" for none
 */
record QueueConfiguration(String id, String queueArn, List<String> events, String prefix, String suffix) {

    /** The event types S3 can notify about; the sandbox emits only the ObjectCreated ones. */
    static final Set<String> SUPPORTED_EVENTS = Set.of("s3:ObjectCreated:*", "s3:ObjectCreated:Put",
            "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
            "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
            "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
            "s3:ReducedRedundancyLostObject", "s3:Replication:*", "s3:Replication:OperationFailedReplication",
            "s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
            "s3:Replication:OperationNotTracked", "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete",
            "s3:LifecycleExpiration:DeleteMarkerCreated", "s3:LifecycleTransition", "s3:IntelligentTiering",
            "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete", "s3:ObjectAcl:Put");

    /** Whether an event ({@code ObjectCreated:Put}) on this key is one this configuration asks for. */
    boolean matches(String eventName, String key) {
        return key.startsWith(prefix) && key.endsWith(suffix)
                && events.stream().anyMatch(e -> covers(e, "s3:" + eventName));
    }

    /** {@code s3:ObjectCreated:*} covers {@code s3:ObjectCreated:Put}; otherwise only the same name. */
    static boolean covers(String configured, String event) {
        return configured.equals(event) || (configured.endsWith(":*")
                && event.startsWith(configured.substring(0, configured.length() - 1)));
    }

    /** S3 refuses two configurations that could both match one event for one key ("ambiguously defined"). */
    boolean overlaps(QueueConfiguration other) {
        boolean sameEvent = events.stream().anyMatch(a -> other.events.stream()
                .anyMatch(b -> covers(a, b) || covers(b, a)));
        boolean prefixes = prefix.startsWith(other.prefix) || other.prefix.startsWith(prefix);
        boolean suffixes = suffix.endsWith(other.suffix) || other.suffix.endsWith(suffix);
        return sameEvent && prefixes && suffixes;
    }
}
