package inventory.imports;

import inventory.InventorySettings;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The steps of the {@code events} import routes, between an SQS message and the shared file import: read the S3
 * notification, keep the uploads the pipeline imports, name each object for the aws2-s3 producer's GetObject and take
 * the stream it opens (for a dead-lettered one, its HeadObject), and settle the message at the end, deleted once
 * every file it names is archived and reported, or left to come back after a backoff when an import asked to be tried
 * again. A message nobody can use (not an S3 event, another bucket or prefix, an object already gone) is deleted at
 * once: it would never get better. Holds no queue: each message's {@link Delivery} names the queue it came from, so
 * the steps serve both routes.
 */
public final class UploadEvents {

    private static final Logger LOG = LoggerFactory.getLogger(UploadEvents.class);

    private final InventorySettings settings;
    private final SqsClient sqs;
    private final FileImport fileImport;
    private final IncomingListing incoming;

    public UploadEvents(InventorySettings settings, SqsClient sqs, FileImport fileImport, IncomingListing incoming) {
        this.settings = settings;
        this.sqs = sqs;
        this.fileImport = fileImport;
        this.incoming = incoming;
    }

    /**
     * The message's uploads become the body (empty for a test event or a message that is no S3 event), and its
     * {@link Delivery} (queue, receipt handle, receive count) the exchange's.
     */
    public void read(Exchange exchange) {
        var in = exchange.getMessage();
        Delivery delivery = new Delivery(receivedFrom(exchange), in.getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class),
                receiveCount(in.getHeader(Sqs2Constants.ATTRIBUTES, Map.class)));
        exchange.setProperty(Delivery.PROPERTY, delivery);
        String body = in.getBody(String.class);
        S3EventMessage.Content content = S3EventMessage.parse(body);
        List<UploadNotice> notices = List.of();
        if (content instanceof S3EventMessage.Uploads u) {
            notices = u.notices();
        } else if (content instanceof S3EventMessage.TestEvent t) {
            LOG.info("S3 test event from bucket {}: its notifications reach the queue", Printable.of(t.bucket()));
        } else if (content instanceof S3EventMessage.NotAnS3Event n) {
            // deleted (settle), from either queue: it would be no better next time
            LOG.warn("Deleted a message from {} that is no usable S3 event notification: {} (message id {}, body {})",
                    delivery.queue(), n.why(), Printable.of(in.getHeader(Sqs2Constants.MESSAGE_ID, String.class)),
                    Printable.of(body));
        }
        in.setBody(notices);
    }

    /**
     * Only uploads to the pipeline's bucket, under the incoming prefix, with the key suffix (or it and {@code .gz})
     * are imported. A notification for another bucket is logged once (a queue shared by mistake); one for another key
     * of the bucket at debug level.
     */
    public boolean isImportable(Exchange exchange) {
        UploadNotice notice = exchange.getMessage().getBody(UploadNotice.class);
        if (!notice.bucket().equals(settings.bucket())) {
            LOG.warn("Deleted a notification for another bucket than {}: {}", settings.bucket(), notice);
            return false;
        }
        boolean wanted = notice.key().startsWith(settings.incomingPrefix())
                && GzipInput.importable(notice.key(), settings.keySuffix()) && notice.eventName().startsWith("ObjectCreated:");
        if (!wanted) {
            LOG.debug("Notification for {} ignored: not an upload to s3://{}/{}*{}", notice, settings.bucket(),
                    settings.incomingPrefix(), settings.keySuffix());
        }
        return wanted;
    }

    /**
     * Names the notified object for the aws2-s3 producer's GetObject ({@code open-object}) with the headers the aws2-s3
     * consumer sets in {@code poll} mode, and begins the exchange's {@link NotifiedUpload}.
     */
    public void nameObject(Exchange exchange) {
        UploadNotice notice = exchange.getMessage().getBody(UploadNotice.class);
        NotifiedUpload.begin(exchange, notice);
        exchange.getMessage().setHeader(AWS2S3Constants.BUCKET_NAME, notice.bucket());
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, notice.key());
    }

    /**
     * Takes the object stream the producer's GetObject left as the body (opened, not read: the import streams it), to
     * release at {@link #close}, and adds the one header the import reads that the producer does not set from the
     * response (ETag, length and encoding it sets; LastModified, the rows' fallback {@code updatedAt}, it leaves out).
     */
    public void objectOpened(Exchange exchange) {
        var in = exchange.getMessage();
        ResponseInputStream<?> object = in.getBody(ResponseInputStream.class);
        NotifiedUpload upload = NotifiedUpload.find(exchange);
        upload.opened(object);
        in.setHeader(AWS2S3Constants.LAST_MODIFIED, ((GetObjectResponse) object.response()).lastModified());
        Delivery delivery = exchange.getProperty(Delivery.PROPERTY, Delivery.class);
        LOG.info("Importing {} ({} bytes, receive {} of its notification)", Printable.of(upload.notice().key()),
                in.getHeader(AWS2S3Constants.CONTENT_LENGTH), delivery.receiveCount());
    }

    /**
     * GetObject or HeadObject answered NoSuchKey (or 403 for a key no longer listed, {@link #goneBehindAccessDenied}):
     * the object was imported and archived already, or deleted.
     */
    public void objectGone(Exchange exchange) {
        LOG.info("{} no longer exists (imported already, or deleted): nothing to do",
                NotifiedUpload.find(exchange).notice());
    }

    /**
     * GetObject or HeadObject answered 403: S3's answer for a key that does not exist when the caller may not list the
     * whole bucket (the runtime policy lets the app list the incoming prefix only). Gone when a listing of the incoming
     * prefix no longer holds the key; still listed, or the listing failing too, it is a real refusal, tried again.
     */
    public boolean goneBehindAccessDenied(Exchange exchange) {
        S3Exception refused = exchange.getException(S3Exception.class);
        if (refused == null) {
            refused = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, S3Exception.class);
        }
        NotifiedUpload upload = NotifiedUpload.find(exchange);
        if (refused == null || refused.statusCode() != 403 || upload == null) {
            return false;
        }
        String key = upload.notice().key();
        try {
            boolean listed = incoming.lists(key);
            LOG.debug("S3 denied reading {}; the incoming prefix {} it", Printable.of(key), listed ? "lists" : "no longer lists");
            return !listed;
        } catch (SdkException e) {
            LOG.warn("S3 denied reading {}, and listing {} to see whether it still exists failed too: {}",
                    Printable.of(key), settings.incomingPrefix(), Printable.of(e.getMessage()));
            return false;
        }
    }

    /** Lets go of the object stream: read to the end it is closed; cut short (an exception was caught) it is aborted, not drained. */
    public void close(Exchange exchange) {
        NotifiedUpload upload = NotifiedUpload.find(exchange);
        if (upload != null) {
            upload.release(exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null);
        }
    }

    /** S3 or SQS trouble before or after the import: the message comes back after a backoff (see {@link #settle}). */
    public void retryLater(Exchange exchange) {
        Delivery delivery = exchange.getProperty(Delivery.PROPERTY, Delivery.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        close(exchange);
        if (delivery != null) {
            delivery.retryLater();
        }
        NotifiedUpload upload = NotifiedUpload.find(exchange);
        Object body = exchange.getMessage().getBody();
        LOG.warn("Notification {} will be tried again (receive {}): {}", upload != null ? upload.notice()
                : body instanceof UploadNotice ? body : "message", delivery == null ? "?" : delivery.receiveCount(),
                Printable.of(inventory.RootCause.message(error), Printable.MAX_REASON_CHARS));
    }

    /**
     * Deletes the message, or, when an import asked to try again, makes it visible again after a backoff that grows
     * with its receive count (2, 4, 8 ... s, at most the visibility timeout). The queue's redrive policy ends the
     * tries. If SQS cannot be reached now, the message comes back by itself when its visibility timeout ends:
     * importing a file twice changes nothing (the writes are conditional on newer data).
     */
    public void settle(Exchange exchange) {
        Delivery delivery = exchange.getProperty(Delivery.PROPERTY, Delivery.class);
        String queue = delivery.queue();
        try {
            if (delivery.retry()) {
                int backoff = Math.min(settings.eventQueues().visibilityTimeoutSeconds(),
                        1 << Math.min(delivery.receiveCount(), 10));
                sqs.changeMessageVisibility(c -> c.queueUrl(queue).receiptHandle(delivery.receiptHandle())
                        .visibilityTimeout(backoff));
            } else {
                sqs.deleteMessage(d -> d.queueUrl(queue).receiptHandle(delivery.receiptHandle()));
            }
        } catch (SdkException e) {
            LOG.warn("Could not {} the notification on {} ({}); it comes back when its visibility timeout ends",
                    delivery.retry() ? "delay" : "delete", queue, Printable.of(e.getMessage()));
        }
    }

    /**
     * A notification that reached the dead-letter queue: its file was received {@code max-attempts} times and never
     * finished (its object could not be read each time, or each importing instance crashed or stalled past its
     * visibility timeout). The file, still waiting in the incoming prefix (the producer's HeadObject found it and left
     * its response as the body), goes to the failed prefix with a report saying so.
     */
    public void deadLetter(Exchange exchange) {
        var in = exchange.getMessage();
        HeadObjectResponse head = in.getBody(HeadObjectResponse.class);
        // the producer's HeadObject sets no header: the ones the report and the archive read, as GetObject would
        in.setHeader(AWS2S3Constants.E_TAG, head.eTag());
        in.setHeader(AWS2S3Constants.LAST_MODIFIED, head.lastModified());
        in.setHeader(AWS2S3Constants.CONTENT_LENGTH, head.contentLength());
        int receives = settings.importMaxAttempts();
        fileImport.giveUp(exchange, "its upload notification was received " + receives + " times (inventory.import."
                + "max-attempts) without the import finishing (S3 or DynamoDB failing each time, or the importing "
                + "instance stopping or stalling), so the queue moved it to its dead-letter queue");
    }

    /** The URL of the queue the message was received from: the route's aws2-sqs consumer is configured with it. */
    private static String receivedFrom(Exchange exchange) {
        if (exchange.getFromEndpoint() instanceof Sqs2Endpoint queue) {
            return queue.getConfiguration().getQueueUrl();
        }
        throw new IllegalStateException("not received from an SQS queue: " + exchange.getFromEndpoint());
    }

    /** SQS's ApproximateReceiveCount, which the consumer asks for and hands over typed (1 when missing or unreadable). */
    private static int receiveCount(Map<?, ?> attributes) {
        Object value = attributes == null ? null : attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value.toString()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
