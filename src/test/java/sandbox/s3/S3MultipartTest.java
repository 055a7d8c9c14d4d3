package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

class S3MultipartTest extends SandboxTestSupport {

    private static final int MIB = 1024 * 1024;
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = s3();
    }

    private static String newBucket() {
        String name = "multipart-" + BUCKETS.incrementAndGet();
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String start(String bucket, String key, ChecksumAlgorithm algorithm) {
        return s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType("text/csv").checksumAlgorithm(algorithm))
                .uploadId();
    }

    private static CompletedPart upload(String bucket, String key, String uploadId, int number, byte[] data) {
        UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(data));
        return CompletedPart.builder().partNumber(number).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build();
    }

    @Test
    void completedUploadIsThePartsInOrderWithMultipartEtag() throws Exception {
        String bucket = newBucket();
        byte[][] parts = {randomBytes(5 * MIB, 1), randomBytes(5 * MIB + 7, 2), randomBytes(1234, 3)};
        String id = start(bucket, "big.csv", ChecksumAlgorithm.CRC32);
        List<CompletedPart> done = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            done.add(upload(bucket, "big.csv", id, i + 1, parts[i]));
        }
        CompleteMultipartUploadResponse c = s3.completeMultipartUpload(b -> b.bucket(bucket).key("big.csv").uploadId(id)
                .multipartUpload(m -> m.parts(done)));

        MessageDigest md5s = MessageDigest.getInstance("MD5");
        ByteArrayOutputStream crcs = new ByteArrayOutputStream();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            md5s.update(MessageDigest.getInstance("MD5").digest(p));
            crcs.writeBytes(crc32(p));
            all.writeBytes(p);
        }
        String etag = '"' + HexFormat.of().formatHex(md5s.digest()) + "-3\"";
        assertThat(c.eTag()).isEqualTo(etag);
        CRC32 composite = new CRC32();
        composite.update(crcs.toByteArray());
        String compositeValue = Base64.getEncoder().encodeToString(
                java.nio.ByteBuffer.allocate(4).putInt((int) composite.getValue()).array()) + "-3";
        assertThat(c.checksumCRC32()).isEqualTo(compositeValue);

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big.csv")
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(got.asByteArray()).isEqualTo(all.toByteArray());
        assertThat(got.response().eTag()).isEqualTo(etag);
        assertThat(got.response().contentType()).isEqualTo("text/csv");
        assertThat(got.response().checksumCRC32()).isEqualTo(compositeValue);

        ResponseBytes<GetObjectResponse> second = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big.csv").partNumber(2));
        assertThat(second.asByteArray()).isEqualTo(parts[1]);
        assertThat(second.response().partsCount()).isEqualTo(3);
        assertThat(second.response().contentRange()).isEqualTo("bytes " + 5 * MIB + "-" + (10 * MIB + 6) + "/"
                + all.size());
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    private static byte[] crc32(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return java.nio.ByteBuffer.allocate(4).putInt((int) c.getValue()).array();
    }

    @Test
    void completeChecksPartOrderEtagsAndSizes() {
        String bucket = newBucket();
        String id = start(bucket, "k", ChecksumAlgorithm.CRC32);
        CompletedPart small = upload(bucket, "k", id, 1, randomBytes(1024, 4));
        CompletedPart last = upload(bucket, "k", id, 2, randomBytes(10, 5));

        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(last, small))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPartOrder"));
        CompletedPart wrongEtag = small.toBuilder().eTag("\"0123456789abcdef0123456789abcdef\"").build();
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(wrongEtag, last))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart"));
        CompletedPart missing = last.toBuilder().partNumber(3).build();
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(small, missing))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidPart"));
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(small, last))))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall");
                });
        CompletedPart noChecksum = small.toBuilder().checksumCRC32(null).build();
        assertThatThrownBy(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id)
                .multipartUpload(m -> m.parts(noChecksum))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest"));

        // every failure left the upload as it was: a single (last) part may be small
        ListPartsResponse listed = s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id));
        assertThat(listed.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
        assertThat(listed.parts().get(0).size()).isEqualTo(1024L);
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(id).multipartUpload(m -> m.parts(small)));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).contentLength()).isEqualTo(1024L);
    }

    @Test
    void abortedUploadIsGone() {
        String bucket = newBucket();
        String id = start(bucket, "gone", ChecksumAlgorithm.CRC32);
        upload(bucket, "gone", id, 1, randomBytes(100, 6));
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).extracting(u -> u.uploadId())
                .containsExactly(id);
        s3.abortMultipartUpload(b -> b.bucket(bucket).key("gone").uploadId(id));
        assertThatThrownBy(() -> s3.listParts(b -> b.bucket(bucket).key("gone").uploadId(id)))
                .isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> upload(bucket, "gone", id, 2, randomBytes(10, 7)))
                .isInstanceOf(NoSuchUploadException.class);
        assertThatThrownBy(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key("gone").uploadId(id)))
                .isInstanceOf(NoSuchUploadException.class);
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        assertThat(s3.listObjects(b -> b.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void reuploadedPartReplacesTheOldOne() {
        String bucket = newBucket();
        String id = start(bucket, "re", null);
        s3.uploadPart(b -> b.bucket(bucket).key("re").uploadId(id).partNumber(1), RequestBody.fromString("first"));
        UploadPartResponse second = s3.uploadPart(b -> b.bucket(bucket).key("re").uploadId(id).partNumber(1),
                RequestBody.fromString("second"));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("re").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(second.eTag()).build())));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("re")).asUtf8String()).isEqualTo("second");
    }

    @Test
    void uploadPartCopyCopiesRangesOfAnObject() {
        String bucket = newBucket();
        byte[] source = randomBytes(6 * MIB + 100, 8);
        s3.putObject(b -> b.bucket(bucket).key("source"), RequestBody.fromBytes(source));
        String id = start(bucket, "copy", null);
        UploadPartCopyResponse p1 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source")
                .destinationBucket(bucket).destinationKey("copy").uploadId(id).partNumber(1)
                .copySourceRange("bytes=0-" + (5 * MIB - 1)));
        UploadPartCopyResponse p2 = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source")
                .destinationBucket(bucket).destinationKey("copy").uploadId(id).partNumber(2)
                .copySourceRange("bytes=" + 5 * MIB + "-" + (source.length - 1)));
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("copy").uploadId(id).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(p1.copyPartResult().eTag()).build(),
                CompletedPart.builder().partNumber(2).eTag(p2.copyPartResult().eTag()).build())));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy")).asByteArray()).isEqualTo(source);

        assertThatThrownBy(() -> s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("source")
                .destinationBucket(bucket).destinationKey("copy").uploadId(id).partNumber(1)))
                .isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void invalidPartNumberIsInvalidArgument() {
        String bucket = newBucket();
        String id = start(bucket, "n", null);
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(bucket).key("n").uploadId(id).partNumber(10001),
                RequestBody.fromString("x")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
        assertThatThrownBy(() -> s3.uploadPart(b -> b.bucket(bucket).key("other-key").uploadId(id).partNumber(1),
                RequestBody.fromString("x")))
                .isInstanceOf(NoSuchUploadException.class);
        assertThat(Arrays.asList(s3.listParts(b -> b.bucket(bucket).key("n").uploadId(id)).parts().toArray())).isEmpty();
    }
}
