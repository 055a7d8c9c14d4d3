package sandbox.s3;

import java.io.IOException;
import java.io.InputStream;

/** Immutable stored bytes: a whole small object, or one part of a multipart object. */
interface Blob {

    /** The persistent id (file name) of the bytes; null when they live in memory. */
    String id();

    long size();

    /** Reads {@code length} bytes from {@code offset}. */
    InputStream open(long offset, long length) throws IOException;

    /** Frees the bytes; nobody may read them afterwards. */
    void delete();
}
