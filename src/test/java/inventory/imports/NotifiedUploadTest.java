package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The events route's state for one notified upload: one typed object per split exchange, its stream let go once. */
class NotifiedUploadTest {

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    private final UploadNotice notice = new UploadNotice("bucket", "incoming/a.csv", "ObjectCreated:Put", 3);
    private final List<String> told = new CopyOnWriteArrayList<>();

    @Test
    void noUploadUntilTheNameStepBeginsOneThenOneObjectUnderOneProperty() {
        assertThat(NotifiedUpload.find(exchange)).isNull();
        NotifiedUpload upload = NotifiedUpload.begin(exchange, notice);
        assertThat(NotifiedUpload.find(exchange)).isSameAs(upload);
        assertThat(upload.notice()).isEqualTo(notice);
        assertThat(exchange.getProperties()).containsOnlyKeys(NotifiedUpload.PROPERTY);
    }

    @Test
    void anImportCutShortAbortsTheDownloadInsteadOfReadingTheRestToCloseIt() {
        NotifiedUpload upload = NotifiedUpload.begin(exchange, notice);
        upload.opened(object());
        upload.release(true);
        upload.release(true);
        // aborted first, once: the connection is dropped, so the SDK's close after it reads nothing more
        assertThat(told).containsExactly("abort", "close");
    }

    @Test
    void anObjectReadToTheEndIsClosedOnceNotAborted() {
        NotifiedUpload upload = NotifiedUpload.begin(exchange, notice);
        upload.opened(object());
        upload.release(false);
        upload.release(true);
        assertThat(told).containsExactly("close");
    }

    @Test
    void nothingToReleaseWhenNoObjectWasOpened() {
        NotifiedUpload.begin(exchange, notice).release(true);
        assertThat(told).isEmpty();
    }

    /** What the aws2-s3 producer's GetObject leaves as the body: the SDK's stream, abortable, noting what it is told. */
    private ResponseInputStream<GetObjectResponse> object() {
        var body = new ByteArrayInputStream("a,b\n".getBytes()) {
            @Override
            public void close() throws IOException {
                told.add("close");
                super.close();
            }
        };
        return new ResponseInputStream<>(GetObjectResponse.builder().build(),
                AbortableInputStream.create(body, () -> told.add("abort")));
    }
}
