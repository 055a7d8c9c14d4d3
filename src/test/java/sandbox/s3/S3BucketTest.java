package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3BucketTest extends SandboxTestSupport {

    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = s3();
    }

    @Test
    void createdBucketIsListedAndHeadable() {
        CreateBucketResponse created = s3.createBucket(b -> b.bucket("inventory-uploads"));
        assertThat(created.location()).isEqualTo("/inventory-uploads");
        HeadBucketResponse head = s3.headBucket(b -> b.bucket("inventory-uploads"));
        assertThat(head.bucketRegion()).isEqualTo("us-east-1");
        ListBucketsResponse list = s3.listBuckets();
        assertThat(list.buckets()).extracting(b -> b.name()).contains("inventory-uploads");
        assertThat(list.buckets()).filteredOn(b -> b.name().equals("inventory-uploads"))
                .allSatisfy(b -> assertThat(b.creationDate()).isNotNull());
        assertThat(list.owner().id()).hasSize(64);
    }

    @Test
    void recreatingYourOwnBucketInUsEast1Succeeds() {
        s3.createBucket(b -> b.bucket("twice"));
        s3.putObject(b -> b.bucket("twice").key("k"), RequestBody.fromString("kept"));
        assertThat(s3.createBucket(b -> b.bucket("twice")).sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("twice").key("k")).asUtf8String()).isEqualTo("kept");
    }

    @Test
    void invalidBucketNamesAreRejected() throws Exception {
        // the SDK checks names itself before sending, so these go over plain HTTP
        for (String name : new String[] {"ab", "Upper-Case", "-leading", "trailing-", "two..dots", "192.168.1.1",
                "xn--punycode", "under_score", "a".repeat(64), "ends--x-s3"}) {
            HttpResponse<String> r = RawHttp.send(endpoint, "PUT", "/" + name, Map.of(), new byte[0]);
            assertThat(r.statusCode()).as(name).isEqualTo(400);
            assertThat(r.body()).as(name).contains("<Code>InvalidBucketName</Code>")
                    .contains("<BucketName>" + name + "</BucketName>");
        }
        s3.createBucket(b -> b.bucket("a.valid-name.123"));
        assertThat(s3.headBucket(b -> b.bucket("a.valid-name.123")).sdkHttpResponse().isSuccessful()).isTrue();
    }

    @Test
    void locationConstraintUsEast1IsInvalidOnUsEast1() {
        assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("constrained").createBucketConfiguration(c -> c
                .locationConstraint("us-east-1"))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidLocationConstraint"));
        s3.createBucket(b -> b.bucket("in-ireland").createBucketConfiguration(c -> c
                .locationConstraint(BucketLocationConstraint.EU_WEST_1)));
        assertThat(s3.getBucketLocation(b -> b.bucket("in-ireland")).locationConstraint())
                .isEqualTo(BucketLocationConstraint.EU_WEST_1);
    }

    @Test
    void deleteOfNonEmptyBucketIsBucketNotEmpty() {
        s3.createBucket(b -> b.bucket("full"));
        s3.putObject(b -> b.bucket("full").key("x"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("full")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
                });
        s3.deleteObject(b -> b.bucket("full").key("x"));
        assertThat(s3.deleteBucket(b -> b.bucket("full")).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("full"))).isInstanceOf(NoSuchBucketException.class);
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).doesNotContain("full");
    }

    @Test
    void missingBucketIsNoSuchBucketEverywhere() throws Exception {
        assertThatThrownBy(() -> s3.listObjects(b -> b.bucket("ghost-bucket"))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("ghost-bucket"))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket("ghost-bucket").key("k"), RequestBody.fromString("x")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.deleteBucket(b -> b.bucket("ghost-bucket"))).isInstanceOf(NoSuchBucketException.class);
        HttpResponse<String> r = RawHttp.send(endpoint, "GET", "/ghost-bucket", Map.of(), null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("<Code>NoSuchBucket</Code>").contains("<BucketName>ghost-bucket</BucketName>");
    }

    @Test
    void unsupportedSubresourcesAnswerNotImplemented() throws Exception {
        s3.createBucket(b -> b.bucket("features"));
        assertThatThrownBy(() -> s3.getBucketAcl(b -> b.bucket("features")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        assertThatThrownBy(() -> s3.getBucketPolicy(b -> b.bucket("features")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
        HttpResponse<String> post = RawHttp.send(endpoint, "POST", "/features",
                Map.of("Content-Type", "multipart/form-data; boundary=x"), "--x--".getBytes());
        assertThat(post.statusCode()).isEqualTo(501);
        String vhost = RawHttp.socket(endpoint, "GET /key HTTP/1.1\r\nHost: features.localhost:" + endpoint.getPort(),
                new byte[0]);
        assertThat(vhost).startsWith("HTTP/1.1 501").contains("<Code>NotImplemented</Code>");
        assertThat(s3.getBucketVersioning(b -> b.bucket("features")).status()).isNull();
    }
}
