package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * CompleteMultipartUpload of a FULL_OBJECT upload carries the whole object's CRC in {@code x-amz-checksum-*}: S3
 * checks it against the object (BadDigest when it differs), not against the XML body the headers travel with (which
 * is what made every correct full-object checksum a BadDigest here). The checksum type and size must match the
 * upload's; COMPOSITE uploads are unchanged.
 */
class S3FullObjectChecksumTest extends SandboxTestSupport {

    private static final int MIB = 1024 * 1024;
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final byte[] FIRST = bytes(5 * MIB, 11);
    private static final byte[] SECOND = bytes(4321, 12);
    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = s3();
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Base64 of the big-endian CRC of the parts' bytes, computed outside the sandbox's S3. */
    private static String crc(Checksum c, int width, byte[]... parts) {
        for (byte[] p : parts) {
            c.update(p, 0, p.length);
        }
        byte[] out = new byte[width];
        long v = c.getValue();
        for (int i = width - 1; i >= 0; i--) {
            out[i] = (byte) v;
            v >>>= 8;
        }
        return Base64.getEncoder().encodeToString(out);
    }

    private static Checksum checksum(ChecksumAlgorithm algorithm) {
        return switch (algorithm) {
            case CRC32 -> new CRC32();
            case CRC32_C -> new CRC32C();
            // verified against CRC-64/NVME's check value in WireFormatsTest; the SDK needs aws-crt for it
            default -> new Crc64Nvme();
        };
    }

    private static int width(ChecksumAlgorithm algorithm) {
        return algorithm == ChecksumAlgorithm.CRC64_NVME ? 8 : 4;
    }

    /** A FULL_OBJECT upload of the two parts, each sent with its own checksum; returns the upload id. */
    private static String fullObjectUpload(String bucket, ChecksumAlgorithm algorithm, List<CompletedPart> parts) {
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("k").checksumAlgorithm(algorithm)
                .checksumType(ChecksumType.FULL_OBJECT)).uploadId();
        byte[][] data = {FIRST, SECOND};
        for (int i = 0; i < 2; i++) {
            int number = i + 1;
            String partCrc = crc(checksum(algorithm), width(algorithm), data[i]);
            UploadPartRequest.Builder request = UploadPartRequest.builder().bucket(bucket).key("k").uploadId(id)
                    .partNumber(number);
            switch (algorithm) {
                case CRC32 -> request.checksumCRC32(partCrc);
                case CRC32_C -> request.checksumCRC32C(partCrc);
                default -> request.checksumCRC64NVME(partCrc);
            }
            String etag = s3.uploadPart(request.build(), RequestBody.fromBytes(data[i])).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        return id;
    }

    private static CompleteMultipartUploadRequest.Builder complete(String bucket, String id, List<CompletedPart> parts,
                                                                   ChecksumAlgorithm algorithm, String value) {
        CompleteMultipartUploadRequest.Builder b = CompleteMultipartUploadRequest.builder().bucket(bucket).key("k")
                .uploadId(id).multipartUpload(m -> m.parts(parts)).checksumType(ChecksumType.FULL_OBJECT);
        return switch (algorithm) {
            case CRC32 -> b.checksumCRC32(value);
            case CRC32_C -> b.checksumCRC32C(value);
            default -> b.checksumCRC64NVME(value);
        };
    }

    private static String newBucket() {
        String name = "full-object-" + BUCKETS.incrementAndGet();
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    private static S3Exception s3Error(Runnable call) {
        S3Exception e = catchThrowableOfType(S3Exception.class, call::run);
        assertThat(e).as("an S3 error").isNotNull();
        return e;
    }

    @Test
    void aCorrectFullObjectCrcIsAcceptedAndReturnedForEachAlgorithm() {
        for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C,
                ChecksumAlgorithm.CRC64_NVME)) {
            String bucket = newBucket();
            List<CompletedPart> parts = new java.util.ArrayList<>();
            String id = fullObjectUpload(bucket, algorithm, parts);
            String whole = crc(checksum(algorithm), width(algorithm), FIRST, SECOND);

            CompleteMultipartUploadResponse done = s3.completeMultipartUpload(complete(bucket, id, parts, algorithm,
                    whole).mpuObjectSize((long) (FIRST.length + SECOND.length)).build());
            assertThat(done.checksumType()).as(algorithm.toString()).isEqualTo(ChecksumType.FULL_OBJECT);
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("k").checksumMode(ChecksumMode.ENABLED));
            assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
            assertThat(switch (algorithm) {
                case CRC32 -> head.checksumCRC32();
                case CRC32_C -> head.checksumCRC32C();
                default -> head.checksumCRC64NVME();
            }).as(algorithm.toString()).isEqualTo(whole);
        }
    }

    @Test
    void aWrongFullObjectCrcIsBadDigestAndTheUploadStays() {
        String bucket = newBucket();
        List<CompletedPart> parts = new java.util.ArrayList<>();
        String id = fullObjectUpload(bucket, ChecksumAlgorithm.CRC32, parts);
        String ofFirstPartOnly = crc(new CRC32(), 4, FIRST);

        S3Exception e = s3Error(() -> s3.completeMultipartUpload(complete(bucket, id, parts, ChecksumAlgorithm.CRC32,
                ofFirstPartOnly).build()));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The CRC32 you specified did not match the "
                + "calculated checksum.");
        assertThat(s3.listParts(b -> b.bucket(bucket).key("k").uploadId(id)).parts()).hasSize(2);
    }

    @Test
    void theCompletionMustUseTheUploadsChecksumTypeAlgorithmAndSize() {
        String bucket = newBucket();
        List<CompletedPart> parts = new java.util.ArrayList<>();
        String id = fullObjectUpload(bucket, ChecksumAlgorithm.CRC32, parts);
        String whole = crc(new CRC32(), 4, FIRST, SECOND);

        S3Exception size = s3Error(() -> s3.completeMultipartUpload(complete(bucket, id, parts, ChecksumAlgorithm.CRC32,
                whole).mpuObjectSize(7L).build()));
        assertThat(size.awsErrorDetails().errorMessage()).isEqualTo("The provided 'x-amz-mp-object-size' header "
                + "value 7 does not match what was computed: " + (FIRST.length + SECOND.length));
        S3Exception algorithm = s3Error(() -> s3.completeMultipartUpload(complete(bucket, id, parts,
                ChecksumAlgorithm.CRC32_C, crc(new CRC32C(), 4, FIRST, SECOND)).build()));
        assertThat(algorithm.awsErrorDetails().errorMessage()).isEqualTo("Checksum Type mismatch occurred, expected "
                + "checksum Type: crc32, actual checksum Type: crc32c");

        String composite = s3.createMultipartUpload(b -> b.bucket(bucket).key("k").checksumAlgorithm(
                ChecksumAlgorithm.CRC32)).uploadId();
        S3Exception mode = s3Error(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key("k").uploadId(composite)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"x\"").build()))
                .checksumType(ChecksumType.FULL_OBJECT)));
        assertThat(mode.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
        assertThat(mode.awsErrorDetails().errorMessage()).isEqualTo("The upload was created using the COMPOSITE "
                + "checksum mode. The complete request must use the same checksum mode.");
    }

    @Test
    void boto3CompletesAFullObjectUploadWithItsCrc32() {
        ExternalClients.assumeBoto3();
        String bucket = newBucket();
        String script = String.join("\n",
                "import os, zlib, base64, boto3",
                "from botocore.exceptions import ClientError",
                "s3 = boto3.client('s3', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
                "b = '" + bucket + "'",
                "p1, p2 = os.urandom(5 * 1024 * 1024), os.urandom(1000)",
                "crc = lambda d: base64.b64encode(zlib.crc32(d).to_bytes(4, 'big')).decode()",
                "def upload(claim):",
                "    u = s3.create_multipart_upload(Bucket=b, Key='k', ChecksumAlgorithm='CRC32',",
                "        ChecksumType='FULL_OBJECT')['UploadId']",
                "    parts = [{'PartNumber': i, 'ETag': s3.upload_part(Bucket=b, Key='k', UploadId=u, PartNumber=i,",
                "        Body=p, ChecksumAlgorithm='CRC32')['ETag']} for i, p in ((1, p1), (2, p2))]",
                "    try:",
                "        r = s3.complete_multipart_upload(Bucket=b, Key='k', UploadId=u, MultipartUpload={'Parts': parts},",
                "            ChecksumCRC32=claim, ChecksumType='FULL_OBJECT', MpuObjectSize=len(p1) + len(p2))",
                "        return r['ChecksumCRC32'] == crc(p1 + p2) and r['ChecksumType']",
                "    except ClientError as e:",
                "        return e.response['Error']['Code']",
                "print(upload(crc(p1 + p2)), upload(crc(p2)))");
        assertThat(ExternalClients.python(endpoint, script).assertOk().stdout().trim())
                .isEqualTo("FULL_OBJECT BadDigest");
    }
}
