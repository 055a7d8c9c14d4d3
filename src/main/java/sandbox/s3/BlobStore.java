package sandbox.s3;

import java.io.IOException;
import java.util.Set;

/** Where object bytes live: in memory, or in files named by random ids (never by keys). */
interface BlobStore extends AutoCloseable {

    /** A sink for a new blob; {@code expectedSize} is a hint (-1 if unknown). */
    BlobSink create(long expectedSize) throws IOException;

    /** The same bytes as a blob with its own lifetime (deleting one leaves the other). */
    Blob duplicate(Blob blob) throws IOException;

    /** A blob written by an earlier run, or null if its bytes are gone. */
    Blob restore(String id, long size);

    /** Deletes every stored blob not in {@code ids}, and leftovers of interrupted writes. */
    void retainOnly(Set<String> ids);

    @Override
    default void close() {
    }
}
