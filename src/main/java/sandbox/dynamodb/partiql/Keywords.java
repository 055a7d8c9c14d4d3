package sandbox.dynamodb.partiql;

import java.util.Locale;
import java.util.Set;

/** The words of the statement grammar, which must be double-quoted to be used as attribute names. */
final class Keywords {

    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "INSERT",
            "INTO", "VALUE", "VALUES", "UPDATE", "SET", "REMOVE", "DELETE", "RETURNING", "BETWEEN", "IN", "IS",
            "MISSING", "NULL", "TRUE", "FALSE", "EXISTS");

    private Keywords() {
    }

    static boolean isReserved(String word) {
        return RESERVED.contains(word.toUpperCase(Locale.ROOT));
    }
}
