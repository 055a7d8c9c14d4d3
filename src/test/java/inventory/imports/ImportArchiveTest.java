package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import sandbox.SandboxExtension;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Archiving moves only the upload that was imported, against the sandbox's S3 with the AWS SDK. */
class ImportArchiveTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @Test
    void anUploadReplacedDuringItsImportIsNeitherArchivedNorDeletedAndTheImportedOneIs() {
        S3Client s3 = SandboxTestSupport.s3(sandbox.endpoint());
        s3.createBucket(b -> b.bucket("archive"));
        ImportArchive archive = new ImportArchive(s3, "processed/", "failed/", "reports/", "rejected/");

        String imported = s3.putObject(p -> p.bucket("archive").key("incoming/stock.csv"),
                RequestBody.fromString("store,item,quantity\ns1,a,5\n")).eTag();
        UploadedFile file = UploadedFile.of("archive", "incoming/stock.csv", "incoming/", imported, Instant.now(), 27, 900);
        // the store uploads the same name again while the first upload is being imported
        s3.putObject(p -> p.bucket("archive").key("incoming/stock.csv"),
                RequestBody.fromString("store,item,quantity\ns9,replacement,0\n"));

        assertThat(archive.move(file, "processed/stock.csv")).isFalse();
        assertThat(s3.getObjectAsBytes(g -> g.bucket("archive").key("incoming/stock.csv")).asUtf8String())
                .contains("replacement");
        assertThat(s3.listObjectsV2(l -> l.bucket("archive").prefix("processed/")).contents()).isEmpty();

        // the newer upload's own import then archives it
        String newer = s3.headObject(h -> h.bucket("archive").key("incoming/stock.csv")).eTag();
        UploadedFile second = UploadedFile.of("archive", "incoming/stock.csv", "incoming/", newer, Instant.now(), 38, 900);
        assertThat(archive.move(second, "processed/stock.csv")).isTrue();
        assertThat(s3.listObjectsV2(l -> l.bucket("archive").prefix("incoming/")).contents()).isEmpty();
        assertThat(s3.getObjectAsBytes(g -> g.bucket("archive").key("processed/stock.csv")).asUtf8String())
                .contains("replacement");
    }
}
