package sandbox.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import sandbox.core.AwsService;
import sandbox.core.JsonProtocol;
import sandbox.core.SandboxContext;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/** Placeholder: replaced by the DynamoDB Streams implementation. */
public final class StreamsService implements AwsService, TableChangeSink {
    public StreamsService(SandboxContext ctx) {
    }

    @Override
    public String name() {
        return "streams";
    }

    @Override
    public String operation(SandboxRequest request) {
        return JsonProtocol.operation(request);
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, String operation) {
        return error(400, "UnknownOperationException", null);
    }

    @Override
    public SandboxResponse error(int status, String code, String message) {
        return JsonProtocol.error(status, code, message);
    }

    @Override
    public StreamInfo enableStream(String tableName, String viewType, ArrayNode keySchema, Instant createdAt) {
        return new StreamInfo("arn", "label", viewType);
    }

    @Override
    public void disableStream(String tableName) {
    }

    @Override
    public void onChange(String tableName, ObjectNode keys, ObjectNode oldImage, ObjectNode newImage) {
    }
}
