package sandbox.s3;

import java.util.Comparator;

/**
 * S3 lists keys in UTF-8 byte order, which is Unicode code point order. Java's {@code String}
 * order is UTF-16 order and differs for characters above U+FFFF versus U+E000..U+FFFF.
 */
final class KeyOrder implements Comparator<String> {

    static final KeyOrder INSTANCE = new KeyOrder();

    /** A string that sorts after every key starting with a given prefix, when appended to it. */
    static final String AFTER_ALL = new String(Character.toChars(Character.MAX_CODE_POINT));

    private KeyOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    return fix(x) - fix(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** Moves surrogates above U+E000..U+FFFF so that char order becomes code point order. */
    private static int fix(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
