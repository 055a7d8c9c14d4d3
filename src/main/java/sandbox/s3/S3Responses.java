package sandbox.s3;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import sandbox.core.SandboxResponse;

/** Pieces of S3 responses that several operations share. */
final class S3Responses {

    private S3Responses() {
    }

    static SandboxResponse xml(int status, byte[] body) {
        return SandboxResponse.status(status).header("Content-Type", "application/xml").body(body);
    }

    static SandboxResponse xml(byte[] body) {
        return xml(200, body);
    }

    /** {@code encoding-type=url}: every byte but unreserved characters and '/' percent-encoded. */
    static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/")
                .replace("*", "%2A").replace("%7E", "~");
    }

    /** Opaque paging tokens (continuation tokens) carry a key; base64url keeps them URL- and XML-safe. */
    static String token(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static String untoken(String token, String argument) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Error.invalidArgument("The continuation token provided is incorrect", argument, token);
        }
    }

    /** A non-negative integer query parameter, capped; {@code def} when absent. */
    static int intParam(String value, String name, int def, int cap, String message) {
        if (value == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return Math.min(n, cap);
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw S3Error.invalidArgument(message, name, value);
    }

    /** The encoding-type parameter: null or "url"; anything else is an error as on S3. */
    static boolean urlEncoding(String encodingType) {
        if (encodingType == null || encodingType.isEmpty()) {
            return false;
        }
        if (encodingType.equalsIgnoreCase("url")) {
            return true;
        }
        throw S3Error.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
    }
}
