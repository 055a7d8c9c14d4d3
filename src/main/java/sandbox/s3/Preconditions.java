package sandbox.s3;

import java.time.Instant;

/**
 * HTTP conditional requests as S3 evaluates them (RFC 7232 precedence): a true If-Match overrides a
 * false If-Unmodified-Since, and a false If-None-Match overrides a true If-Modified-Since.
 */
final class Preconditions {

    /** What the request should do: go on, answer 304, or fail with 412. */
    enum Outcome { PROCEED, NOT_MODIFIED, FAILED }

    private Preconditions() {
    }

    static Outcome evaluate(StoredObject o, String ifMatch, String ifNoneMatch, String ifModifiedSince,
                            String ifUnmodifiedSince) {
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, o.etag())) {
                return Outcome.FAILED;
            }
        } else {
            Instant t = S3Time.parseHttp(ifUnmodifiedSince);
            if (t != null && o.lastModified().isAfter(t)) {
                return Outcome.FAILED;
            }
        }
        if (ifNoneMatch != null) {
            if (etagMatches(ifNoneMatch, o.etag())) {
                return Outcome.NOT_MODIFIED;
            }
        } else {
            Instant t = S3Time.parseHttp(ifModifiedSince);
            if (t != null && !o.lastModified().isAfter(t)) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /** Whether a list of entity tags ({@code "a", W/"b"} or {@code *}) names {@code etag} (unquoted). */
    static boolean etagMatches(String header, String etag) {
        for (String t : header.split(",")) {
            String tag = t.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (unquote(tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    static String unquote(String etag) {
        String e = etag.trim();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            return e.substring(1, e.length() - 1);
        }
        return e;
    }
}
