package sandbox.sns;

import sandbox.core.AwsService;
import sandbox.core.SandboxContext;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/** Placeholder: replaced by the SNS implementation. */
public final class SnsService implements AwsService {
    public SnsService(SandboxContext ctx) {
    }

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public String operation(SandboxRequest request) {
        return "Unknown";
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, String operation) {
        return error(400, "InvalidAction", "not implemented");
    }

    @Override
    public SandboxResponse error(int status, String code, String message) {
        return SandboxResponse.xml(status, "<ErrorResponse><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>0</RequestId></ErrorResponse>");
    }
}
