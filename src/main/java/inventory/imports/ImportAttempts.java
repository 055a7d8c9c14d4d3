package inventory.imports;

/**
 * How often an import of an upload was started, kept where a restart finds it: a file that takes the process down
 * (out of memory with {@code -XX:+ExitOnOutOfMemoryError}, an OOM kill, a crash) is counted although the process
 * never got to say so, and after {@code inventory.import.max-attempts} starts it goes to the failed prefix instead of
 * crashing the process in a loop. Counted per upload: a new version of the key (another ETag or LastModified) starts
 * again at one. The S3 object itself is never rewritten to count (a copy would change LastModified, the rows'
 * fallback {@code updatedAt}). In {@code events} mode the queue's receive count does this and nothing here is used.
 */
public interface ImportAttempts {

    /**
     * Records that an import of the file starts.
     *
     * @return which attempt this is, 1 for the first
     * @throws RetryableImportException when it cannot be recorded (the import does not start)
     */
    int start(UploadedFile file);

    /** The file ended (processed or failed): its count goes. A failure here is logged, never thrown. */
    void finish(UploadedFile file);

    /** What identifies one version of an upload: a re-upload of the key is a new file. */
    static String version(UploadedFile file) {
        return file.etag() + "@" + (file.lastModified() == null ? "" : file.lastModified().toString());
    }
}
