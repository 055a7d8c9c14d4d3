package sandbox.item;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attribute names shared by every packed item: a name a table repeats a million times is kept once and
 * written as a small number. Bounded (long names and names past the cap stay inline), so items with
 * made-up names cannot grow it without end.
 */
final class AttributeNames {

    static final int MAX_NAMES = 1 << 16;
    static final int MAX_LENGTH = 64;

    private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
    /** Written under the class lock, element before array (volatile), so a reader of an id sees its name. */
    private static volatile String[] names = new String[256];
    /** The names as field names ready to write (their JSON-escaped UTF-8 is computed once), same indexes. */
    private static volatile SerializableString[] fieldNames = new SerializableString[256];
    private static int count;

    private AttributeNames() {
    }

    /** The name's number, or -1 when it is kept inline (too long, or the dictionary is full). */
    static int id(String name) {
        Integer id = IDS.get(name);
        if (id != null) {
            return id;
        }
        if (name.length() > MAX_LENGTH) {
            return -1;
        }
        synchronized (AttributeNames.class) {
            id = IDS.get(name);
            if (id != null) {
                return id;
            }
            if (count >= MAX_NAMES) {
                return -1;
            }
            String[] a = names.length == count ? Arrays.copyOf(names, count * 2) : names;
            SerializableString[] f = fieldNames.length == count ? Arrays.copyOf(fieldNames, count * 2) : fieldNames;
            a[count] = name;
            f[count] = new SerializedString(name);
            fieldNames = f;
            names = a;
            IDS.put(name, count);
            return count++;
        }
    }

    static String name(int id) {
        return names[id];
    }

    static SerializableString fieldName(int id) {
        return fieldNames[id];
    }
}
