package sandbox.streams;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>}. */
record StreamArn(String text, String tableName, String label) {

    private static final Pattern FORM = Pattern.compile(
            "arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\\d{12}:table/([a-zA-Z0-9_.-]{3,255})/stream/([^/|\\s]+)");

    static Optional<StreamArn> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text);
        return m.matches() ? Optional.of(new StreamArn(text, m.group(1), m.group(2))) : Optional.empty();
    }
}
