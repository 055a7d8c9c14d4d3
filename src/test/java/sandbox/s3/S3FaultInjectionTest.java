package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import sandbox.core.SandboxContext;
import sandbox.core.SandboxRequest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3FaultInjectionTest extends SandboxTestSupport {

    @AfterEach
    void clear() {
        sandbox.faults().clear();
    }

    @Test
    void getObjectFaultsHitOnlyGetObject() throws Exception {
        S3Client s3 = s3();
        s3.createBucket(b -> b.bucket("faulty"));
        s3.putObject(b -> b.bucket("faulty").key("k"), RequestBody.fromString("v"));
        sandbox.faults().add(Json.parse("{\"service\":\"s3\",\"operation\":\"GetObject\",\"status\":503,"
                + "\"code\":\"SlowDown\",\"message\":\"Please reduce your request rate.\",\"count\":10}"));

        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("faulty").key("k")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                });
        HttpResponse<String> raw = RawHttp.send(endpoint, "GET", "/faulty/k", Map.of(), null);
        assertThat(raw.statusCode()).isEqualTo(503);
        assertThat(raw.body()).contains("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>");
        assertThat(raw.headers().firstValue("x-amz-request-id")).isPresent();

        assertThat(s3.headObject(b -> b.bucket("faulty").key("k")).contentLength()).isEqualTo(1);
        assertThat(s3.listObjects(b -> b.bucket("faulty")).contents()).hasSize(1);
    }

    @Test
    void cutAfterBytesBreaksTheConnectionPartWayThroughTheBody() throws Exception {
        S3Client s3 = s3();
        s3.createBucket(b -> b.bucket("cut"));
        String body = "x".repeat(100_000);
        s3.putObject(b -> b.bucket("cut").key("k"), RequestBody.fromString(body));
        sandbox.faults().add(Json.parse("{\"service\":\"s3\",\"operation\":\"GetObject\",\"cutAfterBytes\":1000,\"count\":1}"));

        // the headers promise the whole object; the body ends after 1000 bytes
        HttpResponse<java.io.InputStream> raw = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(endpoint.resolve("/cut/k")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Length")).contains("100000");
        byte[] got = new byte[200_000];
        int n = 0;
        try (java.io.InputStream in = raw.body()) {
            for (int r; (r = in.read(got, n, got.length - n)) > 0; ) {
                n += r;
            }
        } catch (java.io.IOException expected) {
            // the connection was cut
        }
        assertThat(n).isEqualTo(1000);
        // count 1: the next read is whole again
        assertThat(s3.getObjectAsBytes(b -> b.bucket("cut").key("k")).asUtf8String()).isEqualTo(body);
    }

    @Test
    void responseDelayMsAnswersLateAfterTheRequestTookEffect() throws Exception {
        S3Client s3 = s3();
        s3.createBucket(b -> b.bucket("late"));
        sandbox.faults().add(Json.parse("{\"service\":\"s3\",\"operation\":\"PutObject\",\"responseDelayMs\":1500,\"count\":1}"));

        // the client gives up waiting, yet the object was stored: a write whose answer was lost
        var put = java.net.http.HttpRequest.newBuilder(endpoint.resolve("/late/k")).timeout(java.time.Duration.ofMillis(300))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("v")).build();
        assertThatThrownBy(() -> java.net.http.HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(s3.getObjectAsBytes(b -> b.bucket("late").key("k")).asUtf8String()).isEqualTo("v");
    }

    @Test
    void aFaultNeedsSomethingToDo() {
        assertThatThrownBy(() -> sandbox.faults().add(Json.parse("{\"service\":\"s3\"}")))
                .hasMessageContaining("cutAfterBytes");
        assertThatThrownBy(() -> sandbox.faults().add(Json.parse("{\"status\":500,\"cutAfterBytes\":10}")))
                .hasMessageContaining("cutAfterBytes");
    }

    @Test
    void operationNamesFollowTheS3Api() throws Exception {
        S3Service s3 = new S3Service(new SandboxContext(SandboxConfig.ephemeral(), endpoint));
        Map<String, String> expected = Map.ofEntries(
                Map.entry("GET /", "ListBuckets"), Map.entry("PUT /b", "CreateBucket"), Map.entry("HEAD /b", "HeadBucket"),
                Map.entry("DELETE /b", "DeleteBucket"), Map.entry("GET /b", "ListObjects"),
                Map.entry("GET /b?list-type=2", "ListObjectsV2"), Map.entry("GET /b?location", "GetBucketLocation"),
                Map.entry("GET /b?uploads", "ListMultipartUploads"), Map.entry("POST /b?delete", "DeleteObjects"),
                Map.entry("GET /b?acl", "GetBucketAcl"), Map.entry("PUT /b?versioning", "PutBucketVersioning"),
                Map.entry("PUT /b/k", "PutObject"), Map.entry("GET /b/k", "GetObject"),
                Map.entry("GET /b/k?x-id=GetObject", "GetObject"), Map.entry("HEAD /b/k", "HeadObject"),
                Map.entry("DELETE /b/k", "DeleteObject"), Map.entry("POST /b/k?uploads", "CreateMultipartUpload"),
                Map.entry("PUT /b/k?partNumber=1&uploadId=u", "UploadPart"),
                Map.entry("POST /b/k?uploadId=u", "CompleteMultipartUpload"),
                Map.entry("DELETE /b/k?uploadId=u", "AbortMultipartUpload"), Map.entry("GET /b/k?uploadId=u", "ListParts"),
                Map.entry("GET /b/k?tagging", "GetObjectTagging"), Map.entry("PUT /b/k?legal-hold", "PutObjectLegalHold"));
        expected.forEach((request, op) -> {
            String[] parts = request.split(" ");
            assertThat(s3.operation(SandboxRequest.of(parts[0], parts[1], Map.of(), new byte[0])))
                    .as(request).isEqualTo(op);
        });
        assertThat(s3.operation(SandboxRequest.of("PUT", "/b/k",
                Map.of("x-amz-copy-source", java.util.List.of("/a/b")), new byte[0]))).isEqualTo("CopyObject");
        assertThat(s3.operation(SandboxRequest.of("PUT", "/b/k?partNumber=2&uploadId=u",
                Map.of("x-amz-copy-source", java.util.List.of("/a/b")), new byte[0]))).isEqualTo("UploadPartCopy");
        s3.close();
    }
}
