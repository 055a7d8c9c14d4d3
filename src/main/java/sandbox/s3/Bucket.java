package sandbox.s3;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A bucket: its objects sorted in S3 listing order, and its multipart uploads. Object writes share
 * the bucket's read lock; deleting the bucket takes the write lock, so it never races a PUT.
 */
final class Bucket {

    private final String name;
    private final Instant created;
    private final String region;
    private final ConcurrentSkipListMap<String, StoredObject> objects = new ConcurrentSkipListMap<>(KeyOrder.INSTANCE);
    private final ConcurrentHashMap<String, MultipartUpload> uploads = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean deleted;
    private volatile NotificationConfiguration notifications = NotificationConfiguration.EMPTY;

    Bucket(String name, Instant created, String region) {
        this.name = name;
        this.created = created;
        this.region = region;
    }

    String name() {
        return name;
    }

    Instant created() {
        return created;
    }

    String region() {
        return region;
    }

    ConcurrentSkipListMap<String, StoredObject> objects() {
        return objects;
    }

    ConcurrentHashMap<String, MultipartUpload> uploads() {
        return uploads;
    }

    ReadWriteLock lock() {
        return lock;
    }

    NotificationConfiguration notifications() {
        return notifications;
    }

    void notifications(NotificationConfiguration config) {
        this.notifications = config;
    }

    boolean isDeleted() {
        return deleted;
    }

    void markDeleted() {
        deleted = true;
    }
}
