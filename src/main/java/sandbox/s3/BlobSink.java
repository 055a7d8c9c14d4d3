package sandbox.s3;

import java.io.IOException;

/** Receives the bytes of a new blob; nothing is visible until {@link #commit()}. */
interface BlobSink {

    void write(byte[] b, int off, int len) throws IOException;

    /** Makes the bytes a blob, in one step. */
    Blob commit() throws IOException;

    /** Throws the bytes away (upload failed). Safe to call after commit: it then does nothing. */
    void discard();
}
