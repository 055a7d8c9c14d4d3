package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
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

/** Telling a key gone from a refused one by listing the incoming prefix, against the sandbox's S3 with the AWS SDK. */
class IncomingListingTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @Test
    void aKeyIsListedOnlyWhileItIsThereWhateverSitsBesideItAndAcrossPages() {
        S3Client s3 = SandboxTestSupport.s3(sandbox.endpoint());
        s3.createBucket(b -> b.bucket("listing"));
        // keys that sort between the key's own prefix and the key: more than one page of them (1000 a page)
        for (int i = 0; i < 1005; i++) {
            put(s3, "incoming/a.cs" + String.format("%04d", i));
        }
        for (String key : new String[] {"incoming/a.csv", "incoming/a.csv.gz", "incoming/b.csv", "incoming/é.csv",
                "processed/c.csv"}) {
            put(s3, key);
        }
        AtomicInteger pages = new AtomicInteger();
        S3Client counting = S3Client.builder().endpointOverride(sandbox.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(SandboxTestSupport.credentials()).forcePathStyle(true)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        pages.incrementAndGet();
                    }
                })).build();
        IncomingListing incoming = new IncomingListing(counting, "listing", "incoming/");

        assertThat(incoming.lists("incoming/a.csv")).isTrue();
        assertThat(pages.get()).as("past the 1005 keys before it").isEqualTo(2);
        assertThat(incoming.lists("incoming/a.csv.gz")).isTrue();
        assertThat(incoming.lists("incoming/é.csv")).isTrue();
        assertThat(incoming.lists("incoming/a.csw")).isFalse();
        assertThat(incoming.lists("incoming/a.cs")).isFalse();
        assertThat(incoming.lists("incoming/zz.csv")).isFalse();
        assertThat(incoming.lists("processed/c.csv")).as("outside the prefix").isFalse();

        s3.deleteObject(d -> d.bucket("listing").key("incoming/a.csv"));
        assertThat(incoming.lists("incoming/a.csv")).isFalse();
    }

    private static void put(S3Client s3, String key) {
        s3.putObject(p -> p.bucket("listing").key(key), RequestBody.fromString("x"));
    }
}
