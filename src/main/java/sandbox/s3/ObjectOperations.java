package sandbox.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Element;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/** PutObject, GetObject, HeadObject, DeleteObject (conditional with If-Match too), CopyObject and DeleteObjects. */
final class ObjectOperations {

    static final long MAX_SINGLE_UPLOAD = 5L * 1024 * 1024 * 1024;
    private static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_DELETE_KEYS = 1000;
    private static final int DELETE_BODY_LIMIT = 8 * 1024 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;

    private final S3Store store;
    private final Clock clock;
    private final ObjectEvents events;

    ObjectOperations(S3Store store, Clock clock, ObjectEvents events) {
        this.store = store;
        this.clock = clock;
        this.events = events;
    }

    static void checkKey(String key) {
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new S3Error(400, "KeyTooLongError", "Your key is too long").with("MaxSizeAllowed", MAX_KEY_BYTES)
                    .with("Size", bytes);
        }
    }

    private Instant now() {
        return S3Time.truncate(clock.instant());
    }

    SandboxResponse put(SandboxRequest request, String bucketName, String key, String requestId) throws IOException {
        Bucket bucket = store.bucket(bucketName);
        checkKey(key);
        ObjectProperties props = ObjectProperties.fromRequest(request);
        S3Store.WriteCondition condition = writeCondition(request, key);
        PayloadReceiver.Payload p = PayloadReceiver.receive(request, store.blobs(), MAX_SINGLE_UPLOAD, null);
        StoredObject o = store.commit(bucket, new StoredObject(key, Content.of(p.blob()), p.md5Hex(), now(), props,
                p.checksum(), 0), condition);
        events.created(bucket, o, "ObjectCreated:Put", requestId);
        SandboxResponse r = SandboxResponse.ok().header("ETag", o.quotedEtag())
                .header("x-amz-server-side-encryption", "AES256");
        if (o.checksum() != null) {
            r.header(o.checksum().algorithm().headerName(), o.checksum().value())
                    .header("x-amz-checksum-type", o.checksum().type());
        }
        return r;
    }

    /** S3's conditional writes: {@code If-None-Match: *} (create only) and {@code If-Match: etag}. */
    static S3Store.WriteCondition writeCondition(SandboxRequest request, String key) {
        String ifNoneMatch = request.header("If-None-Match");
        String ifMatch = request.header("If-Match");
        if (ifNoneMatch == null && ifMatch == null) {
            return null;
        }
        if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
            throw S3Error.notImplemented("If-None-Match on a write accepts only '*'");
        }
        S3Store.WriteCondition matching = ifMatch == null ? null : ifMatch(ifMatch, key);
        return current -> {
            if (ifNoneMatch != null && current != null) {
                throw S3Error.preconditionFailed("If-None-Match");
            }
            if (matching != null) {
                matching.check(current);
            }
        };
    }

    /** {@code If-Match} on a write or a delete: the key's current version must exist and carry one of the ETags. */
    private static S3Store.WriteCondition ifMatch(String header, String key) {
        return current -> {
            if (current == null) {
                throw S3Error.noSuchKey(key);
            }
            if (!Preconditions.etagMatches(header, current.etag())) {
                throw S3Error.preconditionFailed("If-Match");
            }
        };
    }

    SandboxResponse get(SandboxRequest request, String bucketName, String key, boolean head) {
        Bucket bucket = store.bucket(bucketName);
        StoredObject o = head ? bucket.objects().get(key) : store.retainCurrent(bucket, key);
        if (o == null) {
            throw S3Error.noSuchKey(key);
        }
        boolean handedOff = false;
        try {
            SandboxResponse r = answer(request, o, head);
            handedOff = !head && r.status() / 100 == 2 && r.bodyBytes() == null;
            return r;
        } finally {
            if (!head && !handedOff) {
                o.content().release();
            }
        }
    }

    private SandboxResponse answer(SandboxRequest request, StoredObject o, boolean head) {
        switch (Preconditions.evaluate(o, request.header("If-Match"), request.header("If-None-Match"),
                request.header("If-Modified-Since"), request.header("If-Unmodified-Since"))) {
            case FAILED -> throw S3Error.preconditionFailed(request.header("If-Match") != null ? "If-Match"
                    : "If-Unmodified-Since");
            case NOT_MODIFIED -> {
                return SandboxResponse.status(304).header("ETag", o.quotedEtag())
                        .header("Last-Modified", S3Time.http(o.lastModified()));
            }
            default -> {
                // go on
            }
        }
        if (!head && o.properties().isArchived()) {
            throw new S3Error(403, "InvalidObjectState", "The operation is not valid for the object's storage class")
                    .with("StorageClass", o.properties().storageClass());
        }
        long size = o.size();
        ByteRange range = null;
        String partParam = request.queryParam("partNumber");
        if (partParam != null) {
            if (request.header("Range") != null) {
                throw S3Error.invalidRequest("Cannot specify both Range header and partNumber query parameter");
            }
            range = partRange(o, partNumber(partParam));
        } else {
            range = ByteRange.parse(request.header("Range"), size);
        }
        SandboxResponse r = SandboxResponse.status(range == null ? 200 : 206);
        r.header("Last-Modified", S3Time.http(o.lastModified())).header("ETag", o.quotedEtag())
                .header("Accept-Ranges", "bytes").header("x-amz-server-side-encryption", "AES256");
        o.properties().writeHeaders(r, request);
        if (range != null) {
            r.header("Content-Range", range.contentRange(size));
        }
        if (partParam != null && o.partsCount() > 0) {
            r.header("x-amz-mp-parts-count", Integer.toString(o.partsCount()));
        }
        // a checksum describes the whole object: never with a range, or the client's check would fail
        if (range == null && o.checksum() != null
                && "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode"))) {
            r.header(o.checksum().algorithm().headerName(), o.checksum().value())
                    .header("x-amz-checksum-type", o.checksum().type());
        }
        long offset = range == null ? 0 : range.first();
        long length = range == null ? size : range.length();
        if (head) {
            return r.headOnly(length);
        }
        if (length == 0) {
            return r.body(new byte[0]);
        }
        Content content = o.content();
        return r.body(length, out -> stream(content, offset, length, out));
    }

    /** Writes the bytes, then gives back the reader's reference (also when the client went away). */
    private static void stream(Content content, long offset, long length, OutputStream out) throws IOException {
        try (InputStream in = content.open(offset, length)) {
            byte[] buf = new byte[COPY_BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } finally {
            content.release();
        }
    }

    static int partNumber(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= 10000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive",
                "partNumber", value);
    }

    /** GET/HEAD with {@code partNumber}: the bytes of that part; a single-part object has one part. */
    private static ByteRange partRange(StoredObject o, int part) {
        int count = Math.max(1, o.partsCount());
        if (part > count) {
            throw new S3Error(416, "InvalidPartNumber", "The requested partnumber is not satisfiable")
                    .with("PartNumberRequested", part).with("ActualPartCount", count);
        }
        if (o.size() == 0) {
            return null;
        }
        if (o.partsCount() == 0) {
            return new ByteRange(0, o.size() - 1);
        }
        long first = o.content().offsetOf(part - 1);
        return new ByteRange(first, first + o.content().segments().get(part - 1).size() - 1);
    }

    /**
     * DeleteObject; with {@code If-Match} (an ETag, or {@code *} for any) a conditional delete, as general purpose
     * buckets have them: 412 PreconditionFailed when the current version's ETag differs, 404 NoSuchKey when there is
     * none. The other conditional headers ({@code x-amz-if-match-last-modified-time}, {@code -size}) are for
     * directory buckets only: refused rather than ignored.
     */
    SandboxResponse delete(SandboxRequest request, String bucketName, String key) {
        Bucket bucket = store.bucket(bucketName);
        checkKey(key);
        if (request.header("x-amz-if-match-last-modified-time") != null || request.header("x-amz-if-match-size") != null) {
            throw S3Error.notImplemented("x-amz-if-match-last-modified-time and x-amz-if-match-size are for directory buckets");
        }
        String ifMatch = request.header("If-Match");
        store.delete(bucket, key, ifMatch == null ? null : ifMatch(ifMatch, key));
        return SandboxResponse.status(204);
    }

    SandboxResponse copy(SandboxRequest request, String bucketName, String key, String requestId) throws IOException {
        Bucket target = store.bucket(bucketName);
        checkKey(key);
        CopySource from = CopySource.parse(request.header("x-amz-copy-source"));
        Bucket sourceBucket = store.bucket(from.bucket());
        String directive = request.header("x-amz-metadata-directive");
        directive = directive == null ? "COPY" : directive.trim().toUpperCase(Locale.ROOT);
        if (!directive.equals("COPY") && !directive.equals("REPLACE")) {
            throw S3Error.invalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
        }
        String storageClass = ObjectProperties.storageClass(request);
        String algorithmName = request.header("x-amz-checksum-algorithm");
        ChecksumAlgorithm wanted = algorithmName == null ? null : checksumAlgorithm(algorithmName);
        ObjectProperties replaced = directive.equals("REPLACE") ? ObjectProperties.fromRequest(request) : null;
        S3Store.WriteCondition condition = writeCondition(request, key);

        StoredObject source = store.retainCurrent(sourceBucket, from.key());
        if (source == null) {
            throw S3Error.noSuchKey(from.key());
        }
        try {
            CopySource.checkConditions(request, source);
            if (source.properties().isArchived()) {
                throw new S3Error(403, "InvalidObjectState", "The operation is not valid for the object's storage "
                        + "class").with("StorageClass", source.properties().storageClass());
            }
            boolean changesSomething = replaced != null || storageClass != null || wanted != null
                    || request.header("x-amz-server-side-encryption") != null
                    || request.header("x-amz-website-redirect-location") != null;
            if (from.bucket().equals(bucketName) && from.key().equals(key) && !changesSomething) {
                throw S3Error.invalidRequest("This copy request is illegal because it is trying to copy an object to "
                        + "itself without changing the object's metadata, storage class, website redirect location or "
                        + "encryption attributes.");
            }
            if (source.size() > MAX_SINGLE_UPLOAD) {
                throw S3Error.invalidRequest("The specified copy source is larger than the maximum allowable size "
                        + "for a copy source: " + MAX_SINGLE_UPLOAD);
            }
            ObjectProperties props = (replaced != null ? replaced : source.properties())
                    .withStorageClass(storageClass != null ? storageClass : ObjectProperties.STANDARD);
            StoredObject copy = copyOf(source, key, props, wanted);
            store.commit(target, copy, condition);
            events.created(target, copy, "ObjectCreated:Copy", requestId);
            Xml x = Xml.document("CopyObjectResult").element("ETag", copy.quotedEtag())
                    .element("LastModified", S3Time.iso(copy.lastModified()));
            if (copy.checksum() != null) {
                x.element("ChecksumType", copy.checksum().type())
                        .element(copy.checksum().algorithm().memberName(), copy.checksum().value());
            }
            return S3Responses.xml(x.finish("CopyObjectResult")).header("x-amz-server-side-encryption", "AES256");
        } finally {
            source.content().release();
        }
    }

    /** A single-part copy: shares (links) the bytes when nothing needs recomputing, else streams them. */
    private StoredObject copyOf(StoredObject source, String key, ObjectProperties props, ChecksumAlgorithm wanted)
            throws IOException {
        StoredChecksum kept = source.checksum();
        ChecksumAlgorithm algorithm = wanted != null ? wanted : kept == null ? null : kept.algorithm();
        boolean reusable = source.partsCount() == 0 && source.content().segments().size() == 1
                && (algorithm == null || (kept != null && kept.algorithm() == algorithm
                && StoredChecksum.FULL_OBJECT.equals(kept.type())));
        if (reusable) {
            Blob blob = store.blobs().duplicate(source.content().segments().get(0));
            return new StoredObject(key, Content.of(blob), source.etag(), now(), props, kept, 0);
        }
        PayloadReceiver.Payload p = CopySource.copy(store.blobs(), source.content(), 0, source.size(), algorithm);
        return new StoredObject(key, Content.of(p.blob()), p.md5Hex(), now(), props, p.checksum(), 0);
    }

    static ChecksumAlgorithm checksumAlgorithm(String name) {
        ChecksumAlgorithm a = ChecksumAlgorithm.byName(name);
        if (a == null) {
            throw S3Error.invalidRequest("Checksum algorithm provided is unsupported. Please try again with any of "
                    + "the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }
        return a;
    }

    SandboxResponse deleteMany(SandboxRequest request, String bucketName) throws IOException {
        Bucket bucket = store.bucket(bucketName);
        PayloadReceiver.SmallBody body = PayloadReceiver.receiveSmall(request, DELETE_BODY_LIMIT);
        if (!body.integrityProvided()) {
            throw S3Error.invalidRequest("Missing required header for this request: Content-MD5");
        }
        Element root = XmlRequest.parse(body.bytes());
        List<Element> entries = XmlRequest.children(root, "Object");
        if (!"Delete".equals(XmlRequest.localName(root)) || entries.isEmpty() || entries.size() > MAX_DELETE_KEYS) {
            throw S3Error.malformedXml();
        }
        boolean quiet = "true".equalsIgnoreCase(trim(XmlRequest.childText(root, "Quiet")));
        List<String[]> deleted = new ArrayList<>();
        List<String[]> errors = new ArrayList<>();
        for (Element e : entries) {
            String key = XmlRequest.childText(e, "Key");
            if (key == null || key.isEmpty()) {
                throw S3Error.malformedXml();
            }
            String version = XmlRequest.childText(e, "VersionId");
            try {
                checkKey(key);
                store.delete(bucket, key);
                deleted.add(new String[] {key, version});
            } catch (S3Error err) {
                errors.add(new String[] {key, version, err.code(), err.getMessage()});
            }
        }
        Xml x = Xml.document("DeleteResult");
        if (!quiet) {
            for (String[] d : deleted) {
                x.open("Deleted").element("Key", d[0]).element("VersionId", d[1]).close("Deleted");
            }
        }
        for (String[] err : errors) {
            x.open("Error").element("Key", err[0]).element("VersionId", err[1]).element("Code", err[2])
                    .element("Message", err[3]).close("Error");
        }
        return S3Responses.xml(x.finish("DeleteResult"));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
