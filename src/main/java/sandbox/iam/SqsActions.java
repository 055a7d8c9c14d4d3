package sandbox.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import sandbox.core.SandboxRequest;

/**
 * SQS's actions ({@code sqs:<Action>}) on {@code arn:aws:sqs:<region>:<account>:<queue>}: the queue of the
 * {@code QueueUrl}, or the one named by CreateQueue and GetQueueUrl; ListQueues on {@code *}. A batch is
 * authorized as its single action, as AWS documents it.
 */
final class SqsActions implements ServiceActions {

    /** Ten 1 MiB messages in a batch, as JSON. */
    private static final int BODY_LIMIT = 16 * 1024 * 1024;
    private static final Map<String, String> BATCH_ACTIONS = Map.of("SendMessageBatch", "SendMessage",
            "DeleteMessageBatch", "DeleteMessage", "ChangeMessageVisibilityBatch", "ChangeMessageVisibility");

    private final Arns arns;

    SqsActions(Arns arns) {
        this.arns = arns;
    }

    @Override
    public List<AccessRequest> of(String operation, SandboxRequest request) {
        if (request.header("X-Amz-Target") == null) {
            return List.of(); // the query protocol, which the service refuses
        }
        JsonNode body = ServiceActions.jsonBody(request, BODY_LIMIT);
        if (body == null) {
            return List.of();
        }
        String queue = switch (operation) {
            case "ListQueues" -> "*";
            case "CreateQueue", "GetQueueUrl" -> {
                String name = body.path("QueueName").asText("");
                String owner = body.path("QueueOwnerAWSAccountId").asText(arns.account());
                yield name.isEmpty() ? null : arns.queue(owner, name);
            }
            default -> queueOf(body.path("QueueUrl").asText(""));
        };
        String action = "sqs:" + BATCH_ACTIONS.getOrDefault(operation, operation);
        return queue == null ? List.of() : List.of(AccessRequest.of(action, queue));
    }

    /** {@code <endpoint>/<account>/<name>}, matched by its path as the service matches it; null when malformed. */
    private String queueOf(String url) {
        try {
            String path = URI.create(url.trim()).getRawPath();
            String[] parts = path == null ? new String[0] : path.replaceAll("^/+|/+$", "").split("/");
            return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() ? arns.queue(parts[0], parts[1])
                    : null;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
