package sandbox.dynamodb.partiql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import sandbox.dynamodb.expr.Condition;
import sandbox.dynamodb.expr.DocPath;
import sandbox.dynamodb.expr.UpdateExpression;

/**
 * A parsed single-item PartiQL statement, its {@code ?} parameters already bound. WHERE clauses are
 * conditions of the expression model ({@code sandbox.dynamodb.expr}), so the one evaluator serves both.
 */
public sealed interface Statement {

    String table();

    /** The WHERE clause (null for INSERT, and for a SELECT without one). */
    default Condition where() {
        return null;
    }

    /** Whether this statement only reads (a batch is all reads or all writes). */
    default boolean isRead() {
        return this instanceof Select;
    }

    /** {@code INSERT INTO t VALUE {...}}: fails with DuplicateItem when the key exists. */
    record Insert(String table, ObjectNode item) implements Statement {
    }

    /** {@code UPDATE t SET ... REMOVE ... WHERE <key> [AND cond] [RETURNING ...]}: the item must exist. */
    record Update(String table, UpdateExpression actions, Condition where, Returning returning) implements Statement {
    }

    /** {@code DELETE FROM t WHERE <key> [AND cond] [RETURNING ALL OLD *]}: a missing item is no error. */
    record Delete(String table, Condition where, Returning returning) implements Statement {
    }

    /**
     * {@code SELECT * | a, b.c FROM t WHERE <key> [AND cond]}.
     *
     * @param paths null for {@code *}
     * @param where null when there is no WHERE clause
     */
    record Select(String table, List<DocPath> paths, Condition where) implements Statement {
    }

    /** The RETURNING clause of UPDATE and DELETE. */
    enum Returning {
        NONE, ALL_OLD, MODIFIED_OLD, ALL_NEW, MODIFIED_NEW;

        String clause() {
            return "RETURNING " + name().replace('_', ' ') + " *";
        }
    }
}
