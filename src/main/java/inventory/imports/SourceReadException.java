package inventory.imports;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reading the uploaded object failed (network, S3): a reason to try the file again later, not a sign
 * that the file is bad. {@link #guard} marks such failures so they are not mistaken for broken CSV.
 */
public final class SourceReadException extends IOException {
    private static final long serialVersionUID = 1L;

    public SourceReadException(IOException cause) {
        super("reading the object from S3 failed: " + cause.getMessage(), cause);
    }

    /** Wraps a stream so its I/O failures surface as {@link SourceReadException}. */
    public static InputStream guard(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (SourceReadException e) {
                    throw e;
                } catch (IOException e) {
                    throw new SourceReadException(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (SourceReadException e) {
                    throw e;
                } catch (IOException e) {
                    throw new SourceReadException(e);
                }
            }
        };
    }
}
