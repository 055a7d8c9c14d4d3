package sandbox.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sandbox.core.Json;

/**
 * The S3 metadata journal's entries, one JSON object per change: {@code bucket}, {@code dropBucket},
 * {@code put}, {@code delete}, {@code upload}, {@code part}, {@code endUpload}, {@code notification}. Object bytes are not
 * in it, only the ids of their blob files.
 */
final class S3Journal {

    private S3Journal() {
    }

    static ObjectNode bucket(Bucket b) {
        return Json.object().put("op", "bucket").put("name", b.name()).put("created", b.created().toEpochMilli())
                .put("region", b.region());
    }

    static ObjectNode notification(String bucket, NotificationConfiguration config) {
        ObjectNode n = Json.object().put("op", "notification").put("bucket", bucket);
        n.set("queues", config.toJson());
        return n;
    }

    static ObjectNode dropBucket(String name) {
        return Json.object().put("op", "dropBucket").put("name", name);
    }

    static ObjectNode put(String bucket, StoredObject o) {
        ObjectNode n = Json.object().put("op", "put").put("bucket", bucket).put("key", o.key()).put("etag", o.etag())
                .put("modified", o.lastModified().toEpochMilli()).put("parts", o.partsCount());
        n.set("props", properties(o.properties()));
        if (o.checksum() != null) {
            n.set("checksum", checksum(o.checksum()));
        }
        ArrayNode segs = n.putArray("blobs");
        o.content().segments().forEach(s -> segs.add(blob(s)));
        return n;
    }

    static ObjectNode delete(String bucket, String key) {
        return Json.object().put("op", "delete").put("bucket", bucket).put("key", key);
    }

    static ObjectNode upload(String bucket, MultipartUpload u) {
        ObjectNode n = Json.object().put("op", "upload").put("bucket", bucket).put("key", u.key())
                .put("id", u.uploadId()).put("initiated", u.initiated().toEpochMilli());
        n.set("props", properties(u.properties()));
        if (u.checksumAlgorithm() != null) {
            n.put("algorithm", u.checksumAlgorithm().name()).put("checksumType", u.checksumType());
        }
        return n;
    }

    static ObjectNode part(String uploadId, Part p) {
        ObjectNode n = Json.object().put("op", "part").put("upload", uploadId).put("number", p.number())
                .put("etag", p.etag()).put("modified", p.lastModified().toEpochMilli());
        n.set("blob", blob(p.blob()));
        if (p.checksum() != null) {
            n.set("checksum", checksum(p.checksum()));
        }
        return n;
    }

    static ObjectNode endUpload(String uploadId) {
        return Json.object().put("op", "endUpload").put("upload", uploadId);
    }

    /** Rebuilds an object from a {@code put} entry; null if one of its blob files is gone. */
    static StoredObject object(JsonNode n, BlobStore blobs) {
        List<Blob> segments = new ArrayList<>();
        for (Iterator<JsonNode> it = n.path("blobs").elements(); it.hasNext(); ) {
            Blob b = restore(it.next(), blobs);
            if (b == null) {
                return null;
            }
            segments.add(b);
        }
        return new StoredObject(n.path("key").asText(), new Content(segments), n.path("etag").asText(),
                Instant.ofEpochMilli(n.path("modified").asLong()), properties(n.path("props")),
                checksum(n.get("checksum")), n.path("parts").asInt());
    }

    static MultipartUpload upload(JsonNode n) {
        return new MultipartUpload(n.path("key").asText(), n.path("id").asText(),
                Instant.ofEpochMilli(n.path("initiated").asLong()), properties(n.path("props")),
                ChecksumAlgorithm.byName(n.path("algorithm").asText(null)), n.path("checksumType").asText(null));
    }

    /** Rebuilds a part from a {@code part} entry; null if its blob file is gone. */
    static Part part(JsonNode n, BlobStore blobs) {
        Blob b = restore(n.path("blob"), blobs);
        return b == null ? null : new Part(n.path("number").asInt(), b, n.path("etag").asText(),
                Instant.ofEpochMilli(n.path("modified").asLong()), checksum(n.get("checksum")));
    }

    private static ObjectNode blob(Blob b) {
        return Json.object().put("id", b.id()).put("size", b.size());
    }

    private static Blob restore(JsonNode n, BlobStore blobs) {
        return blobs.restore(n.path("id").asText(null), n.path("size").asLong(-1));
    }

    private static ObjectNode checksum(StoredChecksum c) {
        return Json.object().put("algorithm", c.algorithm().name()).put("value", c.value()).put("type", c.type());
    }

    private static StoredChecksum checksum(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        ChecksumAlgorithm a = ChecksumAlgorithm.byName(n.path("algorithm").asText(null));
        return a == null ? null : new StoredChecksum(a, n.path("value").asText(), n.path("type").asText());
    }

    private static ObjectNode properties(ObjectProperties p) {
        ObjectNode n = Json.object().put("contentType", p.contentType()).put("storageClass", p.storageClass());
        putIfSet(n, "contentEncoding", p.contentEncoding());
        putIfSet(n, "contentDisposition", p.contentDisposition());
        putIfSet(n, "contentLanguage", p.contentLanguage());
        putIfSet(n, "cacheControl", p.cacheControl());
        putIfSet(n, "expires", p.expires());
        putIfSet(n, "websiteRedirectLocation", p.websiteRedirectLocation());
        ObjectNode meta = n.putObject("metadata");
        p.metadata().forEach(meta::put);
        return n;
    }

    private static ObjectProperties properties(JsonNode n) {
        Map<String, String> meta = new TreeMap<>();
        n.path("metadata").properties().forEach(e -> meta.put(e.getKey(), e.getValue().asText()));
        return new ObjectProperties(n.path("contentType").asText(null), n.path("contentEncoding").asText(null),
                n.path("contentDisposition").asText(null), n.path("contentLanguage").asText(null),
                n.path("cacheControl").asText(null), n.path("expires").asText(null),
                n.path("websiteRedirectLocation").asText(null), meta, n.path("storageClass").asText(null));
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
