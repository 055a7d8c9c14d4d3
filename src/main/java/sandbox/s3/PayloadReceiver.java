package sandbox.s3;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sandbox.core.SandboxRequest;

/**
 * Receives an upload body (PutObject, UploadPart) into a blob: strips {@code aws-chunked} framing,
 * checks the decoded length, and verifies {@code Content-MD5} and the {@code x-amz-checksum-*}
 * header or trailer against the decoded bytes, as S3 does. Nothing is stored unless all of it holds.
 */
final class PayloadReceiver {

    /** A received body: its blob, MD5 (the ETag) and the checksum S3 keeps with it, or null. */
    record Payload(Blob blob, String md5Hex, byte[] md5, StoredChecksum checksum) {
    }

    private static final int BUFFER = 64 * 1024;
    private static final Set<String> NOT_CHECKSUMS = Set.of("x-amz-checksum-algorithm", "x-amz-checksum-type",
            "x-amz-checksum-mode");

    private PayloadReceiver() {
    }

    static boolean isAwsChunked(SandboxRequest request) {
        String enc = request.header("Content-Encoding");
        if (enc != null && enc.toLowerCase(Locale.ROOT).contains("aws-chunked")) {
            return true;
        }
        String sha = request.header("x-amz-content-sha256");
        return sha != null && sha.startsWith("STREAMING-");
    }

    /** The length of the object bytes the request carries; fails as S3 does when it cannot be known. */
    static long declaredLength(SandboxRequest request) {
        if (isAwsChunked(request)) {
            String decoded = request.header("x-amz-decoded-content-length");
            try {
                long n = decoded == null ? -1 : Long.parseLong(decoded.trim());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // falls through to the error
            }
            throw new S3Error(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
        }
        long n = request.contentLength();
        if (n >= 0) {
            return n;
        }
        if (request.header("Transfer-Encoding") != null) {
            throw new S3Error(501, "NotImplemented",
                    "A header you provided implies functionality that is not implemented")
                    .with("Header", "Transfer-Encoding");
        }
        throw new S3Error(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
    }

    /**
     * @param maxSize  the largest body S3 accepts here
     * @param required the algorithm the upload needs a checksum of (multipart uploads), or null
     */
    static Payload receive(SandboxRequest request, BlobStore blobs, long maxSize, ChecksumAlgorithm required)
            throws IOException {
        return receive(request, blobs, maxSize, required, true);
    }

    /** @param headerChecksums whether {@code x-amz-checksum-*} headers describe this body (not so on Complete) */
    private static Payload receive(SandboxRequest request, BlobStore blobs, long maxSize, ChecksumAlgorithm required,
                                   boolean headerChecksums) throws IOException {
        long declared = declaredLength(request);
        if (declared > maxSize) {
            throw S3Error.entityTooLarge(declared, maxSize);
        }
        Expected expected = expectedChecksum(request, headerChecksums);
        if (required != null && expected != null && expected.algorithm != required) {
            throw S3Error.invalidRequest("Checksum Type mismatch occurred, expected checksum Type: "
                    + required.name().toLowerCase(Locale.ROOT) + ", actual checksum Type: "
                    + expected.algorithm.name().toLowerCase(Locale.ROOT));
        }
        byte[] contentMd5 = contentMd5(request.header("Content-MD5"));
        ChecksumAlgorithm algorithm = expected != null ? expected.algorithm : required;

        MessageDigest md5 = md5();
        ChecksumAlgorithm.Running running = algorithm == null ? null : algorithm.start();
        boolean chunked = isAwsChunked(request);
        AwsChunkedInputStream decoder = chunked ? new AwsChunkedInputStream(request.body()) : null;
        InputStream in = chunked ? decoder : request.body();
        BlobSink sink = blobs.create(declared);
        try {
            long total = 0;
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = readBody(in, buf)) >= 0) {
                total += n;
                if (total > declared) {
                    throw S3Error.incompleteBody();
                }
                md5.update(buf, 0, n);
                if (running != null) {
                    running.update(buf, 0, n);
                }
                sink.write(buf, 0, n);
            }
            if (total != declared) {
                throw S3Error.incompleteBody();
            }
            byte[] digest = md5.digest();
            if (contentMd5 != null && !Arrays.equals(contentMd5, digest)) {
                throw S3Error.badDigest("The Content-MD5 you specified did not match what we received.");
            }
            StoredChecksum checksum = null;
            if (algorithm != null) {
                String actual = Base64.getEncoder().encodeToString(running.value());
                if (expected != null) {
                    String claimed = expected.value != null ? expected.value : trailerValue(decoder, expected);
                    if (!actual.equals(claimed)) {
                        throw S3Error.badDigest("The " + algorithm.name() + " you specified did not match the "
                                + "calculated checksum.");
                    }
                }
                checksum = StoredChecksum.full(algorithm, actual);
            }
            return new Payload(sink.commit(), HexFormat.of().formatHex(digest), digest, checksum);
        } finally {
            sink.discard();
        }
    }

    /** A small body (an XML document) with its framing removed and integrity checked like an upload's. */
    record SmallBody(byte[] bytes, boolean integrityProvided) {
    }

    /**
     * Reads a small request body (XML), decoding aws-chunked and verifying Content-MD5 or a checksum
     * when sent. A request without any length and no body is an empty body.
     */
    static SmallBody receiveSmall(SandboxRequest request, int limit) throws IOException {
        return receiveSmall(request, limit, true);
    }

    /**
     * A CompleteMultipartUpload body: its {@code x-amz-checksum-*} headers are the whole object's checksum (a
     * FULL_OBJECT CRC, say), checked against the object, not against this XML.
     */
    static SmallBody receiveCompletion(SandboxRequest request, int limit) throws IOException {
        return receiveSmall(request, limit, false);
    }

    private static SmallBody receiveSmall(SandboxRequest request, int limit, boolean headerChecksums)
            throws IOException {
        boolean provided = request.header("Content-MD5") != null || expectedChecksum(request, headerChecksums) != null;
        if (!isAwsChunked(request) && request.contentLength() < 0 && request.header("Transfer-Encoding") == null) {
            return new SmallBody(new byte[0], provided);
        }
        Payload p = receive(request, new MemoryBlobStore(), limit, null, headerChecksums);
        try (InputStream in = p.blob().open(0, p.blob().size())) {
            return new SmallBody(in.readAllBytes(), provided);
        }
    }

    /** Reads the request body; a broken or truncated body is the client's error, not the sandbox's. */
    private static int readBody(InputStream in, byte[] buf) {
        try {
            return in.read(buf);
        } catch (AwsChunkedInputStream.MalformedChunkException e) {
            throw S3Error.invalidRequest("The aws-chunked request body is not valid: " + e.getMessage());
        } catch (IOException e) {
            throw S3Error.incompleteBody();
        }
    }

    /**
     * The object checksum a CompleteMultipartUpload claims ({@code x-amz-checksum-<algorithm>}), or null; a value
     * that is not one of that algorithm is refused as S3 refuses it.
     */
    static StoredChecksum claimedObjectChecksum(SandboxRequest request) {
        Expected e = expectedChecksum(request, true);
        return e == null || e.value == null ? null : new StoredChecksum(e.algorithm, e.value, null);
    }

    /** A checksum the client sent: in a header (value known now) or announced as a trailer. */
    private record Expected(ChecksumAlgorithm algorithm, String value, String trailer) {
    }

    private static Expected expectedChecksum(SandboxRequest request, boolean headers) {
        Set<ChecksumAlgorithm> named = new LinkedHashSet<>();
        Expected found = null;
        for (Map.Entry<String, java.util.List<String>> h : headers ? request.headers().entrySet()
                : Map.<String, java.util.List<String>>of().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            ChecksumAlgorithm a = NOT_CHECKSUMS.contains(name) ? null : ChecksumAlgorithm.byHeader(name);
            if (a != null && !h.getValue().isEmpty()) {
                String value = h.getValue().get(0).trim();
                if (a.decode(value) == null) {
                    throw S3Error.invalidRequest("Value for " + a.headerName() + " header is invalid.");
                }
                named.add(a);
                found = new Expected(a, value, null);
            }
        }
        String trailer = request.header("x-amz-trailer");
        if (trailer != null) {
            for (String t : trailer.split(",")) {
                ChecksumAlgorithm a = ChecksumAlgorithm.byHeader(t.trim());
                if (a != null) {
                    named.add(a);
                    found = new Expected(a, null, a.headerName());
                }
            }
        }
        if (named.size() > 1) {
            throw S3Error.invalidRequest(
                    "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
        }
        return found;
    }

    private static String trailerValue(AwsChunkedInputStream decoder, Expected expected) {
        String v = decoder == null ? null : decoder.trailers().get(expected.trailer);
        if (v == null) {
            throw new S3Error(400, "MalformedTrailerError", "The request contained trailing data that was not "
                    + "well-formed or did not conform to our published schema.");
        }
        if (expected.algorithm.decode(v) == null) {
            throw S3Error.invalidRequest("Value for " + expected.trailer + " trailing header is invalid.");
        }
        return v.trim();
    }

    /** The decoded {@code Content-MD5} header, or null when absent. */
    static byte[] contentMd5(String header) {
        if (header == null) {
            return null;
        }
        try {
            byte[] raw = Base64.getDecoder().decode(header.trim());
            if (raw.length == 16) {
                return raw;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error
        }
        throw new S3Error(400, "InvalidDigest", "The Content-MD5 you specified is not valid.")
                .with("Content-MD5", header);
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
