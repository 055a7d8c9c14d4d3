package inventory.resources;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * The bucket the stores upload to. Found by name without a call: the AWS readiness check and the first poll or
 * notification tell whether it exists and may be read (a HeadBucket here would need s3:ListBucket in events mode).
 */
final class UploadBucket implements Resource<String> {

    private static final Logger LOG = LoggerFactory.getLogger(UploadBucket.class);

    private final S3Client s3;
    private final String name;

    UploadBucket(S3Client s3, String name) {
        this.s3 = s3;
        this.name = name;
    }

    @Override
    public String create() {
        try {
            s3.headBucket(b -> b.bucket(name));
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(name));
                LOG.info("Created bucket {}", name);
            } catch (BucketAlreadyOwnedByYouException raced) {
                // created meanwhile: fine
            }
        }
        return name;
    }

    @Override
    public String find() {
        return name;
    }
}
