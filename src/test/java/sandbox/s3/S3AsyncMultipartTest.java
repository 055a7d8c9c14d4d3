package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The SDK's own multipart client (async, Java-based): parallel UploadParts and partNumber downloads. */
class S3AsyncMultipartTest extends SandboxTestSupport {

    @Test
    void multipartClientUploadsAndDownloadsByPart() {
        byte[] data = new byte[20 * 1024 * 1024 + 333];
        new Random(9).nextBytes(data);
        try (S3AsyncClient s3 = S3AsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).forcePathStyle(true).multipartEnabled(true).build()) {
            s3.createBucket(b -> b.bucket("async-multipart")).join();
            s3.putObject(b -> b.bucket("async-multipart").key("big.bin"), AsyncRequestBody.fromBytes(data)).join();
            byte[] back = s3.getObject(b -> b.bucket("async-multipart").key("big.bin"),
                    AsyncResponseTransformer.toBytes()).join().asByteArray();
            assertThat(back).isEqualTo(data);
            assertThat(s3.headObject(b -> b.bucket("async-multipart").key("big.bin")).join().eTag()).contains("-");
        }
    }
}
