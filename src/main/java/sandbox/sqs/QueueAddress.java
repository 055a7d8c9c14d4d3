package sandbox.sqs;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Queue URLs ({@code http://<sandbox host>:<port>/<account>/<name>}) and ARNs
 * ({@code arn:aws:sqs:<region>:<account>:<name>}) of this sandbox, and the names in them. A URL is matched
 * by its path only, so {@code localhost} and {@code 127.0.0.1} (or an AWS host name) reach the same queue.
 */
final class QueueAddress {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private final String base;
    private final String region;
    private final String account;

    QueueAddress(URI endpoint, String region, String account) {
        String s = endpoint.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.region = region;
        this.account = account;
    }

    String account() {
        return account;
    }

    String url(String name) {
        return base + "/" + account + "/" + name;
    }

    String arn(String name) {
        return "arn:aws:sqs:" + region + ":" + account + ":" + name;
    }

    /** Checks a new queue's name: 1-80 letters, digits, '-' and '_'; FIFO names are refused (no FIFO here). */
    static String checkName(String name) {
        if (name != null && name.endsWith(".fifo") && NAME.matcher(name.substring(0, name.length() - 5)).matches()) {
            throw SqsErrors.unsupported("The sandbox serves standard queues only; FIFO queue " + name
                    + " cannot be created");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw SqsErrors.invalidParameterValue("Can only include alphanumeric characters, hyphens, or "
                    + "underscores. 1 to 80 in length");
        }
        return name;
    }

    /** The queue name in a QueueUrl; another account's queue does not exist here. */
    String nameOf(String queueUrl) {
        if (queueUrl == null || queueUrl.isEmpty()) {
            throw SqsErrors.missingParameter("QueueUrl");
        }
        String path;
        try {
            URI u = URI.create(queueUrl.trim());
            path = u.getRawPath() == null ? "" : u.getRawPath();
        } catch (IllegalArgumentException e) {
            throw SqsErrors.invalidAddress(queueUrl);
        }
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        if (parts.length != 2 || parts[1].isEmpty()) {
            throw SqsErrors.invalidAddress(queueUrl);
        }
        if (!parts[0].equals(account)) {
            throw SqsErrors.queueDoesNotExist();
        }
        return parts[1];
    }
}
