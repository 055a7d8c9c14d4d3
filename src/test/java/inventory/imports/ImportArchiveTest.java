package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;

/** Archiving moves only the upload that was imported, against the sandbox's S3 with the AWS SDK. */
class ImportArchiveTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @Test
    void anUploadReplacedDuringItsImportIsNeitherArchivedNorDeletedAndTheImportedOneIs() {
        S3Client s3 = SandboxTestSupport.s3(sandbox.endpoint());
        s3.createBucket(b -> b.bucket("archive"));
        ImportArchive archive = new ImportArchive(s3, "processed/", "failed/", "reports/", "rejected/");

        UploadedFile file = upload(s3, "archive", "store,item,quantity\ns1,a,5\n");
        // the store uploads the same name again while the first upload is being imported
        s3.putObject(p -> p.bucket("archive").key("incoming/stock.csv"),
                RequestBody.fromString("store,item,quantity\ns9,replacement,0\n"));

        assertThat(archive.move(file, "processed/stock.csv")).isEqualTo(ImportArchive.Move.REPLACED_BEFORE_COPY);
        assertThat(s3.getObjectAsBytes(g -> g.bucket("archive").key("incoming/stock.csv")).asUtf8String())
                .contains("replacement");
        assertThat(s3.listObjectsV2(l -> l.bucket("archive").prefix("processed/")).contents()).isEmpty();

        // the newer upload's own import then archives it
        String newer = s3.headObject(h -> h.bucket("archive").key("incoming/stock.csv")).eTag();
        UploadedFile second = UploadedFile.of("archive", "incoming/stock.csv", "incoming/", newer, Instant.now(), 38, 900);
        assertThat(archive.move(second, "processed/stock.csv")).isEqualTo(ImportArchive.Move.MOVED);
        assertThat(s3.listObjectsV2(l -> l.bucket("archive").prefix("incoming/")).contents()).isEmpty();
        assertThat(s3.getObjectAsBytes(g -> g.bucket("archive").key("processed/stock.csv")).asUtf8String())
                .contains("replacement");
    }

    @Test
    void anUploadLandingBetweenTheCopyAndTheDeleteIsNotDeleted() {
        S3Client store = SandboxTestSupport.s3(sandbox.endpoint());
        store.createBucket(b -> b.bucket("archive-late"));
        AtomicBoolean uploaded = new AtomicBoolean();
        // the store's upload reaches S3 just before the archive's delete does
        ExecutionInterceptor lateUpload = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof DeleteObjectRequest && uploaded.compareAndSet(false, true)) {
                    store.putObject(p -> p.bucket("archive-late").key("incoming/stock.csv"),
                            RequestBody.fromString("store,item,quantity\ns9,late,0\n"));
                }
            }
        };
        S3Client s3 = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(SandboxTestSupport.credentials())
                .forcePathStyle(true).overrideConfiguration(o -> o.addExecutionInterceptor(lateUpload)).build();
        ImportArchive archive = new ImportArchive(s3, "processed/", "failed/", "reports/", "rejected/");
        UploadedFile file = upload(store, "archive-late", "store,item,quantity\ns1,a,5\n");

        assertThat(archive.move(file, "processed/stock.csv")).isEqualTo(ImportArchive.Move.REPLACED_AFTER_COPY);
        assertThat(uploaded).isTrue();
        assertThat(store.getObjectAsBytes(g -> g.bucket("archive-late").key("processed/stock.csv")).asUtf8String())
                .as("the imported upload is archived").contains("s1,a,5");
        assertThat(store.getObjectAsBytes(g -> g.bucket("archive-late").key("incoming/stock.csv")).asUtf8String())
                .as("the late upload stays for its own import").contains("late");
    }

    private static UploadedFile upload(S3Client s3, String bucket, String csv) {
        String etag = s3.putObject(p -> p.bucket(bucket).key("incoming/stock.csv"), RequestBody.fromString(csv)).eTag();
        return UploadedFile.of(bucket, "incoming/stock.csv", "incoming/", etag, Instant.now(), csv.length(), 900);
    }
}
