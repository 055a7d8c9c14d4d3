package sandbox.s3;

import sandbox.core.AwsService;
import sandbox.core.SandboxContext;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;

/** Placeholder: replaced by the S3 implementation. */
public final class S3Service implements AwsService {
    public S3Service(SandboxContext ctx) {
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String operation(SandboxRequest request) {
        return "Unknown";
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, String operation) {
        return error(501, "NotImplemented", "A header you provided implies functionality that is not implemented");
    }

    @Override
    public SandboxResponse error(int status, String code, String message) {
        return SandboxResponse.xml(status, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                + "</Code><Message>" + message + "</Message></Error>");
    }
}
