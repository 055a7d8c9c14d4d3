package sandbox.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.AwsService;
import sandbox.core.Json;
import sandbox.core.JsonProtocol;
import sandbox.core.SandboxContext;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/**
 * The sandbox's Amazon SQS: standard queues in the JSON protocol that current SDKs speak
 * ({@code X-Amz-Target: AmazonSQS.<Operation>}, errors query-compatible through {@code x-amzn-query-error}),
 * long polling, visibility timeouts, dead-letter redrive, retention, and persistence in {@code <data-dir>/sqs}.
 * Other services deliver into it through {@link #sendFromService} (S3 event notifications).
 */
public final class SqsService implements AwsService {

    private static final Logger LOG = LoggerFactory.getLogger(SqsService.class);
    /** Ten 1 MiB messages in a batch, as JSON. */
    private static final int BODY_LIMIT = 16 * 1024 * 1024;
    private static final Set<String> NOT_SERVED = Set.of("AddPermission", "RemovePermission",
            "StartMessageMoveTask", "CancelMessageMoveTask", "ListMessageMoveTasks");

    private final SqsStore store;
    private final QueueActions queues;
    private final MessageActions messages;
    private final Receiver receiver;

    public SqsService(SandboxContext ctx) {
        QueueAddress address = new QueueAddress(ctx.endpoint(), ctx.region(), ctx.account());
        this.store = new SqsStore(ctx.dataDir("sqs").orElse(null));
        this.queues = new QueueActions(store, address, ctx.clock());
        this.messages = new MessageActions(store, address, ctx.clock());
        this.receiver = new Receiver(store, address, ctx.clock());
    }

    @Override
    public String name() {
        return "sqs";
    }

    @Override
    public String operation(SandboxRequest request) {
        return JsonProtocol.operation(request);
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, String operation) {
        try {
            if (request.header("X-Amz-Target") == null) {
                throw SqsErrors.invalidAction("The sandbox's SQS speaks the JSON protocol only (X-Amz-Target: "
                        + "AmazonSQS.<Operation>, as current AWS SDKs and CLIs send); the query protocol is not served");
            }
            SqsRequest r = new SqsRequest(body(request));
            return JsonProtocol.ok(dispatch(operation, r));
        } catch (SqsException e) {
            return errorResponse(e);
        }
    }

    private ObjectNode dispatch(String operation, SqsRequest r) {
        return switch (operation) {
            case "CreateQueue" -> queues.create(r);
            case "GetQueueUrl" -> queues.getUrl(r);
            case "GetQueueAttributes" -> queues.getAttributes(r);
            case "SetQueueAttributes" -> queues.setAttributes(r);
            case "ListQueues" -> queues.list(r);
            case "DeleteQueue" -> queues.delete(r);
            case "PurgeQueue" -> queues.purge(r);
            case "TagQueue" -> queues.tag(r);
            case "UntagQueue" -> queues.untag(r);
            case "ListQueueTags" -> queues.listTags(r);
            case "ListDeadLetterSourceQueues" -> queues.listDeadLetterSources(r);
            case "SendMessage" -> messages.send(r);
            case "SendMessageBatch" -> messages.sendBatch(r);
            case "ReceiveMessage" -> receiver.receive(r);
            case "DeleteMessage" -> messages.delete(r);
            case "DeleteMessageBatch" -> messages.deleteBatch(r);
            case "ChangeMessageVisibility" -> messages.changeVisibility(r);
            case "ChangeMessageVisibilityBatch" -> messages.changeVisibilityBatch(r);
            default -> throw SqsErrors.invalidAction(NOT_SERVED.contains(operation)
                    ? "The sandbox does not implement the SQS action " + operation
                    : "Could not find operation " + operation + " for version 2012-11-05");
        };
    }

    private static JsonNode body(SandboxRequest request) {
        byte[] bytes = request.bodyBytes(BODY_LIMIT);
        if (bytes.length == 0) {
            return Json.object();
        }
        try {
            JsonNode n = Json.parse(bytes);
            if (n.isObject()) {
                return n;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error
        }
        throw SqsErrors.of(400, "SerializationException", "The request body is not a JSON object");
    }

    /** Whether a queue has this ARN (S3 checks notification targets with it). */
    public boolean queueExists(String queueArn) {
        store.lock.lock();
        try {
            return store.byArn(queueArn) != null;
        } finally {
            store.lock.unlock();
        }
    }

    /**
     * Sends a message on behalf of another AWS service, as S3 delivers event notifications.
     *
     * @param senderId what {@code SenderId} shows for the message
     * @return false when no queue has this ARN (the event is dropped, as AWS drops undeliverable events)
     */
    public boolean sendFromService(String queueArn, String body, String senderId) {
        return messages.sendFromService(queueArn, body, senderId);
    }

    @Override
    public SandboxResponse error(int status, String code, String message) {
        return errorResponse(SqsErrors.of(status, code, message));
    }

    private static SandboxResponse errorResponse(SqsException e) {
        return JsonProtocol.typedError(e.status(), e.type(), e.getMessage(), null)
                .header("x-amzn-query-error", e.queryErrorHeader());
    }

    @Override
    public void close() {
        store.close();
        LOG.debug("SQS stopped");
    }

    @Override
    public String toString() {
        return "SqsService";
    }
}
