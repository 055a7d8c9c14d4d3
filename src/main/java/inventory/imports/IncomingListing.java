package inventory.imports;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Whether a key is still in the incoming prefix, asked the one way the runtime policy allows: a listing of that
 * prefix ({@code s3:ListBucket} with {@code s3:prefix}). S3 tells a caller that a key does not exist (404 NoSuchKey)
 * only when the caller may list the whole bucket; to the app it answers a missing key's GetObject and HeadObject with
 * 403 AccessDenied, the answer it gives for a key the app may not read. The listing tells the two apart.
 */
public final class IncomingListing {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public IncomingListing(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * True when a listing of the incoming prefix holds {@code key}. It starts after the key's own prefix (the key less
     * its last character) and pages on until it reaches or passes the key in S3's order, UTF-8 binary.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when S3 cannot be asked
     */
    public boolean lists(String key) {
        if (!key.startsWith(prefix) || key.length() == prefix.length()) {
            return false;
        }
        byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
        String startAfter = key.substring(0, key.offsetByCodePoints(key.length(), -1));
        String token = null;
        do {
            String page = token;
            ListObjectsV2Response listing = s3.listObjectsV2(l -> l.bucket(bucket).prefix(prefix)
                    .startAfter(page == null ? startAfter : null).continuationToken(page));
            for (S3Object object : listing.contents()) {
                int order = Arrays.compareUnsigned(object.key().getBytes(StandardCharsets.UTF_8), wanted);
                if (order >= 0) {
                    return order == 0;
                }
            }
            token = Boolean.TRUE.equals(listing.isTruncated()) ? listing.nextContinuationToken() : null;
        } while (token != null);
        return false;
    }
}
