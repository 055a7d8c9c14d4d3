package sandbox.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the API a request is for, the way AWS clients address them on one endpoint:
 * {@code X-Amz-Target} names DynamoDB, DynamoDB Streams or SQS; a request signed for {@code sqs} is SQS;
 * a form-encoded {@code Action=} is SNS;
 * {@code /_sandbox/...} is the sandbox's own admin API; everything else is S3.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    /** SNS Query requests are small (a 256 KiB message, URL-encoded, plus attributes). */
    public static final int FORM_LIMIT = 2 * 1024 * 1024;
    /** The most of a body a fault rule's {@code bodyContains} reads (DynamoDB's requests stay under 16 MB). */
    private static final int MAX_MATCHED_BODY = 64 * 1024 * 1024;

    private final AwsService s3;
    private final AwsService dynamodb;
    private final AwsService streams;
    private final AwsService sns;
    private final AwsService sqs;
    private final Faults faults;
    private final RequestGate gate;

    public Router(AwsService s3, AwsService dynamodb, AwsService streams, AwsService sns, AwsService sqs,
                  Faults faults) {
        this(s3, dynamodb, streams, sns, sqs, faults, RequestGate.OPEN);
    }

    public Router(AwsService s3, AwsService dynamodb, AwsService streams, AwsService sns, AwsService sqs,
                  Faults faults, RequestGate gate) {
        this.s3 = s3;
        this.dynamodb = dynamodb;
        this.streams = streams;
        this.sns = sns;
        this.sqs = sqs;
        this.faults = faults;
        this.gate = gate;
    }

    public SandboxResponse dispatch(SandboxRequest request) {
        if (request.rawPath().startsWith("/_sandbox/") || request.rawPath().equals("/_sandbox")) {
            return admin(request);
        }
        AwsService service = serviceFor(request);
        if (service == null) {
            String target = request.header("X-Amz-Target");
            return JsonProtocol.error(400, "UnknownOperationException",
                    "Unknown operation " + (target == null ? "" : target));
        }
        String operation;
        try {
            operation = service.operation(request);
        } catch (RuntimeException e) {
            operation = "Unknown";
        }
        Optional<SandboxResponse> refused = gate.check(service, operation, request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Faults.Action> fault = faults.pick(service.name(), operation,
                () -> new String(request.bodyBytes(MAX_MATCHED_BODY), java.nio.charset.StandardCharsets.UTF_8));
        if (fault.isPresent()) {
            Faults.Action f = fault.get();
            if (f.delayMs() > 0) {
                sleep(f.delayMs());
            }
            if (f.status() > 0) {
                LOG.info("Injected fault: {} {} -> {} {}", service.name(), operation, f.status(), f.code());
                return service.error(f.status(), f.code(), f.message());
            }
        }
        try {
            SandboxResponse response = service.handle(request, operation);
            LOG.debug("{} {} {} -> {}", service.name(), operation, request, response.status());
            if (response.status() == 404) {
                response = gate.notFound(service, operation, request, response).orElse(response);
            }
            if (fault.isPresent() && fault.get().responseDelayMs() > 0) {
                LOG.info("Injected fault: {} {} -> answered {} ms late", service.name(), operation,
                        fault.get().responseDelayMs());
                sleep(fault.get().responseDelayMs());
            }
            if (fault.isPresent() && fault.get().cutAfterBytes() > 0) {
                LOG.info("Injected fault: {} {} -> body cut after {} bytes", service.name(), operation,
                        fault.get().cutAfterBytes());
                return response.cutAfter(fault.get().cutAfterBytes());
            }
            return response;
        } catch (AwsException e) {
            LOG.debug("{} {} {} -> {} {}: {}", service.name(), operation, request, e.status(), e.code(),
                    e.getMessage());
            return service.error(e.status(), e.code(), e.getMessage());
        } catch (SandboxRequest.BodyTooLargeException e) {
            return service.error(413, "RequestEntityTooLarge", "Request body exceeds " + e.limit() + " bytes");
        } catch (Exception e) {
            LOG.warn("{} {} {} failed", service.name(), operation, request, e);
            return service.error(500, "InternalFailure", "The sandbox failed to process the request: " + e);
        }
    }

    /** A request {@link CallerCheck} refused: 403 in the addressed service's error format, plain JSON for the admin API. */
    public SandboxResponse refused(SandboxRequest request, String reason) {
        return inServiceFormat(request, 403, reason, Map.of("s3", "AccessDenied", "sns", "AuthorizationError",
                "sqs", "AccessDenied"), "AccessDeniedException");
    }

    /** A request the front end has no worker for: 503, which every AWS client retries with backoff. */
    public SandboxResponse overloaded(SandboxRequest request) {
        return inServiceFormat(request, 503, "The sandbox is serving too many requests at once; retry later",
                Map.of("s3", "SlowDown"), "ServiceUnavailable");
    }

    private SandboxResponse inServiceFormat(SandboxRequest request, int status, String message,
                                            Map<String, String> codes, String otherwise) {
        AwsService service = isAdmin(request) ? null : serviceFor(request);
        if (service == null) {
            return SandboxResponse.json(status, "application/json", Json.bytes(Json.object().put("error", message)));
        }
        return service.error(status, codes.getOrDefault(service.name(), otherwise), message);
    }

    private static boolean isAdmin(SandboxRequest request) {
        return request.rawPath().startsWith("/_sandbox/") || request.rawPath().equals("/_sandbox");
    }

    AwsService serviceFor(SandboxRequest request) {
        String target = request.header("X-Amz-Target");
        if (target != null) {
            if (target.startsWith("DynamoDBStreams_20120810.")) {
                return streams;
            }
            if (target.startsWith("DynamoDB_20120810.")) {
                return dynamodb;
            }
            if (target.startsWith("AmazonSQS.")) {
                return sqs;
            }
            return null;
        }
        String signedFor = signingService(request);
        if ("sns".equals(signedFor)) {
            return sns;
        }
        if ("sqs".equals(signedFor)) {
            return sqs;
        }
        if ("/".equals(request.rawPath())) {
            if (request.hasQueryParam("Action")) {
                return sns;
            }
            if ("POST".equals(request.method()) && request.isFormEncoded()) {
                return sns;
            }
        }
        return s3;
    }

    /** The service name in a SigV4 credential scope: {@code Credential=AKID/date/region/service/aws4_request}. */
    static String signingService(SandboxRequest request) {
        String auth = request.header("Authorization");
        if (auth == null) {
            return null;
        }
        int i = auth.indexOf("Credential=");
        if (i < 0) {
            return null;
        }
        int end = auth.indexOf(',', i);
        String[] scope = auth.substring(i + "Credential=".length(), end < 0 ? auth.length() : end).split("/");
        return scope.length >= 5 ? scope[3].toLowerCase(Locale.ROOT) : null;
    }

    private SandboxResponse admin(SandboxRequest request) {
        String path = request.rawPath();
        if (path.equals("/_sandbox/health")) {
            ObjectNode body = Json.object().put("status", "UP");
            return SandboxResponse.json(200, "application/json", Json.bytes(body));
        }
        if (path.equals("/_sandbox/faults")) {
            return faultsAdmin(request);
        }
        String gatePrefix = "/_sandbox/" + gate.name() + "/";
        if (path.startsWith(gatePrefix) && gate instanceof AdminEndpoints admin) {
            Optional<SandboxResponse> r = admin.admin(path.substring(gatePrefix.length()), request);
            if (r.isPresent()) {
                return r.get();
            }
        }
        for (AwsService service : new AwsService[] {s3, dynamodb, streams, sns, sqs}) {
            String prefix = "/_sandbox/" + service.name() + "/";
            if (path.startsWith(prefix) && service instanceof AdminEndpoints admin) {
                Optional<SandboxResponse> r = admin.admin(path.substring(prefix.length()), request);
                if (r.isPresent()) {
                    return r.get();
                }
            }
        }
        return SandboxResponse.json(404, "application/json",
                Json.bytes(Json.object().put("error", "no such sandbox endpoint: " + path)));
    }

    private SandboxResponse faultsAdmin(SandboxRequest request) {
        switch (request.method()) {
            case "GET":
                return SandboxResponse.json(200, "application/json", Json.bytes(faults.toJson()));
            case "DELETE":
                faults.clear();
                return SandboxResponse.status(204);
            case "POST":
                try {
                    Faults.Rule rule = faults.add(Json.parse(request.bodyBytes(64 * 1024)));
                    LOG.info("Fault rule added: {}", rule.toJson());
                    return SandboxResponse.json(201, "application/json", Json.bytes(rule.toJson()));
                } catch (IllegalArgumentException e) {
                    return SandboxResponse.json(400, "application/json",
                            Json.bytes(Json.object().put("error", e.getMessage())));
                }
            default:
                return SandboxResponse.status(405).header("Allow", "GET, POST, DELETE");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Decides whether a request may reach its service (the sandbox's IAM); empty lets it through. */
    public interface RequestGate {
        RequestGate OPEN = (service, operation, request) -> Optional.empty();

        Optional<SandboxResponse> check(AwsService service, String operation, SandboxRequest request);

        /**
         * What a caller learns of a request the service answered 404: AWS may hide that something does not exist
         * from a caller who may not see it (S3 answers a missing key 403 to a caller without {@code s3:ListBucket}).
         */
        default Optional<SandboxResponse> notFound(AwsService service, String operation, SandboxRequest request,
                                                   SandboxResponse answer) {
            return Optional.empty();
        }

        /** Its admin endpoints, if it is also {@link AdminEndpoints}, are under {@code /_sandbox/<name>/}. */
        default String name() {
            return "gate";
        }
    }

    /** Services that serve extra sandbox-only endpoints under {@code /_sandbox/<service>/}. */
    public interface AdminEndpoints {
        Optional<SandboxResponse> admin(String subPath, SandboxRequest request);
    }
}
