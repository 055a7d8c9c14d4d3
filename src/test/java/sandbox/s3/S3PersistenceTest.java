package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

class S3PersistenceTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dataDir;

    private Sandbox start() {
        return Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir));
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void bucketsObjectsAndMetadataSurviveRestart() throws Exception {
        byte[] big = randomBytes(5 * MIB + 10, 1);
        byte[] tail = randomBytes(999, 2);
        String uploadId;
        String multipartEtag;
        try (Sandbox aws = start(); S3Client s3 = SandboxTestSupport.s3(aws.endpoint())) {
            s3.createBucket(b -> b.bucket("kept"));
            s3.createBucket(b -> b.bucket("dropped"));
            s3.deleteBucket(b -> b.bucket("dropped"));
            s3.putObject(b -> b.bucket("kept").key("incoming/../a b ü.csv").contentType("text/csv")
                    .metadata(Map.of("store", "s-1")), RequestBody.fromString("store,item\ns-1,apple\n"));
            s3.putObject(b -> b.bucket("kept").key("overwritten"), RequestBody.fromString("old"));
            s3.putObject(b -> b.bucket("kept").key("overwritten"), RequestBody.fromString("new"));
            s3.putObject(b -> b.bucket("kept").key("deleted"), RequestBody.fromString("x"));
            s3.deleteObject(b -> b.bucket("kept").key("deleted"));
            s3.copyObject(b -> b.sourceBucket("kept").sourceKey("overwritten").destinationBucket("kept")
                    .destinationKey("copied"));

            String id = s3.createMultipartUpload(b -> b.bucket("kept").key("multi")
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
            UploadPartResponse p1 = s3.uploadPart(b -> b.bucket("kept").key("multi").uploadId(id).partNumber(1),
                    RequestBody.fromBytes(big));
            UploadPartResponse p2 = s3.uploadPart(b -> b.bucket("kept").key("multi").uploadId(id).partNumber(2),
                    RequestBody.fromBytes(tail));
            multipartEtag = s3.completeMultipartUpload(b -> b.bucket("kept").key("multi").uploadId(id)
                    .multipartUpload(m -> m.parts(
                            CompletedPart.builder().partNumber(1).eTag(p1.eTag()).checksumCRC32(p1.checksumCRC32()).build(),
                            CompletedPart.builder().partNumber(2).eTag(p2.eTag()).checksumCRC32(p2.checksumCRC32()).build())))
                    .eTag();

            uploadId = s3.createMultipartUpload(b -> b.bucket("kept").key("in-progress")).uploadId();
            s3.uploadPart(b -> b.bucket("kept").key("in-progress").uploadId(uploadId).partNumber(1),
                    RequestBody.fromString("part one"));
        }

        try (Sandbox aws = start(); S3Client s3 = SandboxTestSupport.s3(aws.endpoint())) {
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("kept");
            assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("dropped"))).isInstanceOf(NoSuchBucketException.class);
            assertThat(s3.listObjects(b -> b.bucket("kept")).contents()).extracting(o -> o.key())
                    .containsExactly("copied", "incoming/../a b ü.csv", "multi", "overwritten");

            HeadObjectResponse head = s3.headObject(b -> b.bucket("kept").key("incoming/../a b ü.csv")
                    .checksumMode(ChecksumMode.ENABLED));
            assertThat(head.contentType()).isEqualTo("text/csv");
            assertThat(head.metadata()).containsEntry("store", "s-1");
            assertThat(head.checksumCRC32()).isNotBlank();
            assertThat(s3.getObjectAsBytes(b -> b.bucket("kept").key("incoming/../a b ü.csv")).asUtf8String())
                    .isEqualTo("store,item\ns-1,apple\n");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("kept").key("overwritten")).asUtf8String()).isEqualTo("new");
            assertThat(s3.getObjectAsBytes(b -> b.bucket("kept").key("copied")).asUtf8String()).isEqualTo("new");
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket("kept").key("deleted")))
                    .isInstanceOf(NoSuchKeyException.class);

            ResponseBytes<GetObjectResponse> multi = s3.getObjectAsBytes(b -> b.bucket("kept").key("multi")
                    .checksumMode(ChecksumMode.ENABLED));
            assertThat(multi.response().eTag()).isEqualTo(multipartEtag);
            assertThat(multi.asByteArray()).hasSize(big.length + tail.length);
            assertThat(java.util.Arrays.copyOfRange(multi.asByteArray(), big.length, big.length + tail.length))
                    .isEqualTo(tail);
            assertThat(s3.getObjectAsBytes(b -> b.bucket("kept").key("multi").partNumber(2)).asByteArray())
                    .isEqualTo(tail);

            assertThat(s3.listParts(b -> b.bucket("kept").key("in-progress").uploadId(uploadId)).parts())
                    .extracting(p -> p.size()).containsExactly(8L);
            UploadPartResponse p = s3.uploadPart(b -> b.bucket("kept").key("in-progress").uploadId(uploadId)
                    .partNumber(1), RequestBody.fromString("part one"));
            s3.completeMultipartUpload(b -> b.bucket("kept").key("in-progress").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(p.eTag()).build())));
            assertThat(s3.getObjectAsBytes(b -> b.bucket("kept").key("in-progress")).asUtf8String())
                    .isEqualTo("part one");
        }
    }

    @Test
    void blobFilesAreNamedByIdAndUnusedOnesAreRemoved() throws Exception {
        try (Sandbox aws = start(); S3Client s3 = SandboxTestSupport.s3(aws.endpoint())) {
            s3.createBucket(b -> b.bucket("files"));
            for (int i = 0; i < 5; i++) {
                int n = i;
                s3.putObject(b -> b.bucket("files").key("../../etc/passwd-" + n), RequestBody.fromString("v" + n));
            }
            s3.putObject(b -> b.bucket("files").key("../../etc/passwd-0"), RequestBody.fromString("replaced"));
            s3.deleteObject(b -> b.bucket("files").key("../../etc/passwd-1"));
            assertThat(blobFiles()).hasSize(4);
        }
        // a leftover of an interrupted write, and a blob nobody references
        Files.writeString(dataDir.resolve("s3/tmp/0123456789abcdef0123456789abcdef"), "partial");
        Files.writeString(dataDir.resolve("s3/blobs/ff/ffffffffffffffffffffffffffffffff"), "orphan");
        try (Sandbox aws = start(); S3Client s3 = SandboxTestSupport.s3(aws.endpoint())) {
            assertThat(s3.listObjects(b -> b.bucket("files")).contents()).hasSize(4);
            assertThat(s3.getObjectAsBytes(b -> b.bucket("files").key("../../etc/passwd-0")).asUtf8String())
                    .isEqualTo("replaced");
        }
        // compacted at start-up: one line per bucket and per live object
        assertThat(Files.readAllLines(dataDir.resolve("s3/s3-journal.jsonl"))).hasSize(5);
        assertThat(blobFiles()).hasSize(4).allSatisfy(f -> assertThat(f.getFileName().toString()).matches("[0-9a-f]{32}"));
        try (Stream<Path> tmp = Files.list(dataDir.resolve("s3/tmp"))) {
            assertThat(tmp).isEmpty();
        }
        try (Stream<Path> all = Files.walk(dataDir)) {
            assertThat(all).noneMatch(p -> p.getFileName().toString().contains("passwd"));
        }
    }

    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dataDir.resolve("s3/blobs"))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void readersNeverSeeHalfAnObjectWhileItIsOverwritten() throws Exception {
        try (Sandbox aws = start(); S3Client s3 = SandboxTestSupport.s3(aws.endpoint())) {
            s3.createBucket(b -> b.bucket("hot"));
            s3.putObject(b -> b.bucket("hot").key("k"), RequestBody.fromBytes(version(0)));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    int writer = w;
                    work.add(pool.submit(() -> {
                        for (int i = 1; i <= 15; i++) {
                            byte[] v = version(writer * 100 + i);
                            s3.putObject(b -> b.bucket("hot").key("k"), RequestBody.fromBytes(v));
                        }
                        return null;
                    }));
                }
                for (int r = 0; r < 5; r++) {
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("hot").key("k"));
                            byte[] body = got.asByteArray();
                            assertThat(body).hasSize(256 * 1024);
                            assertThat(body).containsOnly(body[0]);
                            assertThat(got.response().eTag()).isEqualTo('"' + md5(body) + '"');
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertThat(blobFiles()).hasSize(1);
        }
    }

    private static byte[] version(int n) {
        byte[] b = new byte[256 * 1024];
        java.util.Arrays.fill(b, (byte) n);
        return b;
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }
}
