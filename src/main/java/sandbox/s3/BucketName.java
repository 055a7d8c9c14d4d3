package sandbox.s3;

import java.util.regex.Pattern;

/** S3's general-purpose bucket naming rules. */
final class BucketName {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final String[] RESERVED_PREFIXES = {"xn--", "sthree-", "amzn-s3-demo-"};
    private static final String[] RESERVED_SUFFIXES = {"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"};

    private BucketName() {
    }

    static boolean isValid(String name) {
        if (name == null || !SHAPE.matcher(name).matches() || name.contains("..")
                || IP_ADDRESS.matcher(name).matches()) {
            return false;
        }
        for (String p : RESERVED_PREFIXES) {
            if (name.startsWith(p)) {
                return false;
            }
        }
        for (String s : RESERVED_SUFFIXES) {
            if (name.endsWith(s)) {
                return false;
            }
        }
        return true;
    }

    static void check(String name) {
        if (!isValid(name)) {
            throw new S3Error(400, "InvalidBucketName", "The specified bucket is not valid.").with("BucketName", name);
        }
    }
}
