/**
 * PartiQL for DynamoDB, the single-item statements: a lexer, a recursive-descent parser into
 * {@link sandbox.dynamodb.partiql.Statement}, and {@link sandbox.dynamodb.partiql.KeyedWhere}, which finds the
 * item a WHERE clause names. Conditions and SET/REMOVE actions are built in the expression model of
 * {@code sandbox.dynamodb.expr}, so one evaluator and one update applier serve expressions and PartiQL.
 *
 * <p>Grammar: {@code INSERT INTO t VALUE {'a': 1, ...}}; {@code UPDATE t SET a = v, b = b + v, c =
 * list_append(c, v), d = set_add(d, <<'x'>>) REMOVE e WHERE <key> [AND cond] [RETURNING ALL|MODIFIED OLD|NEW *]};
 * {@code DELETE FROM t WHERE <key> [AND cond] [RETURNING ALL OLD *]}; {@code SELECT * | a, b.c FROM t WHERE
 * <key> [AND cond]}. Conditions: {@code = <> != < <= > >=}, BETWEEN, IN, IS [NOT] MISSING / NULL, AND, OR,
 * NOT, parentheses, attribute_exists, attribute_not_exists, attribute_type, begins_with, contains, size.
 * Values: {@code ?}, 'strings', numbers, true/false/null, {@code {maps}}, {@code [lists]}, {@code <<sets>>}.
 * Names bare or "double-quoted"; grammar keywords must be quoted.
 */
package sandbox.dynamodb.partiql;
