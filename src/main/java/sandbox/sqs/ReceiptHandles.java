package sandbox.sqs;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Receipt handles: opaque to clients, new for every receive, naming the queue and message they belong to
 * (base64url of {@code <queue>|<message id>|<random>}).
 */
final class ReceiptHandles {

    /** What a handle names. */
    record Handle(String queue, String messageId) {
    }

    private final SecureRandom random = new SecureRandom();

    String next(String queue, String messageId) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String raw = queue + "|" + messageId + "|" + HexFormat.of().formatHex(nonce);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The queue and message of a handle; ReceiptHandleIsInvalid for anything the sandbox did not hand out. */
    static Handle parse(String handle) {
        if (handle == null || handle.isEmpty()) {
            throw SqsErrors.missingParameter("ReceiptHandle");
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(handle), StandardCharsets.UTF_8).split("\\|");
            if (parts.length == 3 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                return new Handle(parts[0], parts[1]);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error
        }
        throw SqsErrors.receiptHandleIsInvalid(handle);
    }
}
