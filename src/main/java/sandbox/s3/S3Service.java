package sandbox.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import sandbox.core.AwsException;
import sandbox.core.AwsService;
import sandbox.core.SandboxContext;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/**
 * The sandbox's S3: REST-XML, path-style ({@code /bucket/key}), as the AWS SDK for Java v2, the AWS
 * CLI and boto3 speak it at their default settings (aws-chunked uploads with checksum trailers,
 * multipart uploads, ranged downloads), and bucket notifications of created objects to SQS queues through a
 * {@link NotificationSink}. State is in memory, or persisted under
 * {@code <data-dir>/s3} (a metadata journal plus blob files named by random ids).
 */
public final class S3Service implements AwsService {

    /** Query parameters that make a request a different S3 operation (subresources). */
    private static final Set<String> SUBRESOURCES = Set.of("accelerate", "acl", "analytics", "attributes", "cors",
            "encryption", "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "location", "logging",
            "metadataTable", "metrics", "notification", "object-lock", "ownershipControls", "policy", "policyStatus",
            "publicAccessBlock", "replication", "requestPayment", "restore", "retention", "select", "session",
            "tagging", "torrent", "versioning", "versions", "website", "renameObject", "abac", "inventoryTable",
            "journalTable", "metadataConfiguration");
    private static final int DRAIN_LIMIT = 64 * 1024 * 1024;

    private final S3Store store;
    private final BucketOperations buckets;
    private final ObjectOperations objects;
    private final ListOperations lists;
    private final MultipartOperations multipart;
    private final NotificationOperations notifications;

    /** S3 on its own: bucket notifications to queues are refused (no queue exists). */
    public S3Service(SandboxContext ctx) {
        this(ctx, NotificationSink.NONE);
    }

    /** S3 whose bucket notifications go to {@code sink} (the sandbox's SQS). */
    public S3Service(SandboxContext ctx, NotificationSink sink) {
        this.store = new S3Store(ctx.dataDir("s3"));
        String ownerId = ownerId(ctx.account());
        ObjectEvents events = new ObjectEvents(sink, ctx.clock(), ctx.region(), ctx.account());
        this.buckets = new BucketOperations(store, ctx.clock(), ctx.region(), ownerId);
        this.objects = new ObjectOperations(store, ctx.clock(), events);
        this.lists = new ListOperations(store, ownerId);
        this.multipart = new MultipartOperations(store, ctx.clock(), ownerId, ctx.endpoint().toString(), events);
        this.notifications = new NotificationOperations(store, sink, events);
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String operation(SandboxRequest request) {
        S3Target target;
        try {
            target = S3Target.parse(request.rawPath());
        } catch (S3Error e) {
            return "Unknown";
        }
        return operation(request, target);
    }

    private static String operation(SandboxRequest r, S3Target t) {
        String method = r.method();
        String sub = subresource(r);
        if (t.isService()) {
            return method.equals("GET") ? "ListBuckets" : "Unknown";
        }
        if (t.isBucket()) {
            return switch (method) {
                case "GET" -> {
                    if (r.hasQueryParam("uploads")) {
                        yield "ListMultipartUploads";
                    }
                    if (sub != null) {
                        yield sub.equals("versions") ? "ListObjectVersions" : "GetBucket" + camel(sub);
                    }
                    yield "2".equals(r.queryParam("list-type")) ? "ListObjectsV2" : "ListObjects";
                }
                case "PUT" -> sub == null ? "CreateBucket" : "PutBucket" + camel(sub);
                case "HEAD" -> "HeadBucket";
                case "DELETE" -> sub == null ? "DeleteBucket" : "DeleteBucket" + camel(sub);
                case "POST" -> r.hasQueryParam("delete") ? "DeleteObjects" : "PostObject";
                default -> "Unknown";
            };
        }
        boolean multipartParams = r.hasQueryParam("uploadId") || r.hasQueryParam("partNumber");
        return switch (method) {
            case "GET" -> r.hasQueryParam("uploadId") ? "ListParts" : sub != null ? "GetObject" + camel(sub) : "GetObject";
            case "HEAD" -> "HeadObject";
            case "PUT" -> {
                if (multipartParams) {
                    yield r.header("x-amz-copy-source") != null ? "UploadPartCopy" : "UploadPart";
                }
                if (sub != null) {
                    yield "PutObject" + camel(sub);
                }
                yield r.header("x-amz-copy-source") != null ? "CopyObject" : "PutObject";
            }
            case "DELETE" -> r.hasQueryParam("uploadId") ? "AbortMultipartUpload"
                    : sub != null ? "DeleteObject" + camel(sub) : "DeleteObject";
            case "POST" -> {
                if (r.hasQueryParam("uploads")) {
                    yield "CreateMultipartUpload";
                }
                if (r.hasQueryParam("uploadId")) {
                    yield "CompleteMultipartUpload";
                }
                yield sub == null ? "Unknown" : sub.equals("restore") ? "RestoreObject"
                        : sub.equals("select") ? "SelectObjectContent" : "PostObject" + camel(sub);
            }
            default -> "Unknown";
        };
    }

    private static String subresource(SandboxRequest r) {
        for (String p : r.query().keySet()) {
            if (SUBRESOURCES.contains(p)) {
                return p;
            }
        }
        return null;
    }

    /** {@code legal-hold} -> {@code LegalHold}, {@code acl} -> {@code Acl}. */
    private static String camel(String sub) {
        StringBuilder sb = new StringBuilder();
        for (String piece : sub.split("-")) {
            if (!piece.isEmpty()) {
                sb.append(Character.toUpperCase(piece.charAt(0))).append(piece.substring(1));
            }
        }
        return sb.toString();
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, String operation) throws Exception {
        String requestId = requestId();
        SandboxResponse response;
        try {
            response = dispatch(request, operation, requestId);
        } catch (AwsException e) {
            drain(request);
            response = errorResponse(e, request.rawPath(), requestId);
        }
        return response.header("x-amz-request-id", requestId).header("x-amz-id-2", hostId(requestId))
                .header("Server", "AmazonS3");
    }

    private SandboxResponse dispatch(SandboxRequest request, String operation, String requestId) throws IOException {
        if (isVirtualHosted(request.header("Host"))) {
            throw S3Error.notImplemented("virtual-hosted-style requests; use path-style (forcePathStyle)");
        }
        S3Target t = S3Target.parse(request.rawPath());
        String b = t.bucket();
        String k = t.key();
        return switch (operation) {
            case "ListBuckets" -> buckets.list(request);
            case "CreateBucket" -> buckets.create(request, b);
            case "HeadBucket" -> buckets.head(b);
            case "DeleteBucket" -> buckets.delete(b);
            case "GetBucketLocation" -> buckets.location(b);
            case "GetBucketVersioning" -> buckets.versioning(b);
            case "PutBucketNotification" -> notifications.put(request, b, requestId);
            case "GetBucketNotification" -> notifications.get(b);
            case "ListObjects" -> lists.v1(request, b);
            case "ListObjectsV2" -> lists.v2(request, b);
            case "DeleteObjects" -> objects.deleteMany(request, b);
            case "PutObject" -> objects.put(request, b, k, requestId);
            case "GetObject" -> objects.get(request, b, k, false);
            case "HeadObject" -> objects.get(request, b, k, true);
            case "DeleteObject" -> objects.delete(request, b, k);
            case "CopyObject" -> objects.copy(request, b, k, requestId);
            case "CreateMultipartUpload" -> multipart.create(request, b, k);
            case "UploadPart" -> multipart.uploadPart(request, b, k);
            case "UploadPartCopy" -> multipart.uploadPartCopy(request, b, k);
            case "CompleteMultipartUpload" -> multipart.complete(request, b, k, requestId);
            case "AbortMultipartUpload" -> multipart.abort(request, b, k);
            case "ListParts" -> multipart.listParts(request, b, k);
            case "ListMultipartUploads" -> multipart.listUploads(request, b);
            default -> throw S3Error.notImplemented(operation.equals("Unknown")
                    ? request.method() + " " + request.rawPath() : operation + " is not supported by the sandbox");
        };
    }

    /** Bucket-in-host addressing the sandbox does not serve ({@code b.localhost}, {@code b.s3.amazonaws.com}). */
    static boolean isVirtualHosted(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) {
            h = h.substring(0, colon);
        }
        return (h.endsWith(".localhost") && !h.equals(".localhost"))
                || h.matches(".+\\.s3([.-][a-z0-9-]+)*\\.amazonaws\\.com")
                || h.matches(".+\\.s3\\.localhost\\.localstack\\.cloud");
    }

    @Override
    public SandboxResponse error(int status, String code, String message) {
        String requestId = requestId();
        String s3Code = "InternalFailure".equals(code) ? "InternalError" : code;
        return errorResponse(new AwsException(status, s3Code, message), null, requestId)
                .header("x-amz-request-id", requestId).header("x-amz-id-2", hostId(requestId));
    }

    private static SandboxResponse errorResponse(AwsException e, String resource, String requestId) {
        Xml x = Xml.plainDocument("Error").element("Code", e.code()).element("Message", e.getMessage());
        if (e instanceof S3Error s3) {
            for (Map.Entry<String, String> d : s3.details().entrySet()) {
                x.element(d.getKey(), d.getValue());
            }
        }
        x.element("Resource", resource == null ? null : S3Target.safeDecode(resource))
                .element("RequestId", requestId).element("HostId", hostId(requestId));
        return S3Responses.xml(e.status(), x.finish("Error"));
    }

    /** Reads what is left of a failed upload's body so the client gets the error, not a reset connection. */
    public static void drain(SandboxRequest request) {
        try {
            InputStream in = request.body();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while (total < DRAIN_LIMIT && (n = in.read(buf)) > 0) {
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // the connection is closed instead
        }
    }

    private static String requestId() {
        return HexFormat.of().withUpperCase().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    static String hostId(String requestId) {
        return Base64.getEncoder().encodeToString(("sandbox-" + requestId).getBytes(StandardCharsets.UTF_8));
    }

    /** A stable canonical user id (64 hex) for the sandbox account, as S3 shows owners. */
    private static String ownerId(String account) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("sandbox-owner-" + account).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "S3Service";
    }
}
