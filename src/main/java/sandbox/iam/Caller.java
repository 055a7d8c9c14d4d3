package sandbox.iam;

import java.util.Map;
import sandbox.core.SandboxRequest;

/**
 * Who signed a request: the access key id of its SigV4 credential scope ({@code Authorization} header, or
 * {@code X-Amz-Credential} of a presigned URL). The sandbox has no users, so the caller is named after its key:
 * {@code arn:aws:iam::<account>:user/<access key id>}; an unsigned request is {@code anonymous}, as AWS names it.
 */
record Caller(String accessKeyId, String arn) {

    static Caller of(SandboxRequest request, String account) {
        String key = accessKeyId(request);
        return key == null ? new Caller(null, "anonymous")
                : new Caller(key, "arn:aws:iam::" + account + ":user/" + key);
    }

    boolean signed() {
        return accessKeyId != null;
    }

    /** The global condition keys this caller brings to every request context. */
    Map<String, String> keys(String account, String region) {
        return signed()
                ? Map.of("aws:PrincipalArn", arn, "aws:PrincipalAccount", account, "aws:PrincipalType", "User",
                        "aws:username", accessKeyId, "aws:SecureTransport", "false", "aws:RequestedRegion", region)
                : Map.of("aws:PrincipalType", "Anonymous", "aws:SecureTransport", "false", "aws:RequestedRegion",
                        region);
    }

    private static String accessKeyId(SandboxRequest request) {
        String auth = request.header("Authorization");
        String credential = null;
        if (auth != null) {
            int i = auth.indexOf("Credential=");
            if (i >= 0) {
                credential = auth.substring(i + "Credential=".length());
            }
        } else {
            credential = request.queryParam("X-Amz-Credential");
        }
        if (credential == null) {
            return null;
        }
        int slash = credential.indexOf('/');
        String key = (slash < 0 ? credential : credential.substring(0, slash)).trim();
        return key.isEmpty() ? null : key;
    }
}
