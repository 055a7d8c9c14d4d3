package sandbox.iam;

import java.util.List;
import sandbox.core.SandboxRequest;

/**
 * The IAM questions one service's operations ask, as AWS's Service Authorization Reference documents them.
 * Empty when the request names no resource to ask about: the service then refuses it as malformed.
 */
interface ServiceActions {

    List<AccessRequest> of(String operation, SandboxRequest request);
}
