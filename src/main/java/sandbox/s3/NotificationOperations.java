package sandbox.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/** PutBucketNotificationConfiguration and GetBucketNotificationConfiguration ({@code ?notification}). */
final class NotificationOperations {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationOperations.class);
    private static final int BODY_LIMIT = 1024 * 1024;

    private final S3Store store;
    private final NotificationSink sink;
    private final ObjectEvents events;

    NotificationOperations(S3Store store, NotificationSink sink, ObjectEvents events) {
        this.store = store;
        this.sink = sink;
        this.events = events;
    }

    /** Validates, stores, then sends {@code s3:TestEvent} to each queue, as S3 does on every configuration put. */
    SandboxResponse put(SandboxRequest request, String bucketName, String requestId) throws IOException {
        Bucket bucket = store.bucket(bucketName);
        byte[] body = PayloadReceiver.receiveSmall(request, BODY_LIMIT).bytes();
        NotificationConfiguration config = new String(body, StandardCharsets.UTF_8).isBlank()
                ? NotificationConfiguration.EMPTY
                : NotificationConfiguration.parse(XmlRequest.parse(body), sink,
                        !"true".equalsIgnoreCase(request.header("x-amz-skip-destination-validation")));
        store.setNotifications(bucket, config);
        events.testEvent(bucketName, config.queues(), requestId);
        LOG.info("S3 bucket {} notifies {} queue configuration(s)", bucketName, config.queues().size());
        return SandboxResponse.ok();
    }

    SandboxResponse get(String bucketName) {
        return S3Responses.xml(store.bucket(bucketName).notifications().toXml());
    }
}
