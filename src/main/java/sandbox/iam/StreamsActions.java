package sandbox.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import sandbox.core.SandboxRequest;

/**
 * DynamoDB Streams' actions (prefix {@code dynamodb}) on the stream's ARN,
 * {@code arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>}: DescribeStream and GetShardIterator name
 * it, GetRecords carries it at the start of its iterator; ListStreams is on {@code *}.
 */
final class StreamsActions implements ServiceActions {

    /** Streams requests are small (an iterator is at most 2 KB). */
    private static final int BODY_LIMIT = 64 * 1024;

    @Override
    public List<AccessRequest> of(String operation, SandboxRequest request) {
        JsonNode body = ServiceActions.jsonBody(request, BODY_LIMIT);
        if (body == null) {
            return List.of();
        }
        String stream = switch (operation) {
            case "ListStreams" -> "*";
            case "GetRecords" -> {
                // iterators are <stream arn>|<digit>|<opaque>; anything else is refused as malformed
                String iterator = body.path("ShardIterator").asText("");
                int bar = iterator.indexOf('|');
                yield bar > 0 ? iterator.substring(0, bar) : "";
            }
            default -> body.path("StreamArn").asText("");
        };
        return stream.isEmpty() ? List.of() : List.of(AccessRequest.of("dynamodb:" + operation, stream));
    }
}
