package inventory.imports;

import inventory.ImportQueues;
import inventory.InventorySettings;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The steps of the {@code events} import routes, between an SQS message and the shared file import: read the S3
 * notification, keep the uploads the pipeline imports, open each object as a stream with the headers the import
 * reads, and settle the message at the end, deleted once every file it names is archived and reported, or left to
 * come back after a backoff when an import asked to be tried again. A message nobody can use (not an S3 event,
 * another bucket or prefix, an object already gone) is deleted at once: it would never get better.
 */
public final class UploadEvents {

    private static final Logger LOG = LoggerFactory.getLogger(UploadEvents.class);
    /** Exchange property: the queue the message came from, when it is not the import queue. */
    public static final String QUEUE = "inventoryImportQueue";
    /** Exchange property: the S3 object stream of the file being imported, closed when it is done. */
    private static final String OBJECT = "inventoryImportObject";

    private final InventorySettings settings;
    private final S3Client s3;
    private final SqsClient sqs;
    private final ImportQueues queues;
    private final FileImport fileImport;

    public UploadEvents(InventorySettings settings, S3Client s3, SqsClient sqs, ImportQueues queues, FileImport fileImport) {
        this.settings = settings;
        this.s3 = s3;
        this.sqs = sqs;
        this.queues = queues;
        this.fileImport = fileImport;
    }

    public ImportQueues queues() {
        return queues;
    }

    /** The message's uploads become the body (empty for a test event or a message that is no S3 event). */
    public void read(Exchange exchange) {
        var in = exchange.getMessage();
        exchange.setProperty(Delivery.PROPERTY, new Delivery(in.getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class),
                receiveCount(in.getHeader("ApproximateReceiveCount", String.class))));
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
                    exchange.getProperty(QUEUE, queues.queue(), String.class), n.why(),
                    Printable.of(in.getHeader(Sqs2Constants.MESSAGE_ID, String.class)), Printable.of(body));
        }
        in.setBody(notices);
    }

    /** {@link #read} for a message of the dead-letter queue. */
    public void readDeadLetter(Exchange exchange) {
        exchange.setProperty(QUEUE, queues.deadLetterQueue());
        read(exchange);
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
     * Opens the object as a stream (never read whole) with the headers the aws2-s3 consumer would have set. An object
     * that no longer exists (imported and archived already, or deleted) leaves the body empty: nothing to import.
     */
    public void open(Exchange exchange) {
        UploadNotice notice = exchange.getMessage().getBody(UploadNotice.class);
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = s3.getObject(g -> g.bucket(notice.bucket()).key(notice.key()));
        } catch (NoSuchKeyException e) {
            LOG.info("{} no longer exists (imported already, or deleted): nothing to import", notice);
            exchange.getMessage().setBody(null);
            return;
        } catch (SdkException e) {
            throw new RetryableImportException("reading " + notice + " failed", e);
        }
        exchange.setProperty(OBJECT, object);
        GetObjectResponse r = object.response();
        setHeaders(exchange, notice, r.eTag(), r.lastModified(), r.contentLength());
        exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_ENCODING, r.contentEncoding());
        exchange.getMessage().setBody(object);
        Delivery delivery = exchange.getProperty(Delivery.PROPERTY, Delivery.class);
        LOG.info("Importing {} ({} bytes, receive {} of its notification)", Printable.of(notice.key()),
                r.contentLength(), delivery.receiveCount());
    }

    /** Closes the object stream of {@link #open}: read to the end it returns its connection; cut short it is aborted, not drained. */
    public void close(Exchange exchange) {
        ResponseInputStream<?> object = exchange.getProperty(OBJECT, ResponseInputStream.class);
        if (object == null) {
            return;
        }
        exchange.removeProperty(OBJECT);
        if (exchange.getProperty(Exchange.EXCEPTION_CAUGHT) != null) {
            object.abort();
            return;
        }
        try {
            object.close();
        } catch (java.io.IOException e) {
            LOG.debug("Closing the object stream failed: {}", e.getMessage());
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
        Object body = exchange.getMessage().getBody();
        LOG.warn("Notification {} will be tried again (receive {}): {}", body instanceof UploadNotice ? body
                : "message", delivery == null ? "?" : delivery.receiveCount(),
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
        String queue = exchange.getProperty(QUEUE, queues.queue(), String.class);
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
     * visibility timeout). The file, if still waiting
     * in the incoming prefix, goes to the failed prefix with a report saying so.
     */
    public void deadLetter(Exchange exchange) {
        UploadNotice notice = exchange.getMessage().getBody(UploadNotice.class);
        HeadObjectResponse head;
        try {
            head = s3.headObject(h -> h.bucket(notice.bucket()).key(notice.key()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) { // NoSuchKey (HeadObject answers a bare 404)
                LOG.info("Dead-lettered notification for {}: the file is no longer there (imported meanwhile)", notice);
                return;
            }
            throw new RetryableImportException("reading " + notice + " failed", e);
        } catch (SdkException e) {
            throw new RetryableImportException("reading " + notice + " failed", e);
        }
        setHeaders(exchange, notice, head.eTag(), head.lastModified(), head.contentLength());
        int receives = settings.importMaxAttempts();
        fileImport.giveUp(exchange, "its upload notification was received " + receives + " times (inventory.import."
                + "max-attempts) without the import finishing (S3 or DynamoDB failing each time, or the importing "
                + "instance stopping or stalling), so the queue moved it to its dead-letter queue");
    }

    private static void setHeaders(Exchange exchange, UploadNotice notice, String eTag, Instant lastModified,
                                   Long size) {
        var in = exchange.getMessage();
        in.setHeader(AWS2S3Constants.BUCKET_NAME, notice.bucket());
        in.setHeader(AWS2S3Constants.KEY, notice.key());
        in.setHeader(AWS2S3Constants.E_TAG, eTag);
        in.setHeader(AWS2S3Constants.LAST_MODIFIED, lastModified);
        in.setHeader(AWS2S3Constants.CONTENT_LENGTH, size);
    }

    private static int receiveCount(String value) {
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
