package sandbox.iam;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;
import sandbox.s3.CopySource;
import sandbox.s3.S3Target;
import sandbox.s3.XmlRequest;

/**
 * S3's actions: objects on {@code arn:aws:s3:::bucket/key}, buckets on {@code arn:aws:s3:::bucket}. Listing is
 * {@code s3:ListBucket} with {@code s3:prefix}, {@code s3:delimiter} and {@code s3:max-keys}; HeadObject is
 * GetObject, HeadBucket ListBucket; every multipart step that adds data is PutObject; a copy needs GetObject on its
 * source too; DeleteObjects needs DeleteObject on each key; a DeleteObject conditional on an ETag ({@code If-Match})
 * needs GetObject on the key too (S3 user guide, "How to perform conditional deletes"). Operations the sandbox does
 * not serve are asked as {@code s3:<Operation>}. A missing key is told (404 NoSuchKey) only to a caller that may also list the bucket:
 * GetObject and HeadObject of a missing key answer 403 AccessDenied without {@code s3:ListBucket} (AWS's GetObject
 * and HeadObject references, "Permissions"); the ListBucket asked is the bucket's, with no {@code s3:prefix}.
 */
final class S3Actions implements ServiceActions {

    /** DeleteObjects: at most 1000 keys of 1024 bytes, XML-wrapped. */
    private static final int DELETE_BODY_LIMIT = 2 * 1024 * 1024;
    private static final Map<String, String> BUCKET_ACTIONS = Map.ofEntries(
            Map.entry("HeadBucket", "s3:ListBucket"),
            Map.entry("ListObjectVersions", "s3:ListBucketVersions"),
            Map.entry("ListMultipartUploads", "s3:ListBucketMultipartUploads"));
    private static final Map<String, String> OBJECT_ACTIONS = Map.ofEntries(
            Map.entry("HeadObject", "s3:GetObject"),
            Map.entry("CreateMultipartUpload", "s3:PutObject"),
            Map.entry("UploadPart", "s3:PutObject"),
            Map.entry("UploadPartCopy", "s3:PutObject"),
            Map.entry("CompleteMultipartUpload", "s3:PutObject"),
            Map.entry("CopyObject", "s3:PutObject"),
            Map.entry("ListParts", "s3:ListMultipartUploadParts"));

    private final Arns arns;

    S3Actions(Arns arns) {
        this.arns = arns;
    }

    @Override
    public List<AccessRequest> of(String operation, SandboxRequest request) {
        S3Target target;
        try {
            target = S3Target.parse(request.rawPath());
        } catch (RuntimeException malformed) {
            return List.of(); // InvalidURI from the service
        }
        if (target.bucket() == null) {
            return operation.equals("ListBuckets") ? List.of(AccessRequest.of("s3:ListAllMyBuckets", "*")) : List.of();
        }
        String bucket = target.bucket();
        if (target.key() == null) {
            return switch (operation) {
                case "ListObjects", "ListObjectsV2" -> List.of(new AccessRequest("s3:ListBucket", arns.bucket(bucket),
                        listingKeys(request)));
                case "DeleteObjects" -> deletedKeys(request, bucket);
                default -> List.of(AccessRequest.of(BUCKET_ACTIONS.getOrDefault(operation, "s3:" + operation),
                        arns.bucket(bucket)));
            };
        }
        String object = arns.object(bucket, target.key());
        List<AccessRequest> out = new ArrayList<>();
        out.add(AccessRequest.of(OBJECT_ACTIONS.getOrDefault(operation, "s3:" + operation), object));
        String ifMatch = request.header("If-Match");
        if (operation.equals("DeleteObject") && ifMatch != null && !ifMatch.trim().equals("*")) {
            out.add(AccessRequest.of("s3:GetObject", object)); // a delete conditional on an ETag reads it
        }
        if (operation.equals("CopyObject") || operation.equals("UploadPartCopy")) {
            try {
                CopySource source = CopySource.parse(request.header("x-amz-copy-source"));
                out.add(AccessRequest.of("s3:GetObject", arns.object(source.bucket(), source.key())));
            } catch (RuntimeException malformed) {
                // InvalidArgument from the service: nothing is copied
            }
        }
        return out;
    }

    @Override
    public Optional<AccessRequest> toLearnNotFound(String operation, SandboxRequest request, SandboxResponse answer) {
        if (!operation.equals("GetObject") && !operation.equals("HeadObject")) {
            return Optional.empty();
        }
        byte[] body = answer.bodyBytes(); // the error document, HeadObject's too (sent without it)
        if (body == null || !new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("<Code>NoSuchKey</Code>")) {
            return Optional.empty(); // NoSuchBucket: told to anyone
        }
        try {
            return Optional.of(AccessRequest.of("s3:ListBucket", arns.bucket(S3Target.parse(request.rawPath()).bucket())));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** The condition keys of a listing: present only when the request has the parameter. */
    private static Map<String, String> listingKeys(SandboxRequest request) {
        Map<String, String> keys = new HashMap<>();
        for (String p : List.of("prefix", "delimiter", "max-keys")) {
            String v = request.queryParam(p);
            if (v != null) {
                keys.put("s3:" + p, v);
            }
        }
        return keys;
    }

    /** DeleteObject on each key; a body the sandbox cannot read here is asked as any key ({@code bucket/*}). */
    private List<AccessRequest> deletedKeys(SandboxRequest request, String bucket) {
        List<AccessRequest> out = new ArrayList<>();
        byte[] body = isAwsChunked(request) ? new byte[0] : request.bodyBytes(DELETE_BODY_LIMIT);
        try {
            if (body.length > 0) {
                Element root = XmlRequest.parse(body);
                for (Element o : XmlRequest.children(root, "Object")) {
                    String key = XmlRequest.childText(o, "Key");
                    if (key != null && !key.isEmpty()) {
                        out.add(AccessRequest.of("s3:DeleteObject", arns.object(bucket, key)));
                    }
                }
            }
        } catch (RuntimeException unreadable) {
            out.clear();
        }
        if (out.isEmpty()) {
            out.add(AccessRequest.of("s3:DeleteObject", arns.object(bucket, "*")));
        }
        return out;
    }

    private static boolean isAwsChunked(SandboxRequest request) {
        String encoding = request.header("Content-Encoding");
        String sha = request.header("x-amz-content-sha256");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked")
                || sha != null && sha.startsWith("STREAMING-");
    }
}
