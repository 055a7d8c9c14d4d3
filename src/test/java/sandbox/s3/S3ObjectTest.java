package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ObjectTest extends SandboxTestSupport {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = s3();
    }

    private static String newBucket() {
        String name = "objects-" + BUCKETS.incrementAndGet();
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String md5Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void chunkedUploadIsStoredDecodedWithMd5Etag() throws Exception {
        String bucket = newBucket();
        byte[] data = randomBytes(300_000, 1);
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("data.bin"), RequestBody.fromBytes(data));
        assertThat(put.eTag()).isEqualTo('"' + md5Hex(data) + '"');

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("data.bin"));
        assertThat(got.asByteArray()).isEqualTo(data);
        assertThat(got.response().eTag()).isEqualTo(put.eTag());
        assertThat(got.response().contentLength()).isEqualTo(data.length);
    }

    @Test
    void emptyObjectRoundTrips() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("empty"), RequestBody.empty());
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("empty"));
        assertThat(got.asByteArray()).isEmpty();
        assertThat(got.response().eTag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
    }

    @Test
    void getReturnsStoredHeadersMetadataAndChecksum() {
        String bucket = newBucket();
        byte[] data = "store,item,quantity\nS1,apple,0\n".getBytes(StandardCharsets.UTF_8);
        s3.putObject(b -> b.bucket(bucket).key("inv.csv").contentType("text/csv").contentDisposition("attachment")
                .cacheControl("no-cache").metadata(Map.of("Source", "store-1", "batch", "42")), RequestBody.fromBytes(data));

        CRC32 crc = new CRC32();
        crc.update(data);
        String expectedCrc = Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("inv.csv").checksumMode(ChecksumMode.ENABLED));
        assertThat(head.contentType()).isEqualTo("text/csv");
        assertThat(head.contentDisposition()).isEqualTo("attachment");
        assertThat(head.cacheControl()).isEqualTo("no-cache");
        assertThat(head.metadata()).containsEntry("source", "store-1").containsEntry("batch", "42");
        assertThat(head.contentLength()).isEqualTo(data.length);
        assertThat(head.checksumCRC32()).isEqualTo(expectedCrc);
        assertThat(head.acceptRanges()).isEqualTo("bytes");
        assertThat(head.lastModified().getNano()).isZero();
        assertThat(head.lastModified()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("inv.csv")
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(got.response().checksumCRC32()).isEqualTo(expectedCrc);
        assertThat(got.asUtf8String()).isEqualTo(new String(data, StandardCharsets.UTF_8));
    }

    @Test
    void contentTypeDefaultsToBinaryOctetStream() throws Exception {
        String bucket = newBucket();
        HttpResponse<String> put = RawHttp.send(endpoint, "PUT", "/" + bucket + "/plain", Map.of(), "abc".getBytes());
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(s3.headObject(b -> b.bucket(bucket).key("plain")).contentType()).isEqualTo("binary/octet-stream");
    }

    @Test
    void otherChecksumAlgorithmsAreVerifiedAndReturned() {
        String bucket = newBucket();
        byte[] data = randomBytes(70_000, 2);
        for (ChecksumAlgorithm a : List.of(ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)) {
            String key = "sum-" + a;
            s3.putObject(b -> b.bucket(bucket).key(key).checksumAlgorithm(a), RequestBody.fromBytes(data));
            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)
                    .checksumMode(ChecksumMode.ENABLED));
            assertThat(got.asByteArray()).isEqualTo(data);
            switch (a) {
                case CRC32_C -> assertThat(got.response().checksumCRC32C()).isNotBlank();
                case SHA1 -> assertThat(got.response().checksumSHA1()).isNotBlank();
                default -> assertThat(got.response().checksumSHA256()).isNotBlank();
            }
        }
    }

    @Test
    void wrongChecksumHeaderIsRejectedAndNothingStored() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("bad").checksumCRC32("AAAAAA=="),
                RequestBody.fromString("hello")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                });
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("bad"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void wrongTrailerChecksumIsRejected() throws Exception {
        String bucket = newBucket();
        byte[] data = "hello trailer".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = RawHttp.send(endpoint, "PUT", "/" + bucket + "/t", chunkedHeaders(data.length),
                chunked(data, "x-amz-checksum-crc32:AAAAAA=="));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>BadDigest</Code>");
        assertThat(s3.listObjects(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void correctTrailerChecksumWithSignedChunksIsAccepted() throws Exception {
        String bucket = newBucket();
        byte[] data = randomBytes(20_000, 3);
        CRC32 crc = new CRC32();
        crc.update(data);
        String value = Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        Map<String, String> headers = new java.util.HashMap<>(chunkedHeaders(data.length));
        headers.put("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
        HttpResponse<String> r = RawHttp.send(endpoint, "PUT", "/" + bucket + "/signed", headers,
                chunked(data, "x-amz-checksum-crc32:" + value + "\r\nx-amz-trailer-signature:abcdef"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("signed")).asByteArray()).isEqualTo(data);
    }

    @Test
    void decodedLengthMismatchIsIncompleteBody() throws Exception {
        String bucket = newBucket();
        byte[] data = "12345".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = RawHttp.send(endpoint, "PUT", "/" + bucket + "/short", chunkedHeaders(99),
                chunked(data, null));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>IncompleteBody</Code>");
    }

    @Test
    void contentMd5MismatchIsBadDigest() throws Exception {
        String bucket = newBucket();
        String wrongMd5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest("other".getBytes()));
        HttpResponse<String> r = RawHttp.send(endpoint, "PUT", "/" + bucket + "/md5", Map.of("Content-MD5", wrongMd5),
                "payload".getBytes());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>BadDigest</Code>").contains("<RequestId>");
        assertThat(r.headers().firstValue("x-amz-request-id")).isPresent();
        String goodMd5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest("payload".getBytes()));
        assertThat(RawHttp.send(endpoint, "PUT", "/" + bucket + "/md5", Map.of("Content-MD5", goodMd5),
                "payload".getBytes()).statusCode()).isEqualTo(200);
    }

    /** aws-chunked headers as the SDK sends them, for a body of {@code decoded} bytes. */
    static Map<String, String> chunkedHeaders(long decoded) {
        return Map.of("Content-Encoding", "aws-chunked", "x-amz-decoded-content-length", Long.toString(decoded),
                "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "x-amz-trailer", "x-amz-checksum-crc32");
    }

    /** Frames {@code data} as aws-chunked in 8 KiB chunks, then the trailer lines (or none). */
    static byte[] chunked(byte[] data, String trailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < data.length; off += 8192) {
            int n = Math.min(8192, data.length - off);
            out.writeBytes((Integer.toHexString(n) + ";chunk-signature=00\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, off, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n".getBytes(StandardCharsets.US_ASCII));
        if (trailer != null) {
            out.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void keysAreDataNotPaths() {
        String bucket = newBucket();
        List<String> keys = List.of("with space.csv", "ünïcödé/日本語.csv", "../escape", "a/../b", "percent%20sign",
                "plus+sign", "Case.csv", "case.csv", "double//slash", "emoji-\uD83D\uDE00", "q?x=1&y#frag", "tab\tkey");
        for (String k : keys) {
            s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString("v:" + k));
        }
        for (String k : keys) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(k)).asUtf8String()).isEqualTo("v:" + k);
        }
        assertThat(s3.listObjects(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void keyOver1024BytesIsKeyTooLong() {
        String bucket = newBucket();
        String key = "k".repeat(1025);
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("KeyTooLongError"));
        s3.putObject(b -> b.bucket(bucket).key("k".repeat(1024)), RequestBody.fromString("x"));
    }

    @Test
    void missingKeyAndBucketAnswer404Shapes() throws Exception {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("nope")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket("no-such-bucket-x").key("k")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket(bucket).key("nope")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));

        HttpResponse<String> get = RawHttp.send(endpoint, "GET", "/" + bucket + "/nope", Map.of(), null);
        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(get.body()).contains("<Error><Code>NoSuchKey</Code>").contains("<Key>nope</Key>")
                .contains("<Resource>/" + bucket + "/nope</Resource>").contains("<RequestId>");
        HttpResponse<String> head = RawHttp.send(endpoint, "HEAD", "/" + bucket + "/nope", Map.of(), null);
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void rangedGetReturns206WithContentRange() {
        String bucket = newBucket();
        byte[] data = randomBytes(10_000, 4);
        s3.putObject(b -> b.bucket(bucket).key("r"), RequestBody.fromBytes(data));

        ResponseBytes<GetObjectResponse> mid = s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=100-199"));
        assertThat(mid.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 200));
        assertThat(mid.response().contentRange()).isEqualTo("bytes 100-199/10000");
        assertThat(mid.response().contentLength()).isEqualTo(100);

        ResponseBytes<GetObjectResponse> tail = s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=-10")
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(tail.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 9990, 10000));
        assertThat(tail.response().checksumCRC32()).isNull();

        ResponseBytes<GetObjectResponse> open = s3.getObjectAsBytes(b -> b.bucket(bucket).key("r").range("bytes=9000-"));
        assertThat(open.asByteArray()).hasSize(1000);

        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("r").range("bytes=20000-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(416);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");
                });
    }

    @Test
    void conditionalGetHonoursEtagsAndDates() {
        String bucket = newBucket();
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("c"), RequestBody.fromString("v1"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("c").ifMatch(put.eTag())).asUtf8String()).isEqualTo("v1");
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("c").ifMatch("\"0000\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("c").ifNoneMatch(put.eTag())))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("c").ifModifiedSince(Instant.now().plusSeconds(60))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
    }

    @Test
    void conditionalPutCreatesOnlyOnce() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("once").ifNoneMatch("*"), RequestBody.fromString("first"));
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("once").ifNoneMatch("*"),
                RequestBody.fromString("second")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("once")).asUtf8String()).isEqualTo("first");
    }

    @Test
    void overwriteReplacesContentAndEtag() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("o"), RequestBody.fromString("one"));
        PutObjectResponse second = s3.putObject(b -> b.bucket(bucket).key("o"), RequestBody.fromString("two!"));
        GetObjectResponse r = s3.getObjectAsBytes(b -> b.bucket(bucket).key("o")).response();
        assertThat(r.eTag()).isEqualTo(second.eTag());
        assertThat(r.contentLength()).isEqualTo(4);
        assertThat(s3.listObjects(b -> b.bucket(bucket)).contents()).hasSize(1);
    }

    @Test
    void copyThenDeleteMovesAnObject() {
        String bucket = newBucket();
        String other = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("incoming/a b.csv").contentType("text/csv").metadata(Map.of("m", "1")),
                RequestBody.fromString("data"));
        CopyObjectResponse copy = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("incoming/a b.csv")
                .destinationBucket(other).destinationKey("processed/a b.csv"));
        assertThat(copy.copyObjectResult().eTag()).isEqualTo(s3.headObject(b -> b.bucket(bucket).key("incoming/a b.csv")).eTag());
        assertThat(copy.copyObjectResult().lastModified()).isNotNull();
        s3.deleteObject(b -> b.bucket(bucket).key("incoming/a b.csv"));

        assertThat(s3.listObjects(b -> b.bucket(bucket)).contents()).isEmpty();
        HeadObjectResponse moved = s3.headObject(b -> b.bucket(other).key("processed/a b.csv"));
        assertThat(moved.contentType()).isEqualTo("text/csv");
        assertThat(moved.metadata()).containsEntry("m", "1");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(other).key("processed/a b.csv")).asUtf8String()).isEqualTo("data");
    }

    @Test
    void copyWithReplaceTakesNewMetadata() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("src").metadata(Map.of("old", "1")), RequestBody.fromString("x"));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("src").destinationBucket(bucket).destinationKey("src")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("new", "2")).contentType("text/plain"));
        HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key("src"));
        assertThat(h.metadata()).containsOnlyKeys("new");
        assertThat(h.contentType()).isEqualTo("text/plain");
    }

    @Test
    void copyOntoItselfWithoutReplaceIsInvalidRequest() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("self"), RequestBody.fromString("x"));
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("self")
                .destinationBucket(bucket).destinationKey("self")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
                });
    }

    @Test
    void copyOfMissingSourceIsNoSuchKey() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("ghost")
                .destinationBucket(bucket).destinationKey("x")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void deleteObjectAnswers204WhetherOrNotTheKeyExists() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("d"), RequestBody.fromString("x"));
        assertThat(s3.deleteObject(b -> b.bucket(bucket).key("d")).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThat(s3.deleteObject(b -> b.bucket(bucket).key("d")).sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThat(RawHttp.send(endpoint, "DELETE", "/" + bucket + "/never", Map.of(), null).statusCode()).isEqualTo(204);
    }

    @Test
    void aDeleteConditionalOnAnEtagDeletesOnlyThatVersion() {
        String bucket = newBucket();
        PutObjectResponse first = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("first"));
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("second, uploaded meanwhile"));

        assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch(first.eTag())))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).startsWith("second");

        String current = s3.headObject(b -> b.bucket(bucket).key("k")).eTag();
        assertThat(s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch(current)).sdkHttpResponse().statusCode())
                .isEqualTo(204);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatch(current)))
                .as("nothing to match: the key is gone").isInstanceOf(NoSuchKeyException.class);

        s3.putObject(b -> b.bucket(bucket).key("any"), RequestBody.fromString("x"));
        assertThat(s3.deleteObject(b -> b.bucket(bucket).key("any").ifMatch("*")).sdkHttpResponse().statusCode())
                .isEqualTo(204);
        assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key("any").ifMatch("*")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.deleteObject(b -> b.bucket(bucket).key("k").ifMatchSize(1L)))
                .as("directory buckets only").isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.statusCode()).isEqualTo(501));
    }

    @Test
    void deleteObjectsReportsDeletedKeysUnlessQuiet() {
        String bucket = newBucket();
        for (String k : List.of("a", "b", "c", "d")) {
            s3.putObject(b -> b.bucket(bucket).key(k), RequestBody.fromString(k));
        }
        DeleteObjectsResponse verbose = s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder()
                .objects(ObjectIdentifier.builder().key("a").build(), ObjectIdentifier.builder().key("missing").build())
                .build()));
        assertThat(verbose.deleted()).extracting(d -> d.key()).containsExactly("a", "missing");
        assertThat(verbose.errors()).isEmpty();

        DeleteObjectsResponse quiet = s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().quiet(true)
                .objects(ObjectIdentifier.builder().key("b").build(), ObjectIdentifier.builder().key("c").build())
                .build()));
        assertThat(quiet.deleted()).isEmpty();
        assertThat(quiet.errors()).isEmpty();
        assertThat(s3.listObjects(b -> b.bucket(bucket)).contents()).extracting(o -> o.key()).containsExactly("d");
    }

    @Test
    void deleteObjectsWithoutIntegrityHeaderIsRejected() throws Exception {
        String bucket = newBucket();
        HttpResponse<String> r = RawHttp.send(endpoint, "POST", "/" + bucket + "?delete", Map.of(),
                "<Delete><Object><Key>a</Key></Object></Delete>".getBytes());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<Code>InvalidRequest</Code>");
    }

    @Test
    void bodiesWithoutALengthAreRejectedAsS3Does() throws Exception {
        String bucket = newBucket();
        String chunkedTransfer = RawHttp.socket(endpoint, "PUT /" + bucket + "/te HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: chunked", "3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(chunkedTransfer).startsWith("HTTP/1.1 501").contains("<Header>Transfer-Encoding</Header>");
        String noLength = RawHttp.socket(endpoint, "PUT /" + bucket + "/nolength HTTP/1.1\r\nHost: 127.0.0.1",
                new byte[0]);
        assertThat(noLength).startsWith("HTTP/1.1 411").contains("<Code>MissingContentLength</Code>");
        assertThat(s3.listObjects(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void archivedObjectsCannotBeReadButCanBeHeaded() {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("cold").storageClass("GLACIER"), RequestBody.fromString("x"));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("cold")).storageClassAsString()).isEqualTo("GLACIER");
        assertThatThrownBy(() -> s3.getObject(b -> b.bucket(bucket).key("cold")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidObjectState");
                });
        assertThat(s3.listObjects(b -> b.bucket(bucket)).contents().get(0).storageClassAsString()).isEqualTo("GLACIER");
    }

    @Test
    void metadataOver2KbIsRejected() {
        String bucket = newBucket();
        assertThatThrownBy(() -> s3.putObject(b -> b.bucket(bucket).key("m").metadata(Map.of("big", "x".repeat(2100))),
                RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MetadataTooLarge"));
    }
}
