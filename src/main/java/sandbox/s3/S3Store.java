package sandbox.s3;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Journal;

/**
 * The S3 state: buckets, objects and multipart uploads, in memory, with a metadata journal and blob
 * files when persistent. Writes of one key are serialized by a striped lock (so the journal order is
 * the order clients saw); different keys never wait for each other. Readers take no lock.
 */
final class S3Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Store.class);
    private static final int STRIPES = 1024;

    /** Checked against the current version of a key just before a write replaces it (conditional writes). */
    @FunctionalInterface
    interface WriteCondition {
        void check(StoredObject current);
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final BlobStore blobs;
    private final Journal journal;
    private final Object bucketAdmin = new Object();
    private final Object[] stripes = new Object[STRIPES];

    S3Store(Optional<Path> dataDir) {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        if (dataDir.isPresent()) {
            this.blobs = new FileBlobStore(dataDir.get());
            this.journal = Journal.open(dataDir.get().resolve("s3-journal.jsonl"));
            load();
        } else {
            this.blobs = new MemoryBlobStore();
            this.journal = null;
        }
    }

    BlobStore blobs() {
        return blobs;
    }

    // ---- buckets

    Bucket bucket(String name) {
        Bucket b = buckets.get(name);
        if (b == null) {
            throw S3Error.noSuchBucket(name);
        }
        return b;
    }

    List<Bucket> buckets() {
        List<Bucket> all = new ArrayList<>(buckets.values());
        all.sort(Comparator.comparing(Bucket::name));
        return all;
    }

    /** Creates the bucket; false if it already exists. */
    boolean createBucket(String name, Instant created, String region) {
        synchronized (bucketAdmin) {
            if (buckets.containsKey(name)) {
                return false;
            }
            Bucket b = new Bucket(name, created, region);
            append(() -> S3Journal.bucket(b));
            buckets.put(name, b);
            return true;
        }
    }

    void deleteBucket(String name) {
        Bucket b;
        synchronized (bucketAdmin) {
            b = bucket(name);
            Lock w = b.lock().writeLock();
            w.lock();
            try {
                if (!b.objects().isEmpty()) {
                    throw new S3Error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty")
                            .with("BucketName", name);
                }
                append(() -> S3Journal.dropBucket(name));
                b.markDeleted();
                buckets.remove(name);
            } finally {
                w.unlock();
            }
        }
        // outside the bucket lock: upload locks are taken before bucket locks elsewhere
        for (MultipartUpload u : b.uploads().values()) {
            try {
                abortUpload(b, u);
            } catch (S3Error alreadyEnded) {
                // completed or aborted meanwhile
            }
        }
    }

    /** Replaces the bucket's notification configuration (an empty one turns notifications off). */
    void setNotifications(Bucket bucket, NotificationConfiguration config) {
        synchronized (bucketAdmin) {
            if (bucket.isDeleted()) {
                throw S3Error.noSuchBucket(bucket.name());
            }
            append(() -> S3Journal.notification(bucket.name(), config));
            bucket.notifications(config);
        }
    }

    // ---- objects

    /**
     * Makes {@code object} the current version of its key. The store owns its content from here on:
     * if the write fails (bucket gone, condition false) the content is released.
     */
    StoredObject commit(Bucket bucket, StoredObject object, WriteCondition condition) {
        try {
            install(bucket, object, condition);
            return object;
        } catch (RuntimeException e) {
            object.content().release();
            throw e;
        }
    }

    private void install(Bucket bucket, StoredObject object, WriteCondition condition) {
        Lock r = bucket.lock().readLock();
        r.lock();
        try {
            if (bucket.isDeleted()) {
                throw S3Error.noSuchBucket(bucket.name());
            }
            synchronized (stripe(bucket.name(), object.key())) {
                StoredObject current = bucket.objects().get(object.key());
                if (condition != null) {
                    condition.check(current);
                }
                append(() -> S3Journal.put(bucket.name(), object));
                bucket.objects().put(object.key(), object);
                if (current != null) {
                    current.content().release();
                }
            }
        } finally {
            r.unlock();
        }
    }

    /** The current version with a reader's reference on its content (release it when done), or null. */
    StoredObject retainCurrent(Bucket bucket, String key) {
        while (true) {
            StoredObject o = bucket.objects().get(key);
            if (o == null || o.content().retain()) {
                return o;
            }
            // replaced and released between the lookup and the retain: read the new version
        }
    }

    /** Deletes the key; true if it existed. */
    boolean delete(Bucket bucket, String key) {
        return delete(bucket, key, null);
    }

    /** Deletes the key's current version if {@code condition} (when given) holds for it, checked under the key's lock. */
    boolean delete(Bucket bucket, String key, WriteCondition condition) {
        Lock r = bucket.lock().readLock();
        r.lock();
        try {
            if (bucket.isDeleted()) {
                throw S3Error.noSuchBucket(bucket.name());
            }
            synchronized (stripe(bucket.name(), key)) {
                StoredObject current = bucket.objects().get(key);
                if (condition != null) {
                    condition.check(current);
                }
                if (current == null) {
                    return false;
                }
                append(() -> S3Journal.delete(bucket.name(), key));
                bucket.objects().remove(key);
                current.content().release();
                return true;
            }
        } finally {
            r.unlock();
        }
    }

    // ---- multipart uploads

    void startUpload(Bucket bucket, MultipartUpload upload) {
        Lock r = bucket.lock().readLock();
        r.lock();
        try {
            if (bucket.isDeleted()) {
                throw S3Error.noSuchBucket(bucket.name());
            }
            append(() -> S3Journal.upload(bucket.name(), upload));
            bucket.uploads().put(upload.uploadId(), upload);
        } finally {
            r.unlock();
        }
    }

    MultipartUpload upload(Bucket bucket, String key, String uploadId) {
        MultipartUpload u = uploadId == null ? null : bucket.uploads().get(uploadId);
        if (u == null || !u.key().equals(key) || u.isFinished()) {
            throw S3Error.noSuchUpload(uploadId);
        }
        return u;
    }

    /** Stores a part, replacing one with the same number. Takes ownership of the part's blob. */
    void putPart(MultipartUpload upload, Part part) {
        Part replaced;
        try {
            synchronized (upload) {
                if (upload.isFinished()) {
                    throw S3Error.noSuchUpload(upload.uploadId());
                }
                append(() -> S3Journal.part(upload.uploadId(), part));
                replaced = upload.putPart(part);
            }
        } catch (RuntimeException e) {
            part.blob().delete();
            throw e;
        }
        if (replaced != null) {
            replaced.blob().delete();
        }
    }

    /** Builds the final object from the upload's parts (under the upload's lock). */
    @FunctionalInterface
    interface Assembly {
        StoredObject assemble(MultipartUpload upload);
    }

    /**
     * Completes an upload: {@code assembly} validates the part list and builds the object from part
     * blobs; the object is committed, the upload ends and the parts that were left out are deleted.
     * If anything fails the upload stays as it was, so the client can retry.
     */
    StoredObject completeUpload(Bucket bucket, MultipartUpload upload, Assembly assembly, WriteCondition condition) {
        synchronized (upload) {
            if (upload.isFinished()) {
                throw S3Error.noSuchUpload(upload.uploadId());
            }
            StoredObject object = assembly.assemble(upload);
            install(bucket, object, condition);
            upload.finish();
            bucket.uploads().remove(upload.uploadId());
            append(() -> S3Journal.endUpload(upload.uploadId()));
            Set<Blob> used = new HashSet<>(object.content().segments());
            for (Part p : upload.parts()) {
                if (!used.contains(p.blob())) {
                    p.blob().delete();
                }
            }
            return object;
        }
    }

    void abortUpload(Bucket bucket, MultipartUpload upload) {
        synchronized (upload) {
            if (!upload.finish()) {
                throw S3Error.noSuchUpload(upload.uploadId());
            }
            bucket.uploads().remove(upload.uploadId());
            append(() -> S3Journal.endUpload(upload.uploadId()));
            upload.parts().forEach(p -> p.blob().delete());
        }
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
        blobs.close();
    }

    private Object stripe(String bucket, String key) {
        int h = bucket.hashCode() * 31 + key.hashCode();
        return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
    }

    /** Journals a change when persistent; in memory the entry is not even built. */
    private void append(Supplier<JsonNode> entry) {
        if (journal != null) {
            journal.append(entry.get());
        }
    }

    // ---- persistence

    /** Replays the journal, compacts it to the current state and deletes blob files nobody uses. */
    private void load() {
        Map<String, MultipartUpload> uploads = new HashMap<>();
        Map<String, Bucket> uploadBucket = new HashMap<>();
        int skipped = 0;
        for (JsonNode e : journal.replay()) {
            String op = e.path("op").asText();
            Bucket b = buckets.get(e.path(op.equals("bucket") || op.equals("dropBucket") ? "name" : "bucket").asText());
            switch (op) {
                case "bucket" -> buckets.put(e.path("name").asText(), new Bucket(e.path("name").asText(),
                        Instant.ofEpochMilli(e.path("created").asLong()), e.path("region").asText()));
                case "dropBucket" -> buckets.remove(e.path("name").asText());
                case "notification" -> {
                    if (b != null) {
                        b.notifications(NotificationConfiguration.fromJson(e.path("queues")));
                    }
                }
                case "put" -> {
                    StoredObject o = b == null ? null : S3Journal.object(e, blobs);
                    if (o != null) {
                        b.objects().put(o.key(), o);
                    } else {
                        skipped++;
                    }
                }
                case "delete" -> {
                    if (b != null) {
                        b.objects().remove(e.path("key").asText());
                    }
                }
                case "upload" -> {
                    if (b != null) {
                        MultipartUpload u = S3Journal.upload(e);
                        b.uploads().put(u.uploadId(), u);
                        uploads.put(u.uploadId(), u);
                        uploadBucket.put(u.uploadId(), b);
                    }
                }
                case "part" -> {
                    MultipartUpload u = uploads.get(e.path("upload").asText());
                    Part p = u == null ? null : S3Journal.part(e, blobs);
                    if (p != null) {
                        u.putPart(p);
                    }
                }
                case "endUpload" -> {
                    MultipartUpload u = uploads.remove(e.path("upload").asText());
                    if (u != null) {
                        uploadBucket.remove(u.uploadId()).uploads().remove(u.uploadId());
                    }
                }
                default -> LOG.warn("Ignoring unknown S3 journal entry '{}'", op);
            }
        }
        if (skipped > 0) {
            LOG.warn("{} S3 object version(s) in {} had missing bytes and were dropped", skipped, journal.file());
        }
        List<JsonNode> snapshot = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        int objects = 0;
        for (Bucket b : buckets()) {
            snapshot.add(S3Journal.bucket(b));
            if (!b.notifications().isEmpty()) {
                snapshot.add(S3Journal.notification(b.name(), b.notifications()));
            }
            for (StoredObject o : b.objects().values()) {
                snapshot.add(S3Journal.put(b.name(), o));
                o.content().segments().forEach(s -> referenced.add(s.id()));
                objects++;
            }
            for (MultipartUpload u : b.uploads().values()) {
                snapshot.add(S3Journal.upload(b.name(), u));
                for (Part p : u.parts()) {
                    snapshot.add(S3Journal.part(u.uploadId(), p));
                    referenced.add(p.blob().id());
                }
            }
        }
        journal.rewrite(snapshot.iterator());
        blobs.retainOnly(referenced);
        LOG.info("S3 state loaded from {}: {} bucket(s), {} object(s)", journal.file().getParent(), buckets.size(),
                objects);
    }
}
