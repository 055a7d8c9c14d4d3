package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The small parsers and formats S3 clients depend on. */
class WireFormatsTest {

    @Test
    void crc64NvmeMatchesTheStandardCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        crc.update(check, 0, check.length);
        assertThat(crc.getValue()).isEqualTo(0xAE8B14860A799888L);
    }

    @Test
    void checksumsAreBase64OfTheBigEndianValue() {
        assertThat(ChecksumAlgorithm.CRC32.checksumOf("hello world".getBytes(StandardCharsets.UTF_8))).isEqualTo("DUoRhQ==");
        assertThat(ChecksumAlgorithm.SHA256.checksumOf(new byte[0]))
                .isEqualTo("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(ChecksumAlgorithm.CRC32.decode("not base64!")).isNull();
        assertThat(ChecksumAlgorithm.CRC32.decode("AAAAAAAA")).isNull();
        assertThat(ChecksumAlgorithm.byHeader("X-Amz-Checksum-CRC32C")).isEqualTo(ChecksumAlgorithm.CRC32C);
        assertThat(ChecksumAlgorithm.byHeader("x-amz-checksum-xxhash3")).isNull();
    }

    @Test
    void byteRangesFollowS3() {
        assertThat(ByteRange.parse("bytes=0-9", 100)).isEqualTo(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=90-", 100)).isEqualTo(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-10", 100)).isEqualTo(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-500", 100)).isEqualTo(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=50-5000", 100)).isEqualTo(new ByteRange(50, 99));
        assertThat(ByteRange.parse("bytes=9-0", 100)).isNull();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isNull();
        assertThat(ByteRange.parse("items=0-1", 100)).isNull();
        assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100)).isInstanceOfSatisfying(S3Error.class,
                e -> assertThat(e.status()).isEqualTo(416));
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(S3Error.class);
    }

    @Test
    void timesAreIsoInXmlAndRfc1123InHeaders() {
        Instant t = Instant.parse("2026-03-05T07:08:09.123Z");
        assertThat(S3Time.iso(S3Time.truncate(t))).isEqualTo("2026-03-05T07:08:09.000Z");
        assertThat(S3Time.http(t)).isEqualTo("Thu, 05 Mar 2026 07:08:09 GMT");
        assertThat(S3Time.parseHttp("Thu, 05 Mar 2026 07:08:09 GMT")).isEqualTo(Instant.parse("2026-03-05T07:08:09Z"));
        assertThat(S3Time.parseHttp("yesterday")).isNull();
    }

    @Test
    void pathsDecodeAsDataAndRejectBrokenEscapes() {
        assertThat(S3Target.parse("/b/dir%2F..%2Fx+y%20z")).isEqualTo(new S3Target("b", "dir/../x+y z"));
        assertThat(S3Target.parse("/b/")).isEqualTo(new S3Target("b", null));
        assertThat(S3Target.parse("/")).isEqualTo(new S3Target(null, null));
        assertThat(S3Target.parse("/b/%E2%82%AC")).isEqualTo(new S3Target("b", "€"));
        assertThatThrownBy(() -> S3Target.parse("/b/%zz")).isInstanceOfSatisfying(S3Error.class,
                e -> assertThat(e.code()).isEqualTo("InvalidURI"));
        assertThatThrownBy(() -> S3Target.parse("/b/%FF")).isInstanceOf(S3Error.class);
    }

    @Test
    void urlEncodingTypeKeepsSlashesAndUnreservedCharacters() {
        assertThat(S3Responses.urlEncode("a b/c+d%e~f*g")).isEqualTo("a%20b/c%2Bd%25e~f%2Ag");
        assertThat(S3Responses.urlEncode("ü")).isEqualTo("%C3%BC");
    }

    @Test
    void virtualHostedStyleIsRecognised() {
        assertThat(S3Service.isVirtualHosted("bucket.localhost:4566")).isTrue();
        assertThat(S3Service.isVirtualHosted("bucket.s3.us-east-1.amazonaws.com")).isTrue();
        assertThat(S3Service.isVirtualHosted("127.0.0.1:4566")).isFalse();
        assertThat(S3Service.isVirtualHosted("localhost:4566")).isFalse();
        assertThat(S3Service.isVirtualHosted("sandbox.default.svc.cluster.local:4566")).isFalse();
        assertThat(S3Service.isVirtualHosted("s3.amazonaws.com")).isFalse();
    }

    @Test
    void bucketNamesFollowTheGeneralPurposeRules() {
        assertThat(BucketName.isValid("inventory-uploads")).isTrue();
        assertThat(BucketName.isValid("a.b-c.1")).isTrue();
        assertThat(BucketName.isValid("ab")).isFalse();
        assertThat(BucketName.isValid("has_underscore")).isFalse();
        assertThat(BucketName.isValid("10.0.0.1")).isFalse();
        assertThat(BucketName.isValid("sthree-x")).isFalse();
    }
}
