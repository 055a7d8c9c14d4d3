package sandbox.dynamodb;

import sandbox.core.AwsService;
import sandbox.core.JsonProtocol;
import sandbox.core.SandboxContext;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;
import sandbox.streams.TableChangeSink;

/** Placeholder: replaced by the DynamoDB implementation. */
public final class DynamoDbService implements AwsService {
    public DynamoDbService(SandboxContext ctx, TableChangeSink streams) {
    }

    @Override
    public String name() {
        return "dynamodb";
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
}
