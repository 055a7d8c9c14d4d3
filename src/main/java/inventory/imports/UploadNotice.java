package inventory.imports;

/**
 * One object S3 says was created, from a record of an {@code s3:ObjectCreated:*} event notification. Its
 * {@link #toString()} is safe to log (escaped, clipped): every part of it came from outside.
 *
 * @param bucket    the bucket's name
 * @param key       the object key, decoded (S3 sends it URL-encoded, a space as {@code +})
 * @param eventName e.g. {@code ObjectCreated:Put}
 * @param size      the object's size in bytes when the event was sent
 */
public record UploadNotice(String bucket, String key, String eventName, long size) {

    @Override
    public String toString() {
        return "s3://" + Printable.of(bucket) + "/" + Printable.of(key) + " (" + Printable.of(eventName) + ")";
    }
}
