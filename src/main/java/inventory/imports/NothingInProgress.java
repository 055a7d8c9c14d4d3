package inventory.imports;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The S3 consumer's in-progress repository for the import route: it remembers nothing. Camel 4.17's aws2-s3
 * consumer marks an object in progress before its GetObject and, when that GetObject fails, never unmarks it,
 * so one S3 hiccup left the upload unimported until a restart. The import route takes one object per poll and
 * finishes it inside that poll, so no object is ever in progress when the next poll lists the bucket.
 */
public final class NothingInProgress extends ServiceSupport implements IdempotentRepository {

    @Override
    public boolean add(String key) {
        return true;
    }

    @Override
    public boolean contains(String key) {
        return false;
    }

    @Override
    public boolean remove(String key) {
        return true;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        // nothing to forget
    }
}
