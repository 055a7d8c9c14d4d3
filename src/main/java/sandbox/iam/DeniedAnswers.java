package sandbox.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import sandbox.core.AwsService;
import sandbox.core.Json;
import sandbox.core.JsonProtocol;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;
import sandbox.s3.S3Service;

/**
 * AccessDenied as each AWS API answers it, so that every SDK raises its usual exception: S3 403 {@code AccessDenied}
 * (REST-XML), DynamoDB and Streams 400 {@code AccessDeniedException} (JSON 1.0, coral's type, {@code Message}), SNS
 * 403 {@code AuthorizationError} (Query XML), SQS 403 coral's {@code AccessDeniedException} with the query code
 * {@code AccessDenied}. The message names the caller, the action and the resource the way each service words it.
 */
final class DeniedAnswers {

    private static final String CORAL_ACCESS_DENIED = "com.amazon.coral.service#AccessDeniedException";

    private DeniedAnswers() {
    }

    static String message(String service, Caller caller, AccessRequest refused, Decision decision) {
        String action = switch (service) {
            case "sns" -> "SNS:" + refused.action().substring(refused.action().indexOf(':') + 1);
            case "sqs" -> refused.action().toLowerCase(Locale.ROOT); // SQS words its actions in lower case
            default -> refused.action();
        };
        String resource = service.equals("s3") ? "\"" + refused.resource() + "\"" : refused.resource();
        String why = decision.outcome() == Decision.Outcome.EXPLICIT_DENY
                ? "with an explicit deny in an identity-based policy"
                : "because no identity-based policy allows the " + action + " action";
        return "User: " + caller.arn() + " is not authorized to perform: " + action + " on resource: " + resource
                + " " + why;
    }

    static SandboxResponse answer(AwsService service, SandboxRequest request, String message) {
        return switch (service.name()) {
            case "s3" -> {
                S3Service.drain(request); // a refused upload's body, so the client reads the 403
                yield service.error(403, "AccessDenied", message);
            }
            case "sns" -> service.error(403, "AuthorizationError", message);
            case "sqs" -> JsonProtocol.typedError(403, CORAL_ACCESS_DENIED, message, null)
                    .header("x-amzn-query-error", "AccessDenied;Sender");
            default -> {
                ObjectNode body = Json.object().put("__type", CORAL_ACCESS_DENIED).put("Message", message);
                yield JsonProtocol.respond(400, Json.bytes(body));
            }
        };
    }
}
