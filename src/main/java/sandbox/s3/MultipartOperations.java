package sandbox.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.w3c.dom.Element;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/**
 * Multipart upload as {@code aws s3 cp} drives it: CreateMultipartUpload, UploadPart, UploadPartCopy,
 * CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads.
 */
final class MultipartOperations {

    static final long MIN_PART = 5L * 1024 * 1024;
    static final long MAX_PART = 5L * 1024 * 1024 * 1024;
    static final long MAX_OBJECT = 5L * 1024 * 1024 * 1024 * 1024;
    private static final int COMPLETE_BODY_LIMIT = 8 * 1024 * 1024;
    private static final int MAX_LISTED = 1000;

    private final S3Store store;
    private final Clock clock;
    private final String ownerId;
    private final String endpoint;
    private final ObjectEvents events;
    private final SecureRandom random = new SecureRandom();

    MultipartOperations(S3Store store, Clock clock, String ownerId, String endpoint, ObjectEvents events) {
        this.store = store;
        this.clock = clock;
        this.ownerId = ownerId;
        this.endpoint = endpoint;
        this.events = events;
    }

    private Instant now() {
        return S3Time.truncate(clock.instant());
    }

    SandboxResponse create(SandboxRequest request, String bucketName, String key) {
        Bucket bucket = store.bucket(bucketName);
        ObjectOperations.checkKey(key);
        ObjectProperties props = ObjectProperties.fromRequest(request);
        String algorithmName = request.header("x-amz-checksum-algorithm");
        ChecksumAlgorithm algorithm = algorithmName == null ? null : ObjectOperations.checksumAlgorithm(algorithmName);
        String type = checksumType(request.header("x-amz-checksum-type"), algorithm);
        byte[] id = new byte[48];
        random.nextBytes(id);
        MultipartUpload upload = new MultipartUpload(key, Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                now(), props, algorithm, type);
        store.startUpload(bucket, upload);
        SandboxResponse r = S3Responses.xml(Xml.document("InitiateMultipartUploadResult").element("Bucket", bucketName)
                .element("Key", key).element("UploadId", upload.uploadId()).finish("InitiateMultipartUploadResult"))
                .header("x-amz-server-side-encryption", "AES256");
        if (algorithm != null) {
            r.header("x-amz-checksum-algorithm", algorithm.name()).header("x-amz-checksum-type", type);
        }
        return r;
    }

    /** COMPOSITE (a checksum of part checksums) unless FULL_OBJECT is asked for or the algorithm is CRC64NVME. */
    private static String checksumType(String header, ChecksumAlgorithm algorithm) {
        String type = header == null ? null : header.trim().toUpperCase(Locale.ROOT);
        if (type != null && !type.equals(StoredChecksum.FULL_OBJECT) && !type.equals(StoredChecksum.COMPOSITE)) {
            throw S3Error.invalidRequest("Value for x-amz-checksum-type header is invalid.");
        }
        if (algorithm == null) {
            if (type != null) {
                throw S3Error.invalidRequest("The x-amz-checksum-type header can only be used with the "
                        + "x-amz-checksum-algorithm header.");
            }
            return null;
        }
        if (type == null) {
            return algorithm == ChecksumAlgorithm.CRC64NVME ? StoredChecksum.FULL_OBJECT : StoredChecksum.COMPOSITE;
        }
        boolean full = type.equals(StoredChecksum.FULL_OBJECT);
        if ((full && !algorithm.isCrc()) || (!full && algorithm == ChecksumAlgorithm.CRC64NVME)) {
            throw S3Error.invalidRequest("The " + type + " checksum type cannot be used with the "
                    + algorithm.name().toLowerCase(Locale.ROOT) + " checksum algorithm.");
        }
        return type;
    }

    SandboxResponse uploadPart(SandboxRequest request, String bucketName, String key) throws IOException {
        Bucket bucket = store.bucket(bucketName);
        int number = ObjectOperations.partNumber(orEmpty(request.queryParam("partNumber")));
        MultipartUpload upload = store.upload(bucket, key, request.queryParam("uploadId"));
        PayloadReceiver.Payload p = PayloadReceiver.receive(request, store.blobs(), MAX_PART,
                upload.checksumAlgorithm());
        Part part = new Part(number, p.blob(), p.md5Hex(), now(), p.checksum());
        store.putPart(upload, part);
        SandboxResponse r = SandboxResponse.ok().header("ETag", '"' + part.etag() + '"')
                .header("x-amz-server-side-encryption", "AES256");
        if (part.checksum() != null) {
            r.header(part.checksum().algorithm().headerName(), part.checksum().value());
        }
        return r;
    }

    SandboxResponse uploadPartCopy(SandboxRequest request, String bucketName, String key) throws IOException {
        Bucket bucket = store.bucket(bucketName);
        int number = ObjectOperations.partNumber(orEmpty(request.queryParam("partNumber")));
        MultipartUpload upload = store.upload(bucket, key, request.queryParam("uploadId"));
        CopySource from = CopySource.parse(request.header("x-amz-copy-source"));
        StoredObject source = store.retainCurrent(store.bucket(from.bucket()), from.key());
        if (source == null) {
            throw S3Error.noSuchKey(from.key());
        }
        try {
            CopySource.checkConditions(request, source);
            ByteRange range = copyRange(request.header("x-amz-copy-source-range"), source.size());
            long length = range == null ? source.size() : range.length();
            if (length > MAX_PART) {
                throw S3Error.entityTooLarge(length, MAX_PART);
            }
            PayloadReceiver.Payload p = CopySource.copy(store.blobs(), source.content(),
                    range == null ? 0 : range.first(), length, upload.checksumAlgorithm());
            Part part = new Part(number, p.blob(), p.md5Hex(), now(), p.checksum());
            store.putPart(upload, part);
            Xml x = Xml.document("CopyPartResult").element("ETag", '"' + part.etag() + '"')
                    .element("LastModified", S3Time.iso(part.lastModified()));
            if (part.checksum() != null) {
                x.element(part.checksum().algorithm().memberName(), part.checksum().value());
            }
            return S3Responses.xml(x.finish("CopyPartResult")).header("x-amz-server-side-encryption", "AES256");
        } finally {
            source.content().release();
        }
    }

    /** {@code x-amz-copy-source-range: bytes=first-last}, both required and inside the source. */
    private static ByteRange copyRange(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        int dash = h.indexOf('-');
        try {
            if (h.startsWith("bytes=") && dash > 6) {
                long first = Long.parseLong(h.substring(6, dash).trim());
                long last = Long.parseLong(h.substring(dash + 1).trim());
                if (first >= 0 && first <= last && last < size) {
                    return new ByteRange(first, last);
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw S3Error.invalidArgument("Range specified is not valid for source object of size: " + size,
                "x-amz-copy-source-range", header);
    }

    /**
     * What a CompleteMultipartUpload says the object will be: its checksum ({@code x-amz-checksum-<algorithm>}, of
     * the upload's type: COMPOSITE {@code value-N} or FULL_OBJECT) and size ({@code x-amz-mp-object-size}).
     */
    private record ObjectClaim(StoredChecksum checksum, Long size) {

        static ObjectClaim of(SandboxRequest request, MultipartUpload upload) {
            String type = request.header("x-amz-checksum-type");
            String mode = upload.checksumType() == null ? "null" : upload.checksumType();
            if (type != null && !type.trim().equalsIgnoreCase(mode)) {
                throw S3Error.invalidRequest("The upload was created using the " + mode + " checksum mode. The "
                        + "complete request must use the same checksum mode.");
            }
            StoredChecksum claimed = PayloadReceiver.claimedObjectChecksum(request);
            if (claimed != null && upload.checksumAlgorithm() == null) {
                // an upload without an algorithm has no object checksum to hold a claim against
                claimed = null;
            }
            if (claimed != null && claimed.algorithm() != upload.checksumAlgorithm()) {
                throw S3Error.invalidRequest("Checksum Type mismatch occurred, expected checksum Type: "
                        + upload.checksumAlgorithm().name().toLowerCase(Locale.ROOT) + ", actual checksum Type: "
                        + claimed.algorithm().name().toLowerCase(Locale.ROOT));
            }
            String size = request.header("x-amz-mp-object-size");
            Long objectSize = null;
            if (size != null) {
                try {
                    objectSize = Long.parseLong(size.trim());
                } catch (NumberFormatException e) {
                    throw S3Error.invalidRequest("Value for x-amz-mp-object-size header is invalid: '" + size + "'");
                }
                if (objectSize < 0) {
                    throw S3Error.invalidRequest("Value for x-amz-mp-object-size header is less than zero: '" + size
                            + "'");
                }
            }
            return new ObjectClaim(claimed, objectSize);
        }
    }

    /** One {@code <Part>} of a CompleteMultipartUpload request. */
    private record RequestedPart(int number, String etag, String checksum) {
    }

    SandboxResponse complete(SandboxRequest request, String bucketName, String key, String requestId)
            throws IOException {
        Bucket bucket = store.bucket(bucketName);
        MultipartUpload upload = store.upload(bucket, key, request.queryParam("uploadId"));
        S3Store.WriteCondition condition = ObjectOperations.writeCondition(request, key);
        Element root = XmlRequest.parse(PayloadReceiver.receiveCompletion(request, COMPLETE_BODY_LIMIT).bytes());
        if (!"CompleteMultipartUpload".equals(XmlRequest.localName(root))) {
            throw S3Error.malformedXml();
        }
        List<RequestedPart> requested = new ArrayList<>();
        ChecksumAlgorithm algorithm = upload.checksumAlgorithm();
        for (Element e : XmlRequest.children(root, "Part")) {
            String number = XmlRequest.childText(e, "PartNumber");
            String etag = XmlRequest.childText(e, "ETag");
            if (number == null || etag == null) {
                throw S3Error.malformedXml();
            }
            int n;
            try {
                n = Integer.parseInt(number.trim());
            } catch (NumberFormatException ex) {
                throw S3Error.malformedXml();
            }
            String checksum = algorithm == null ? null : XmlRequest.childText(e, algorithm.memberName());
            requested.add(new RequestedPart(n, Preconditions.unquote(etag), checksum == null ? null : checksum.trim()));
        }
        if (requested.isEmpty()) {
            throw S3Error.malformedXml();
        }
        ObjectClaim claim = ObjectClaim.of(request, upload);
        StoredObject o = store.completeUpload(bucket, upload, u -> assemble(u, requested, claim), condition);
        events.created(bucket, o, "ObjectCreated:CompleteMultipartUpload", requestId);
        Xml x = Xml.document("CompleteMultipartUploadResult")
                .element("Location", endpoint + "/" + bucketName + "/" + S3Responses.urlEncode(key))
                .element("Bucket", bucketName).element("Key", key).element("ETag", o.quotedEtag());
        if (o.checksum() != null) {
            x.element(o.checksum().algorithm().memberName(), o.checksum().value())
                    .element("ChecksumType", o.checksum().type());
        }
        return S3Responses.xml(x.finish("CompleteMultipartUploadResult"))
                .header("x-amz-server-side-encryption", "AES256");
    }

    /** Validates the requested part list against the uploaded parts and builds the object from them. */
    private StoredObject assemble(MultipartUpload upload, List<RequestedPart> requested, ObjectClaim claim) {
        ChecksumAlgorithm algorithm = upload.checksumAlgorithm();
        boolean composite = StoredChecksum.COMPOSITE.equals(upload.checksumType());
        List<Part> parts = new ArrayList<>();
        int previous = 0;
        for (RequestedPart r : requested) {
            if (r.number() <= previous) {
                throw new S3Error(400, "InvalidPartOrder", "The list of parts was not in ascending order. Parts must "
                        + "be ordered by part number.").with("UploadId", upload.uploadId());
            }
            previous = r.number();
            Part part = upload.part(r.number());
            if (part == null || !part.etag().equals(r.etag())
                    || (r.checksum() != null && part.checksum() != null && !r.checksum().equals(part.checksum().value()))) {
                throw new S3Error(400, "InvalidPart", "One or more of the specified parts could not be found.  The part "
                        + "may not have been uploaded, or the specified entity tag may not match the part's entity tag.")
                        .with("UploadId", upload.uploadId()).with("PartNumber", r.number()).with("ETag", r.etag());
            }
            if (composite && r.checksum() == null) {
                throw S3Error.invalidRequest("The upload was created using a " + algorithm.name().toLowerCase(Locale.ROOT)
                        + " checksum. The complete request must include the checksum for each part. It was missing "
                        + "for part " + r.number() + " in the request.");
            }
            parts.add(part);
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            Part p = parts.get(i);
            if (p.size() < MIN_PART) {
                throw new S3Error(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed "
                        + "object size.").with("ProposedSize", p.size()).with("MinSizeAllowed", MIN_PART)
                        .with("PartNumber", p.number()).with("ETag", p.etag());
            }
        }
        long size = parts.stream().mapToLong(Part::size).sum();
        if (size > MAX_OBJECT) {
            throw S3Error.entityTooLarge(size, MAX_OBJECT);
        }
        if (claim.size() != null && claim.size() != size) {
            throw S3Error.invalidRequest("The provided 'x-amz-mp-object-size' header value " + claim.size()
                    + " does not match what was computed: " + size);
        }
        MessageDigest md5 = PayloadReceiver.md5();
        List<Blob> blobs = new ArrayList<>();
        for (Part p : parts) {
            md5.update(HexFormat.of().parseHex(p.etag()));
            blobs.add(p.blob());
        }
        String etag = HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
        Content content = new Content(blobs);
        StoredChecksum checksum = null;
        if (algorithm != null) {
            checksum = composite ? compositeChecksum(algorithm, parts) : fullObjectChecksum(algorithm, content);
            // a COMPOSITE value carries "-<parts>", which a header value cannot
            if (claim.checksum() != null && (checksum == null || !checksum.value().replaceFirst("-\\d+$", "")
                    .equals(claim.checksum().value()))) {
                throw S3Error.badDigest("The " + algorithm.name() + " you specified did not match the calculated "
                        + "checksum.");
            }
        }
        return new StoredObject(upload.key(), content, etag, now(), upload.properties(), checksum, parts.size());
    }

    /** S3's COMPOSITE checksum: the checksum of the concatenated part checksums, suffixed with the part count. */
    private static StoredChecksum compositeChecksum(ChecksumAlgorithm algorithm, List<Part> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Part p : parts) {
            if (p.checksum() == null || p.checksum().algorithm() != algorithm) {
                return null;
            }
            all.writeBytes(Base64.getDecoder().decode(p.checksum().value()));
        }
        return new StoredChecksum(algorithm, algorithm.checksumOf(all.toByteArray()) + "-" + parts.size(),
                StoredChecksum.COMPOSITE);
    }

    /** A FULL_OBJECT CRC is of all the bytes: read them once. */
    private static StoredChecksum fullObjectChecksum(ChecksumAlgorithm algorithm, Content content) {
        ChecksumAlgorithm.Running running = algorithm.start();
        try (InputStream in = content.open(0, content.size())) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                running.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return StoredChecksum.full(algorithm, Base64.getEncoder().encodeToString(running.value()));
    }

    SandboxResponse abort(SandboxRequest request, String bucketName, String key) {
        Bucket bucket = store.bucket(bucketName);
        store.abortUpload(bucket, store.upload(bucket, key, request.queryParam("uploadId")));
        return SandboxResponse.status(204);
    }

    SandboxResponse listParts(SandboxRequest request, String bucketName, String key) {
        Bucket bucket = store.bucket(bucketName);
        MultipartUpload upload = store.upload(bucket, key, request.queryParam("uploadId"));
        int max = S3Responses.intParam(request.queryParam("max-parts"), "max-parts", MAX_LISTED, MAX_LISTED,
                "Provided max-parts not an integer or within integer range");
        int marker = S3Responses.intParam(request.queryParam("part-number-marker"), "part-number-marker", 0,
                Integer.MAX_VALUE, "Provided part-number-marker not an integer or within integer range");
        List<Part> page = new ArrayList<>();
        boolean truncated = false;
        for (Part p : upload.parts()) {
            if (p.number() <= marker) {
                continue;
            }
            if (page.size() == max) {
                truncated = true;
                break;
            }
            page.add(p);
        }
        Xml x = Xml.document("ListPartsResult").element("Bucket", bucketName).element("Key", key)
                .element("UploadId", upload.uploadId()).element("PartNumberMarker", marker)
                .element("NextPartNumberMarker", page.isEmpty() ? marker : page.get(page.size() - 1).number())
                .element("MaxParts", max).element("IsTruncated", truncated);
        for (Part p : page) {
            x.open("Part").element("PartNumber", p.number()).element("LastModified", S3Time.iso(p.lastModified()))
                    .element("ETag", '"' + p.etag() + '"').element("Size", p.size());
            if (p.checksum() != null) {
                x.element(p.checksum().algorithm().memberName(), p.checksum().value());
            }
            x.close("Part");
        }
        x.open("Initiator").element("ID", ownerId).close("Initiator").open("Owner").element("ID", ownerId)
                .close("Owner").element("StorageClass", upload.properties().storageClass());
        if (upload.checksumAlgorithm() != null) {
            x.element("ChecksumAlgorithm", upload.checksumAlgorithm().name())
                    .element("ChecksumType", upload.checksumType());
        }
        return S3Responses.xml(x.finish("ListPartsResult"));
    }

    SandboxResponse listUploads(SandboxRequest request, String bucketName) {
        Bucket bucket = store.bucket(bucketName);
        String prefix = orEmpty(request.queryParam("prefix"));
        String delimiter = request.queryParam("delimiter");
        delimiter = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        String keyMarker = request.queryParam("key-marker");
        String idMarker = keyMarker == null ? null : request.queryParam("upload-id-marker");
        int max = S3Responses.intParam(request.queryParam("max-uploads"), "max-uploads", MAX_LISTED, MAX_LISTED,
                "Provided max-uploads not an integer or within integer range");
        boolean url = S3Responses.urlEncoding(request.queryParam("encoding-type"));
        UnaryOperator<String> enc = url ? S3Responses::urlEncode : UnaryOperator.identity();

        List<MultipartUpload> all = new ArrayList<>(bucket.uploads().values());
        all.sort(Comparator.comparing(MultipartUpload::key, KeyOrder.INSTANCE)
                .thenComparing(MultipartUpload::initiated).thenComparing(MultipartUpload::uploadId));
        boolean skipping = idMarker != null;
        List<MultipartUpload> page = new ArrayList<>();
        Set<String> prefixes = new LinkedHashSet<>();
        boolean truncated = false;
        MultipartUpload lastUpload = null;
        for (MultipartUpload u : all) {
            if (!u.key().startsWith(prefix) || u.isFinished()) {
                continue;
            }
            if (keyMarker != null) {
                int c = KeyOrder.INSTANCE.compare(u.key(), keyMarker);
                if (c < 0 || (c == 0 && idMarker == null)) {
                    continue;
                }
                if (c == 0 && skipping) {
                    skipping = !u.uploadId().equals(idMarker);
                    continue;
                }
            }
            int at = delimiter == null ? -1 : u.key().indexOf(delimiter, prefix.length());
            String common = at < 0 ? null : u.key().substring(0, at + delimiter.length());
            if (common != null && prefixes.contains(common)) {
                continue;
            }
            if (page.size() + prefixes.size() == max) {
                truncated = true;
                break;
            }
            if (common != null) {
                prefixes.add(common);
            } else {
                page.add(u);
                lastUpload = u;
            }
        }
        Xml x = Xml.document("ListMultipartUploadsResult").element("Bucket", bucketName)
                .element("KeyMarker", enc.apply(orEmpty(keyMarker))).element("UploadIdMarker", orEmpty(idMarker));
        if (truncated && lastUpload != null) {
            x.element("NextKeyMarker", enc.apply(lastUpload.key())).element("NextUploadIdMarker", lastUpload.uploadId());
        }
        x.element("Delimiter", delimiter == null ? null : enc.apply(delimiter)).element("Prefix", enc.apply(prefix))
                .element("MaxUploads", max).element("IsTruncated", truncated);
        for (MultipartUpload u : page) {
            x.open("Upload").element("Key", enc.apply(u.key())).element("UploadId", u.uploadId())
                    .open("Initiator").element("ID", ownerId).close("Initiator")
                    .open("Owner").element("ID", ownerId).close("Owner")
                    .element("StorageClass", u.properties().storageClass())
                    .element("Initiated", S3Time.iso(u.initiated()));
            if (u.checksumAlgorithm() != null) {
                x.element("ChecksumAlgorithm", u.checksumAlgorithm().name()).element("ChecksumType", u.checksumType());
            }
            x.close("Upload");
        }
        for (String p : prefixes) {
            x.open("CommonPrefixes").element("Prefix", enc.apply(p)).close("CommonPrefixes");
        }
        if (url) {
            x.element("EncodingType", "url");
        }
        return S3Responses.xml(x.finish("ListMultipartUploadsResult"));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
