package sandbox.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/** CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation, GetBucketVersioning. */
final class BucketOperations {

    private static final Logger LOG = LoggerFactory.getLogger(BucketOperations.class);
    private static final String US_EAST_1 = "us-east-1";

    private final S3Store store;
    private final Clock clock;
    private final String region;
    private final String ownerId;

    BucketOperations(S3Store store, Clock clock, String region, String ownerId) {
        this.store = store;
        this.clock = clock;
        this.region = region;
        this.ownerId = ownerId;
    }

    SandboxResponse create(SandboxRequest request, String name) throws IOException {
        BucketName.check(name);
        byte[] body = PayloadReceiver.receiveSmall(request, 64 * 1024).bytes();
        String constraint = null;
        if (!new String(body, StandardCharsets.UTF_8).isBlank()) {
            Element root = XmlRequest.parse(body);
            if (!"CreateBucketConfiguration".equals(XmlRequest.localName(root))) {
                throw S3Error.malformedXml();
            }
            constraint = XmlRequest.childText(root, "LocationConstraint");
            constraint = constraint == null || constraint.isBlank() ? null : constraint.trim();
        }
        String bucketRegion = bucketRegion(constraint);
        if (!store.createBucket(name, S3Time.truncate(clock.instant()), bucketRegion)) {
            if (!US_EAST_1.equals(region)) {
                throw new S3Error(409, "BucketAlreadyOwnedByYou",
                        "Your previous request to create the named bucket succeeded and you already own it.")
                        .with("BucketName", name);
            }
            // us-east-1 answers a repeated create of your own bucket with 200, for compatibility
            return SandboxResponse.ok().header("Location", "/" + name);
        }
        LOG.info("S3 bucket {} created", name);
        return SandboxResponse.ok().header("Location", "/" + name);
    }

    /** The region a new bucket lands in, following S3's location constraint rules for this endpoint's region. */
    private String bucketRegion(String constraint) {
        if (US_EAST_1.equals(region)) {
            if (constraint == null) {
                return US_EAST_1;
            }
            if (constraint.equals(US_EAST_1)) {
                throw new S3Error(400, "InvalidLocationConstraint", "The specified location-constraint is not valid")
                        .with("LocationConstraint", constraint);
            }
            return constraint; // the us-east-1 endpoint creates buckets in other regions
        }
        if (!region.equals(constraint)) {
            throw new S3Error(400, "IllegalLocationConstraintException", "The "
                    + (constraint == null ? "unspecified" : constraint)
                    + " location constraint is incompatible for the region specific endpoint this request was sent to.");
        }
        return constraint;
    }

    SandboxResponse head(String name) {
        Bucket b = store.bucket(name);
        return SandboxResponse.ok().header("Content-Type", "application/xml").header("x-amz-bucket-region", b.region())
                .header("x-amz-access-point-alias", "false");
    }

    SandboxResponse delete(String name) {
        store.deleteBucket(name);
        LOG.info("S3 bucket {} deleted", name);
        return SandboxResponse.status(204);
    }

    SandboxResponse list(SandboxRequest request) {
        int max = S3Responses.intParam(request.queryParam("max-buckets"), "max-buckets", 10000, 10000,
                "Provided max-buckets not an integer or within integer range");
        if (request.queryParam("max-buckets") != null && max < 1) {
            throw S3Error.invalidArgument("Argument max-buckets must be an integer between 1 and 10000",
                    "max-buckets", request.queryParam("max-buckets"));
        }
        String prefix = request.queryParam("prefix");
        String token = request.queryParam("continuation-token");
        String after = token == null ? null : S3Responses.untoken(token, "continuation-token");
        String regionFilter = request.queryParam("bucket-region");
        Xml x = Xml.document("ListAllMyBucketsResult");
        x.open("Owner").element("ID", ownerId).close("Owner");
        x.open("Buckets");
        String last = null;
        boolean more = false;
        int count = 0;
        List<Bucket> all = store.buckets();
        for (Bucket b : all) {
            if ((after != null && b.name().compareTo(after) <= 0) || (prefix != null && !b.name().startsWith(prefix))
                    || (regionFilter != null && !regionFilter.equals(b.region()))) {
                continue;
            }
            if (count == max) {
                more = true;
                break;
            }
            x.open("Bucket").element("Name", b.name()).element("CreationDate", S3Time.iso(b.created()))
                    .element("BucketRegion", b.region()).close("Bucket");
            last = b.name();
            count++;
        }
        x.close("Buckets");
        if (more) {
            x.element("ContinuationToken", S3Responses.token(last));
        }
        x.element("Prefix", prefix);
        return S3Responses.xml(x.finish("ListAllMyBucketsResult"));
    }

    SandboxResponse location(String name) {
        Bucket b = store.bucket(name);
        // us-east-1 is the empty constraint
        Xml x = Xml.document("LocationConstraint").text(US_EAST_1.equals(b.region()) ? "" : b.region());
        return S3Responses.xml(x.finish("LocationConstraint"));
    }

    /** Versioning was never enabled on a sandbox bucket: S3 answers with an empty configuration. */
    SandboxResponse versioning(String name) {
        store.bucket(name);
        return S3Responses.xml(Xml.document("VersioningConfiguration").finish("VersioningConfiguration"));
    }
}
