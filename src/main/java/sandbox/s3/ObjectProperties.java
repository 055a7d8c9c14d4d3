package sandbox.s3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/**
 * What S3 stores with an object besides its bytes: the standard HTTP headers it replays on GET,
 * user metadata ({@code x-amz-meta-*}, names lower-cased as S3 returns them) and the storage class.
 */
record ObjectProperties(String contentType, String contentEncoding, String contentDisposition,
                        String contentLanguage, String cacheControl, String expires, String websiteRedirectLocation,
                        Map<String, String> metadata, String storageClass) {

    static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    static final String STANDARD = "STANDARD";
    private static final int METADATA_LIMIT = 2048;
    private static final String META_PREFIX = "x-amz-meta-";
    private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA",
            "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW",
            "EXPRESS_ONEZONE", "FSX_OPENZFS", "FSX_ONTAP");
    /** Classes whose objects must be restored before they can be read. */
    private static final Set<String> ARCHIVED = Set.of("GLACIER", "DEEP_ARCHIVE");

    ObjectProperties {
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        contentType = contentType == null ? DEFAULT_CONTENT_TYPE : contentType;
        storageClass = storageClass == null ? STANDARD : storageClass;
    }

    /** The properties a PUT, a multipart upload or a REPLACE copy sets. */
    static ObjectProperties fromRequest(SandboxRequest request) {
        Map<String, String> meta = new TreeMap<>();
        long metaBytes = 0;
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(META_PREFIX) && name.length() > META_PREFIX.length()) {
                String key = name.substring(META_PREFIX.length());
                String value = UserMetadataText.decode(String.join(",", h.getValue()));
                meta.put(key, value);
                metaBytes += key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (metaBytes > METADATA_LIMIT) {
            throw new S3Error(400, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size")
                    .with("Size", metaBytes).with("MaxSizeAllowed", METADATA_LIMIT);
        }
        return new ObjectProperties(blankToNull(request.header("Content-Type")),
                storedEncoding(request.header("Content-Encoding")), blankToNull(request.header("Content-Disposition")),
                blankToNull(request.header("Content-Language")), blankToNull(request.header("Cache-Control")),
                blankToNull(request.header("Expires")), blankToNull(request.header("x-amz-website-redirect-location")),
                meta, storageClass(request));
    }

    /** The {@code x-amz-storage-class} header, checked; null when absent. */
    static String storageClass(SandboxRequest request) {
        String sc = blankToNull(request.header("x-amz-storage-class"));
        if (sc != null && !STORAGE_CLASSES.contains(sc)) {
            throw new S3Error(400, "InvalidStorageClass", "The storage class you specified is not valid")
                    .with("StorageClassRequested", sc);
        }
        return sc;
    }

    ObjectProperties withStorageClass(String sc) {
        return sc == null ? this : new ObjectProperties(contentType, contentEncoding, contentDisposition,
                contentLanguage, cacheControl, expires, websiteRedirectLocation, metadata, sc);
    }

    boolean isArchived() {
        return ARCHIVED.contains(storageClass);
    }

    /** The headers GET and HEAD return, with the {@code response-*} overrides of the query applied. */
    void writeHeaders(SandboxResponse response, SandboxRequest request) {
        response.header("Content-Type", override(request, "response-content-type", contentType));
        response.header("Content-Encoding", override(request, "response-content-encoding", contentEncoding));
        response.header("Content-Disposition", override(request, "response-content-disposition", contentDisposition));
        response.header("Content-Language", override(request, "response-content-language", contentLanguage));
        response.header("Cache-Control", override(request, "response-cache-control", cacheControl));
        response.header("Expires", override(request, "response-expires", expires));
        response.header("x-amz-website-redirect-location", websiteRedirectLocation);
        metadata.forEach((k, v) -> response.header(META_PREFIX + k, UserMetadataText.encode(v)));
        if (!STANDARD.equals(storageClass)) {
            response.header("x-amz-storage-class", storageClass);
        }
    }

    private static String override(SandboxRequest request, String param, String stored) {
        String v = request.queryParam(param);
        return v != null && !v.isEmpty() ? v : stored;
    }

    /** {@code aws-chunked} describes the upload framing, not the object: S3 does not keep it. */
    static String storedEncoding(String header) {
        if (header == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String token : header.split(",")) {
            String t = token.trim();
            if (!t.isEmpty() && !t.equalsIgnoreCase("aws-chunked")) {
                kept.add(t);
            }
        }
        return kept.isEmpty() ? null : String.join(",", kept);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
