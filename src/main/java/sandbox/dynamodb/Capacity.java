package sandbox.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import sandbox.core.Json;

/** A plausible ConsumedCapacity (ReturnConsumedCapacity TOTAL or INDEXES): 1 KB write units, 4 KB read units. */
final class Capacity {

    private Capacity() {
    }

    static double writeUnits(int... sizes) {
        int max = 0;
        for (int s : sizes) {
            max = Math.max(max, s);
        }
        return Math.max(1, Math.ceil(max / 1024.0));
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    /** The ConsumedCapacity object for {@code mode}, or null for NONE. */
    static ObjectNode of(String mode, String table, double units) {
        if (mode == null || mode.equals("NONE")) {
            return null;
        }
        ObjectNode c = Json.object().put("TableName", table).put("CapacityUnits", units);
        if (mode.equals("INDEXES")) {
            c.putObject("Table").put("CapacityUnits", units);
        }
        return c;
    }

    static String mode(Params p) {
        return p.oneOf("ReturnConsumedCapacity", "NONE", List.of("INDEXES", "TOTAL", "NONE"));
    }

    static void put(ObjectNode out, String mode, String table, double units) {
        ObjectNode c = of(mode, table, units);
        if (c != null) {
            out.set("ConsumedCapacity", c);
        }
    }
}
