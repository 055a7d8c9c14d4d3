package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sandbox.dynamodb.DynamoDbItemsTest.n;
import static sandbox.dynamodb.DynamoDbItemsTest.s;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** ExecuteStatement through the SDK for Java v2: each statement shape, its errors and ALL_OLD. */
class PartiqlStatementTest extends SandboxTestSupport {

    private static final String T = "pq-items";
    /** A name with "-" must be double-quoted in PartiQL. */
    private static final String Q = "\"" + T + "\"";
    private static DynamoDbClient ddb;

    @BeforeAll
    static void table() {
        ddb = dynamodb();
        ddb.createTable(DynamoDbTablesTest.table(T, true).build());
    }

    private static ExecuteStatementResponse run(String statement, AttributeValue... parameters) {
        return ddb.executeStatement(r -> r.statement(statement).parameters(parameters.length == 0 ? null : List.of(parameters)));
    }

    private static Map<String, AttributeValue> get(String pk, int sk) {
        return ddb.getItem(r -> r.tableName(T).key(Map.of("pk", s(pk), "sk", n(Integer.toString(sk))))
                .consistentRead(true)).item();
    }

    private static void put(String pk, int sk, String updatedAt) {
        ddb.putItem(r -> r.tableName(T).item(Map.of("pk", s(pk), "sk", n(Integer.toString(sk)),
                "updatedAt", s(updatedAt), "qty", n("5"))));
    }

    @Test
    void insertWritesLiteralsAndParametersAndRefusesAnExistingKey() {
        ExecuteStatementResponse r = run("INSERT INTO " + Q + " VALUE {'pk': ?, 'sk': 1, 'name': 'it''s', "
                + "'n': -2.50, 'ok': true, 'none': null, 'm': {'a': [1, 'x']}, 'tags': <<'b', 'a'>>, 'p': ?}",
                s("ins"), n("7"));
        assertThat(r.items()).isEmpty();
        Map<String, AttributeValue> item = get("ins", 1);
        assertThat(item.get("name").s()).isEqualTo("it's");
        assertThat(item.get("n").n()).isEqualTo("-2.5");
        assertThat(item.get("ok").bool()).isTrue();
        assertThat(item.get("none").nul()).isTrue();
        assertThat(item.get("m").m().get("a").l()).containsExactly(n("1"), s("x"));
        assertThat(item.get("tags").ss()).containsExactly("a", "b");
        assertThat(item.get("p").n()).isEqualTo("7");

        assertThatThrownBy(() -> run("INSERT INTO " + Q + " VALUE {'pk': 'ins', 'sk': 1, 'name': 'second'}"))
                .isInstanceOfSatisfying(DuplicateItemException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Duplicate primary key exists in table");
                });
        assertThat(get("ins", 1).get("name").s()).isEqualTo("it's");
    }

    @Test
    void updateSetsComputesAndRemovesSeveralAttributes() {
        ddb.putItem(r -> r.tableName(T).item(Map.of("pk", s("upd"), "sk", n("1"), "qty", n("5"), "gone", s("x"),
                "tags", AttributeValue.fromSs(List.of("a")), "log", AttributeValue.fromL(List.of(n("1"))),
                "keep", s("k"))));
        run("UPDATE " + Q + " SET qty = qty + ?, note = ?, tags = set_add(tags, <<'b'>>) "
                + "SET log = list_append(log, [2]) REMOVE gone WHERE pk = ? AND sk = 1", n("3"), s("hi"), s("upd"));
        Map<String, AttributeValue> item = get("upd", 1);
        assertThat(item.get("qty").n()).isEqualTo("8");
        assertThat(item.get("note").s()).isEqualTo("hi");
        assertThat(item.get("tags").ss()).containsExactly("a", "b");
        assertThat(item.get("log").l()).containsExactly(n("1"), n("2"));
        assertThat(item).doesNotContainKey("gone").containsEntry("keep", s("k"));
    }

    @Test
    void updateOfAMissingItemFailsTheConditionAndCreatesNothing() {
        assertThatThrownBy(() -> ddb.executeStatement(r -> r.statement("UPDATE " + Q + " SET qty = 1 WHERE pk = 'nobody' AND sk = 1")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
                    assertThat(e.hasItem()).isFalse();
                });
        // even a condition that a missing item satisfies cannot turn UPDATE into an upsert
        assertThatThrownBy(() -> run("UPDATE " + Q + " SET qty = 1 WHERE pk = 'nobody' AND sk = 1 "
                + "AND attribute_not_exists(updatedAt)")).isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(get("nobody", 1)).isEmpty();
    }

    @Test
    void aStaleUpdateFailsWithTheStoredItemWhenAllOldIsAsked() {
        put("stale", 1, "2024-05-02T00:00:00Z");
        String stmt = "UPDATE " + Q + " SET qty = ?, updatedAt = ? WHERE pk = ? AND sk = ? AND updatedAt < ?";
        assertThatThrownBy(() -> ddb.executeStatement(r -> r.statement(stmt)
                .parameters(n("9"), s("2024-05-01T00:00:00Z"), s("stale"), n("1"), s("2024-05-01T00:00:00Z"))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.hasItem()).isTrue();
                    assertThat(e.item()).containsEntry("updatedAt", s("2024-05-02T00:00:00Z")).containsEntry("qty", n("5"));
                });
        assertThatThrownBy(() -> run(stmt, n("9"), s("2024-05-02T00:00:00Z"), s("stale"), n("1"), s("2024-05-02T00:00:00Z")))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> assertThat(e.hasItem()).isFalse());
        run(stmt, n("9"), s("2024-05-03T00:00:00Z"), s("stale"), n("1"), s("2024-05-03T00:00:00Z"));
        assertThat(get("stale", 1)).containsEntry("qty", n("9")).containsEntry("updatedAt", s("2024-05-03T00:00:00Z"));
    }

    @Test
    void whereConditionsCombineWithAndOrNotAndParentheses() {
        put("cond", 1, "2024-05-02");
        String key = "WHERE pk = 'cond' AND sk = 1 AND ";
        String set = "UPDATE " + Q + " SET hits = 1 ";
        List<String> holding = List.of("(attribute_not_exists(updatedAt) OR updatedAt < '2024-06-01')",
                "NOT qty = 4 AND qty BETWEEN 1 AND 9", "qty IN [4, 5] AND begins_with(updatedAt, '2024')",
                "other IS MISSING AND qty IS NOT MISSING", "attribute_exists(qty) AND size(updatedAt) = 10",
                "qty <> 4 AND qty != 3 AND qty >= 5 AND qty <= 5 AND qty > 4");
        for (String c : holding) {
            run(set + key + c);
        }
        List<String> failing = List.of("attribute_not_exists(qty)", "(qty < 5 OR (updatedAt > '2025' AND qty = 5))",
                "NOT (qty = 5)", "qty IN (1, 2)", "contains(updatedAt, 'x')");
        for (String c : failing) {
            assertThatThrownBy(() -> run(set + key + c)).as(c).isInstanceOf(ConditionalCheckFailedException.class);
        }
    }

    @Test
    void deleteOfAMissingItemSucceedsButAFalseConditionOnAnExistingOneFails() {
        run("DELETE FROM " + Q + " WHERE pk = 'ghost' AND sk = 1 AND qty = 1");
        put("del", 1, "2024-05-02");
        assertThatThrownBy(() -> ddb.executeStatement(r -> r.statement("DELETE FROM " + Q + " WHERE pk = 'del' AND sk = 1 AND qty = 1")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> assertThat(e.item()).containsEntry("qty", n("5")));
        ExecuteStatementResponse r = run("DELETE FROM " + Q + " WHERE pk = 'del' AND sk = 1 AND qty = 5 RETURNING ALL OLD *");
        assertThat(r.items()).singleElement().satisfies(i -> assertThat(i).containsEntry("pk", s("del")));
        assertThat(get("del", 1)).isEmpty();
    }

    @Test
    void selectReadsOneItemByItsKeyWithAProjectionAndAFilter() {
        ddb.putItem(r -> r.tableName(T).item(Map.of("pk", s("sel"), "sk", n("2"), "a", s("x"),
                "m", AttributeValue.fromM(Map.of("inner", s("deep"))), "b", n("1"))));
        assertThat(run("SELECT * FROM " + Q + " WHERE pk = ? AND sk = ?", s("sel"), n("2")).items())
                .singleElement().satisfies(i -> assertThat(i).hasSize(5));
        assertThat(run("SELECT a, m.inner FROM " + Q + " WHERE \"pk\" = 'sel' AND sk = 2").items())
                .containsExactly(Map.of("a", s("x"), "inner", s("deep")));
        assertThat(run("SELECT * FROM " + Q + " WHERE pk = 'sel' AND sk = 2 AND b > 1").items()).isEmpty();
        assertThat(run("SELECT * FROM " + Q + " WHERE pk = 'sel' AND sk = 3").items()).isEmpty();
        assertThatThrownBy(() -> run("SELECT * FROM " + Q + " WHERE pk = 'sel'"))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("full primary key only"));
    }

    @Test
    void returningGivesTheOldOrNewItemOrWhatChanged() {
        put("ret", 1, "2024-01-01");
        assertThat(run("UPDATE " + Q + " SET qty = 6 WHERE pk = 'ret' AND sk = 1 RETURNING MODIFIED OLD *").items())
                .containsExactly(Map.of("qty", n("5")));
        assertThat(run("UPDATE " + Q + " SET qty = 7 WHERE pk = 'ret' AND sk = 1 RETURNING ALL NEW *").items())
                .singleElement().satisfies(i -> assertThat(i).containsEntry("qty", n("7")).containsEntry("pk", s("ret")));
        assertThatThrownBy(() -> run("DELETE FROM " + Q + " WHERE pk = 'ret' AND sk = 1 RETURNING ALL NEW *"))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements."));
    }

    @Test
    void malformedStatementsAndBadRequestsAreRefusedAsAwsWordsThem() {
        assertThat(validationMessage(() -> run("SELECT * FROM " + Q + " WHERE pk = ? AND sk = ?", s("a"))))
                .isEqualTo("Number of parameters in request and statement don't match.");
        assertThat(validationMessage(() -> run("SLECT * FROM " + T)))
                .isEqualTo("Statement wasn't well formed, can't be processed: Expected data manipulation");
        assertThat(validationMessage(() -> run("UPDATE " + Q + " SET qty = 1 WHERE pk = 'a' AND")))
                .startsWith("Statement wasn't well formed, can't be processed:");
        assertThat(validationMessage(() -> run("UPDATE " + Q + " SET qty = 1 WHERE pk = 'a'")))
                .isEqualTo("Where clause does not contain a mandatory equality on all key attributes");
        assertThat(validationMessage(() -> run("DELETE FROM " + Q + " WHERE pk = 'a' OR sk = 1")))
                .isEqualTo("Where clause does not contain a mandatory equality on all key attributes");
        assertThat(validationMessage(() -> run("UPDATE " + Q + " SET sk = 2 WHERE pk = 'a' AND sk = 1")))
                .contains("Cannot update attribute sk. This attribute is part of the key");
        assertThat(validationMessage(() -> run("INSERT INTO " + Q + " VALUE {'pk': 'a'}")))
                .isEqualTo("One or more parameter values were invalid: Missing the key sk in the item");
        assertThatThrownBy(() -> run("SELECT * FROM \"pq-missing\" WHERE pk = 'a' AND sk = 1"))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static String validationMessage(Runnable call) {
        try {
            call.run();
        } catch (DynamoDbException e) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            return e.awsErrorDetails().errorMessage();
        }
        throw new AssertionError("expected a ValidationException");
    }
}
