package sandbox.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.AwsService;
import sandbox.core.Json;
import sandbox.core.Router;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/**
 * The sandbox's IAM: with a policy ({@code sandbox.iam.policy}, or one PUT to {@code /_sandbox/iam/policy}), every
 * AWS API request is one caller's, and each action and resource it needs must be allowed by that identity policy,
 * except for requests signed with the admin access key ({@code sandbox.iam.admin-access-key}). Without a policy
 * nothing is checked. Denials are answered as AWS answers them, logged, and listed at {@code /_sandbox/iam/denials};
 * {@code /_sandbox/iam/allowed} counts the actions each caller was allowed.
 */
public final class AccessGate implements Router.RequestGate, Router.AdminEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(AccessGate.class);
    /** The token in a SubscribeURL/UnsubscribeURL is the credential: AWS serves these unsigned GETs to anyone. */
    private static final Set<String> SNS_TOKEN_ACTIONS = Set.of("ConfirmSubscription", "Unsubscribe");
    private static final int POLICY_LIMIT = 1024 * 1024;

    private final String region;
    private final String account;
    private final String adminAccessKey;
    private final Clock clock;
    private final Map<String, ServiceActions> services;
    private final AccessLog log = new AccessLog();
    private volatile IdentityPolicy policy;

    public AccessGate(IamSettings settings, String region, String account, Clock clock) {
        this.region = region;
        this.account = account;
        this.adminAccessKey = settings.adminAccessKey();
        this.clock = clock;
        Arns arns = new Arns(region, account);
        this.services = Map.of("s3", new S3Actions(arns), "dynamodb", new DynamoDbActions(arns),
                "streams", new StreamsActions(), "sns", new SnsActions(arns), "sqs", new SqsActions(arns));
        settings.enforced().ifPresent(p -> enforce(p, settings.policyFile() == null ? "the given policy"
                : settings.policyFile().toString()));
    }

    @Override
    public String name() {
        return "iam";
    }

    /** Enforces this policy from now on; null stops enforcing. */
    public void enforce(IdentityPolicy newPolicy, String source) {
        policy = newPolicy;
        if (newPolicy == null) {
            LOG.info("IAM: no identity policy, requests are not checked");
            return;
        }
        LOG.info("IAM: enforcing the identity policy of {} on every AWS request{}", source, adminAccessKey.isEmpty()
                ? "" : " except those signed with the admin access key (" + IamSettings.ADMIN_KEY_PROPERTY + ")");
        newPolicy.unevaluatedConditions().forEach(why -> LOG.warn("IAM: {}: the statement fails closed (an Allow "
                + "never applies, a Deny always does)", why));
    }

    @Override
    public Optional<SandboxResponse> check(AwsService service, String operation, SandboxRequest request) {
        IdentityPolicy p = policy;
        if (p == null) {
            return Optional.empty();
        }
        Caller caller = Caller.of(request, account);
        if (unchecked(caller, service, operation)) {
            return Optional.empty();
        }
        ServiceActions actions = services.get(service.name());
        List<AccessRequest> asks;
        try {
            // a service without a mapping is asked as <service>:<Operation> on *: fail closed, not open
            asks = actions == null ? List.of(AccessRequest.of(service.name() + ":" + operation, "*"))
                    : actions.of(operation, request);
        } catch (SandboxRequest.BodyTooLargeException e) {
            return Optional.of(service.error(413, "RequestEntityTooLarge", "Request body exceeds " + e.limit()
                    + " bytes"));
        }
        Map<String, String> callerKeys = caller.keys(account, region);
        for (AccessRequest ask : asks) {
            Decision decision = p.evaluate(ask.with(callerKeys));
            if (!decision.allowed()) {
                return Optional.of(refuse(service, operation, request, caller, ask, decision));
            }
        }
        asks.forEach(ask -> log.allowed(caller.arn(), ask.action()));
        return Optional.empty();
    }

    @Override
    public Optional<SandboxResponse> notFound(AwsService service, String operation, SandboxRequest request,
                                              SandboxResponse answer) {
        IdentityPolicy p = policy;
        ServiceActions actions = services.get(service.name());
        if (p == null || actions == null) {
            return Optional.empty();
        }
        Caller caller = Caller.of(request, account);
        if (unchecked(caller, service, operation)) {
            return Optional.empty();
        }
        Optional<AccessRequest> ask = actions.toLearnNotFound(operation, request, answer);
        if (ask.isEmpty()) {
            return Optional.empty();
        }
        Decision decision = p.evaluate(ask.get().with(caller.keys(account, region)));
        if (decision.allowed()) {
            log.allowed(caller.arn(), ask.get().action());
            return Optional.empty();
        }
        return Optional.of(refuse(service, operation, request, caller, ask.get(), decision));
    }

    /** The admin key's requests, and SNS's token links, which AWS serves to anyone holding the token. */
    private boolean unchecked(Caller caller, AwsService service, String operation) {
        return caller.signed() && caller.accessKeyId().equals(adminAccessKey)
                || !caller.signed() && service.name().equals("sns") && SNS_TOKEN_ACTIONS.contains(operation);
    }

    private SandboxResponse refuse(AwsService service, String operation, SandboxRequest request, Caller caller,
                                   AccessRequest ask, Decision decision) {
        String message = DeniedAnswers.message(service.name(), caller, ask, decision);
        String reason = decision.outcome() == Decision.Outcome.EXPLICIT_DENY ? "explicit deny" : "no allow";
        if (!decision.unevaluated().isEmpty()) {
            reason += "; failed closed: " + String.join("; ", decision.unevaluated());
        }
        log.denied(new AccessLog.Denial(clock.instant(), caller.arn(), service.name(), operation, ask.action(),
                ask.resource(), reason));
        LOG.info("IAM denied {} on {} to {} ({} {}): {}", ask.action(), ask.resource(), caller.arn(), service.name(),
                operation, reason);
        return DeniedAnswers.answer(service, request, message);
    }

    @Override
    public Optional<SandboxResponse> admin(String subPath, SandboxRequest request) {
        return switch (subPath) {
            case "policy" -> Optional.of(policyEndpoint(request));
            case "denials" -> Optional.of(switch (request.method()) {
                case "GET" -> json(log.denialsJson());
                case "DELETE" -> {
                    log.clear();
                    yield SandboxResponse.status(204);
                }
                default -> SandboxResponse.status(405).header("Allow", "GET, DELETE");
            });
            case "allowed" -> Optional.of("GET".equals(request.method()) ? json(log.allowedJson())
                    : SandboxResponse.status(405).header("Allow", "GET"));
            default -> Optional.empty();
        };
    }

    private SandboxResponse policyEndpoint(SandboxRequest request) {
        switch (request.method()) {
            case "GET": {
                IdentityPolicy p = policy;
                var body = Json.object().put("enforced", p != null).put("adminAccessKey", !adminAccessKey.isEmpty());
                body.set("policy", p == null ? null : p.document());
                return json(body);
            }
            case "PUT":
                try {
                    enforce(IdentityPolicy.parse(new String(request.bodyBytes(POLICY_LIMIT), StandardCharsets.UTF_8)),
                            "PUT /_sandbox/iam/policy");
                    return SandboxResponse.status(204);
                } catch (IllegalArgumentException | SandboxRequest.BodyTooLargeException e) {
                    return SandboxResponse.json(400, "application/json",
                            Json.bytes(Json.object().put("error", "invalid policy: " + e.getMessage())));
                }
            case "DELETE":
                enforce(null, null);
                return SandboxResponse.status(204);
            default:
                return SandboxResponse.status(405).header("Allow", "GET, PUT, DELETE");
        }
    }

    private static SandboxResponse json(JsonNode body) {
        return SandboxResponse.json(200, "application/json", Json.bytes(body));
    }
}
