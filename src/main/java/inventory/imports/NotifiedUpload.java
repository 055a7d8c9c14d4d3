package inventory.imports;

import java.io.IOException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * One upload a notification names ({@code events} mode), carried on the split exchange that imports it as one typed
 * object: the notice, and the S3 object stream the aws2-s3 producer opened for it, until the route is done with it.
 * Each notice of a message has its own: Camel gives every split exchange its own copy of the property map.
 */
public final class NotifiedUpload {

    /** The exchange property holding it. */
    public static final String PROPERTY = "inventoryNotifiedUpload";
    private static final Logger LOG = LoggerFactory.getLogger(NotifiedUpload.class);

    private final UploadNotice notice;
    private ResponseInputStream<?> object;

    private NotifiedUpload(UploadNotice notice) {
        this.notice = notice;
    }

    /** Begins the work on {@code notice} on this exchange. */
    static NotifiedUpload begin(Exchange exchange, UploadNotice notice) {
        NotifiedUpload upload = new NotifiedUpload(notice);
        exchange.setProperty(PROPERTY, upload);
        return upload;
    }

    /** The upload this exchange works on, or null before {@link #begin} (not a notice of an importable upload). */
    public static NotifiedUpload find(Exchange exchange) {
        return exchange.getProperty(PROPERTY, NotifiedUpload.class);
    }

    public UploadNotice notice() {
        return notice;
    }

    void opened(ResponseInputStream<?> stream) {
        object = stream;
    }

    /**
     * Lets go of the object stream, once: read to the end it is closed (its connection goes back to the pool); cut
     * short it is aborted, since closing would first read the rest of a file that may be GBs.
     */
    void release(boolean cutShort) {
        ResponseInputStream<?> stream = object;
        object = null;
        if (stream == null) {
            return;
        }
        if (cutShort) {
            stream.abort();
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("Closing the object stream failed: {}", e.getMessage());
        }
    }
}
