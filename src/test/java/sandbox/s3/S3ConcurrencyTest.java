package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ConcurrencyTest extends SandboxTestSupport {

    @Test
    void concurrentPutsGetsListsAndDeletesStayConsistent() throws Exception {
        S3Client s3 = s3();
        s3.createBucket(b -> b.bucket("busy"));
        int threads = 12;
        int perThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String key = "t" + thread + "/k" + i;
                        String value = key + "=" + "x".repeat(i);
                        s3.putObject(b -> b.bucket("busy").key(key), RequestBody.fromString(value));
                        assertThat(s3.getObjectAsBytes(b -> b.bucket("busy").key(key)).asUtf8String()).isEqualTo(value);
                        if (i % 3 == 0) {
                            s3.deleteObject(b -> b.bucket("busy").key(key));
                            try {
                                s3.headObject(b -> b.bucket("busy").key(key));
                                throw new AssertionError("deleted key still there: " + key);
                            } catch (NoSuchKeyException expected) {
                                // gone, as it should be
                            }
                        }
                    }
                    return null;
                }));
            }
            for (int l = 0; l < 2; l++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 30; i++) {
                        List<S3Object> page = s3.listObjectsV2Paginator(b -> b.bucket("busy")).contents().stream().toList();
                        Set<String> unique = new HashSet<>();
                        page.forEach(o -> assertThat(unique.add(o.key())).isTrue());
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket("busy")).contents().stream().map(S3Object::key).toList();
        assertThat(keys).hasSize(threads * (perThread - perThread / 3));
        assertThat(keys).allSatisfy(k -> assertThat(Integer.parseInt(k.substring(k.indexOf("/k") + 2)) % 3).isNotZero());
    }
}
