package sandbox.s3;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import sandbox.core.SandboxRequest;

/**
 * The object an {@code x-amz-copy-source} header names ({@code bucket/key} URL-encoded, optional
 * leading '/', optional {@code ?versionId=}, which the sandbox ignores: it keeps no versions), the
 * {@code x-amz-copy-source-if-*} conditions on it, and the streaming copy of its bytes.
 */
public record CopySource(String bucket, String key) {

    public static CopySource parse(String header) {
        if (header == null || header.isBlank()) {
            throw invalid(header);
        }
        String h = header.trim();
        int q = h.indexOf('?');
        if (q >= 0) {
            h = h.substring(0, q);
        }
        if (h.startsWith("/")) {
            h = h.substring(1);
        }
        int slash = h.indexOf('/');
        if (slash <= 0 || slash == h.length() - 1) {
            throw invalid(header);
        }
        return new CopySource(S3Target.percentDecode(h.substring(0, slash)),
                S3Target.percentDecode(h.substring(slash + 1)));
    }

    private static S3Error invalid(String header) {
        return S3Error.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                "x-amz-copy-source", header);
    }

    /** The {@code x-amz-copy-source-if-*} headers; every failure is 412 for a copy. */
    static void checkConditions(SandboxRequest request, StoredObject source) {
        Preconditions.Outcome outcome = Preconditions.evaluate(source,
                request.header("x-amz-copy-source-if-match"), request.header("x-amz-copy-source-if-none-match"),
                request.header("x-amz-copy-source-if-modified-since"),
                request.header("x-amz-copy-source-if-unmodified-since"));
        if (outcome != Preconditions.Outcome.PROCEED) {
            throw S3Error.preconditionFailed("x-amz-copy-source-If-" + (outcome == Preconditions.Outcome.FAILED
                    ? (request.header("x-amz-copy-source-if-match") != null ? "Match" : "Unmodified-Since")
                    : (request.header("x-amz-copy-source-if-none-match") != null ? "None-Match" : "Modified-Since")));
        }
    }

    /** Copies {@code length} bytes of {@code source} from {@code offset} into a new blob, with its MD5 and checksum. */
    static PayloadReceiver.Payload copy(BlobStore blobs, Content source, long offset, long length,
                                        ChecksumAlgorithm algorithm) throws IOException {
        MessageDigest md5 = PayloadReceiver.md5();
        ChecksumAlgorithm.Running running = algorithm == null ? null : algorithm.start();
        BlobSink sink = blobs.create(length);
        try (InputStream in = source.open(offset, length)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md5.update(buf, 0, n);
                if (running != null) {
                    running.update(buf, 0, n);
                }
                sink.write(buf, 0, n);
            }
            byte[] digest = md5.digest();
            StoredChecksum checksum = running == null ? null
                    : StoredChecksum.full(algorithm, Base64.getEncoder().encodeToString(running.value()));
            return new PayloadReceiver.Payload(sink.commit(), HexFormat.of().formatHex(digest), digest, checksum);
        } finally {
            sink.discard();
        }
    }
}
