package sandbox.s3;

import java.util.function.UnaryOperator;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/** ListObjects (v1, what Camel's consumer uses) and ListObjectsV2 (what the CLI uses). */
final class ListOperations {

    private static final int MAX_KEYS = 1000;
    private static final String MAX_KEYS_MESSAGE = "Provided max-keys not an integer or within integer range";

    private final S3Store store;
    private final String ownerId;

    ListOperations(S3Store store, String ownerId) {
        this.store = store;
        this.ownerId = ownerId;
    }

    SandboxResponse v1(SandboxRequest request, String bucketName) {
        Bucket bucket = store.bucket(bucketName);
        String prefix = orEmpty(request.queryParam("prefix"));
        String delimiter = emptyToNull(request.queryParam("delimiter"));
        String marker = orEmpty(request.queryParam("marker"));
        String maxParam = request.queryParam("max-keys");
        int max = S3Responses.intParam(maxParam, "max-keys", MAX_KEYS, MAX_KEYS, MAX_KEYS_MESSAGE);
        boolean url = S3Responses.urlEncoding(request.queryParam("encoding-type"));
        UnaryOperator<String> enc = url ? S3Responses::urlEncode : UnaryOperator.identity();

        ObjectListing page = ObjectListing.page(bucket.objects(), prefix, delimiter,
                marker.isEmpty() ? null : marker, max);
        Xml x = Xml.document("ListBucketResult");
        x.element("Name", bucketName).element("Prefix", enc.apply(prefix)).element("Marker", enc.apply(marker))
                .element("MaxKeys", maxParam == null ? max : Integer.parseInt(maxParam.trim()))
                .element("Delimiter", delimiter == null ? null : enc.apply(delimiter))
                .element("IsTruncated", page.truncated());
        // S3 sends NextMarker only with a delimiter; the sandbox always does when truncated (AWS-FIDELITY.md)
        if (page.truncated()) {
            x.element("NextMarker", enc.apply(page.last()));
        }
        contents(x, page, enc, true);
        if (url) {
            x.element("EncodingType", "url");
        }
        return S3Responses.xml(x.finish("ListBucketResult"));
    }

    SandboxResponse v2(SandboxRequest request, String bucketName) {
        Bucket bucket = store.bucket(bucketName);
        String prefix = orEmpty(request.queryParam("prefix"));
        String delimiter = emptyToNull(request.queryParam("delimiter"));
        String token = request.queryParam("continuation-token");
        if (token != null && token.isEmpty()) {
            throw S3Error.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
        }
        String startAfter = emptyToNull(request.queryParam("start-after"));
        String maxParam = request.queryParam("max-keys");
        int max = S3Responses.intParam(maxParam, "max-keys", MAX_KEYS, MAX_KEYS, MAX_KEYS_MESSAGE);
        boolean url = S3Responses.urlEncoding(request.queryParam("encoding-type"));
        boolean fetchOwner = "true".equalsIgnoreCase(request.queryParam("fetch-owner"));
        UnaryOperator<String> enc = url ? S3Responses::urlEncode : UnaryOperator.identity();

        String after = token != null ? S3Responses.untoken(token, "continuation-token") : startAfter;
        ObjectListing page = ObjectListing.page(bucket.objects(), prefix, delimiter, after, max);
        Xml x = Xml.document("ListBucketResult");
        x.element("Name", bucketName).element("Prefix", enc.apply(prefix))
                .element("Delimiter", delimiter == null ? null : enc.apply(delimiter))
                .element("MaxKeys", maxParam == null ? max : Integer.parseInt(maxParam.trim()));
        if (url) {
            x.element("EncodingType", "url");
        }
        x.element("KeyCount", page.objects().size() + page.commonPrefixes().size())
                .element("IsTruncated", page.truncated()).element("ContinuationToken", token);
        if (page.truncated()) {
            x.element("NextContinuationToken", S3Responses.token(page.last()));
        }
        x.element("StartAfter", startAfter == null ? null : enc.apply(startAfter));
        contents(x, page, enc, fetchOwner);
        return S3Responses.xml(x.finish("ListBucketResult"));
    }

    private void contents(Xml x, ObjectListing page, UnaryOperator<String> enc, boolean owner) {
        for (StoredObject o : page.objects()) {
            x.open("Contents").element("Key", enc.apply(o.key()))
                    .element("LastModified", S3Time.iso(o.lastModified())).element("ETag", o.quotedEtag());
            if (o.checksum() != null) {
                x.element("ChecksumAlgorithm", o.checksum().algorithm().name())
                        .element("ChecksumType", o.checksum().type());
            }
            x.element("Size", o.size());
            if (owner) {
                x.open("Owner").element("ID", ownerId).close("Owner");
            }
            x.element("StorageClass", o.properties().storageClass()).close("Contents");
        }
        for (String p : page.commonPrefixes()) {
            x.open("CommonPrefixes").element("Prefix", enc.apply(p)).close("CommonPrefixes");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
