package sandbox.s3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Json;

/**
 * S3 event notifications as AWS writes them: one {@code {"Records":[...]}} message (event version 2.1) per
 * matching queue configuration when an object is created, and the {@code s3:TestEvent} message when a
 * configuration is put. Delivered synchronously after the write (AWS delivers within seconds, at least once,
 * in no guaranteed order).
 */
final class ObjectEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectEvents.class);

    private final NotificationSink sink;
    private final Clock clock;
    private final String region;
    private final String principalId;
    /** Sequencers grow for every event (so per key too), also across restarts: they start from the clock. */
    private final AtomicLong sequence;

    ObjectEvents(NotificationSink sink, Clock clock, String region, String account) {
        this.sink = sink;
        this.clock = clock;
        this.region = region;
        this.principalId = account;
        this.sequence = new AtomicLong(clock.millis() * 1000);
    }

    /**
     * An object was created in the bucket.
     *
     * @param eventName {@code ObjectCreated:Put}, {@code ObjectCreated:Copy} or {@code ObjectCreated:CompleteMultipartUpload}
     */
    void created(Bucket bucket, StoredObject o, String eventName, String requestId) {
        NotificationConfiguration config = bucket.notifications();
        if (config.isEmpty()) {
            return;
        }
        String sequencer = String.format("%018X", sequence.updateAndGet(s -> Math.max(s + 1, clock.millis() * 1000)));
        for (QueueConfiguration q : config.queues()) {
            if (q.matches(eventName, o.key())) {
                ObjectNode record = record(bucket.name(), o, eventName, requestId, q.id(), sequencer);
                ObjectNode message = Json.object();
                message.putArray("Records").add(record);
                deliver(q.queueArn(), Json.text(message), eventName + " " + bucket.name() + "/" + o.key());
            }
        }
    }

    private ObjectNode record(String bucket, StoredObject o, String eventName, String requestId, String configId,
                              String sequencer) {
        ObjectNode r = Json.object().put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", region)
                .put("eventTime", S3Time.iso(clock.instant())).put("eventName", eventName);
        r.putObject("userIdentity").put("principalId", "AWS:" + principalId);
        r.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        r.putObject("responseElements").put("x-amz-request-id", requestId)
                .put("x-amz-id-2", S3Service.hostId(requestId));
        ObjectNode s3 = r.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", configId);
        ObjectNode b = s3.putObject("bucket").put("name", bucket);
        b.putObject("ownerIdentity").put("principalId", principalId);
        b.put("arn", "arn:aws:s3:::" + bucket);
        s3.putObject("object").put("key", eventKey(o.key())).put("size", o.size()).put("eTag", o.etag())
                .put("sequencer", sequencer);
        return r;
    }

    /** The test message S3 sends to each queue of a configuration when it is put. */
    void testEvent(String bucket, List<QueueConfiguration> queues, String requestId) {
        String body = Json.text(Json.object().put("Service", "Amazon S3").put("Event", "s3:TestEvent")
                .put("Time", S3Time.iso(clock.instant())).put("Bucket", bucket).put("RequestId", requestId)
                .put("HostId", S3Service.hostId(requestId)));
        queues.stream().map(QueueConfiguration::queueArn).distinct()
                .forEach(arn -> deliver(arn, body, "s3:TestEvent " + bucket));
    }

    /** The object is stored whatever happens to its event: a refused delivery is logged, never the write's error. */
    private void deliver(String queueArn, String body, String what) {
        try {
            sink.send(queueArn, body);
            LOG.debug("S3 event {} sent to {}", what, queueArn);
        } catch (RuntimeException e) {
            LOG.warn("S3 event {} not delivered to {}: {}", what, queueArn, e.getMessage());
        }
    }

    /**
     * The key as S3 writes it into events: form-URL-encoded (a space is '+', '+' is "%2B"), except that '/'
     * stays as it is, as S3 does in practice.
     */
    static String eventKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }
}
