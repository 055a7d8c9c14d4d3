package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sandbox.dynamodb.DynamoDbItemsTest.n;
import static sandbox.dynamodb.DynamoDbItemsTest.s;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import sandbox.WholeStream;
import sandbox.core.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** BatchExecuteStatement through the SDK for Java v2: per-statement outcomes, batch rules, streams, faults. */
class PartiqlBatchTest extends SandboxTestSupport {

    private static final String T = "pqb-items";
    private static final String Q = "\"" + T + "\"";
    private static final String UPSERT_IF_NEWER =
            "UPDATE " + Q + " SET qty = ?, updatedAt = ? WHERE pk = ? AND sk = 1 AND updatedAt < ?";
    private static DynamoDbClient ddb;
    private static DynamoDbStreamsClient streams;
    private static String streamArn;

    @BeforeAll
    static void table() {
        ddb = dynamodb();
        streams = streams();
        streamArn = ddb.createTable(DynamoDbTablesTest.table(T, true)
                .streamSpecification(st -> st.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)).build())
                .tableDescription().latestStreamArn();
    }

    @AfterEach
    void clearFaults() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_sandbox/faults")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static BatchStatementRequest stmt(String statement, AttributeValue... parameters) {
        return BatchStatementRequest.builder().statement(statement)
                .parameters(parameters.length == 0 ? null : List.of(parameters)).build();
    }

    private static BatchStatementRequest newer(String pk, String updatedAt, String qty) {
        return stmt(UPSERT_IF_NEWER, n(qty), s(updatedAt), s(pk), s(updatedAt)).toBuilder()
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
    }

    private static BatchStatementRequest insert(String pk, String updatedAt, String qty) {
        return stmt("INSERT INTO " + Q + " VALUE {'pk': ?, 'sk': 1, 'qty': ?, 'updatedAt': ?}", s(pk), n(qty), s(updatedAt));
    }

    private static List<BatchStatementResponse> batch(BatchStatementRequest... statements) {
        return ddb.batchExecuteStatement(r -> r.statements(statements)).responses();
    }

    private static Map<String, AttributeValue> stored(String pk) {
        return ddb.getItem(r -> r.tableName(T).key(Map.of("pk", s(pk), "sk", n("1"))).consistentRead(true)).item();
    }

    private static List<Record> recordsOf(String pk) {
        return WholeStream.records(streams, streamArn).stream()
                .filter(r -> r.dynamodb().keys().get("pk").s().equals(pk)).toList();
    }

    @Test
    void eachStatementHasItsOwnOutcome() {
        batch(insert("b-old", "2024-05-01", "1"), insert("b-new", "2024-05-09", "1"), insert("b-dup", "2024-05-01", "1"));
        List<BatchStatementResponse> r = ddb.batchExecuteStatement(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .statements(newer("b-old", "2024-05-05", "2"), newer("b-new", "2024-05-05", "2"),
                        newer("b-missing", "2024-05-05", "2"), insert("b-dup", "2024-05-05", "2"),
                        insert("b-fresh", "2024-05-05", "2"))).responses();
        assertThat(r).hasSize(5);
        assertThat(r.get(0).error()).isNull();
        assertThat(r.get(0).tableName()).isEqualTo(T);
        assertThat(stored("b-old")).containsEntry("qty", n("2")).containsEntry("updatedAt", s("2024-05-05"));

        assertThat(r.get(1).error().code()).isEqualTo(BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED);
        assertThat(r.get(1).error().message()).isEqualTo("The conditional request failed");
        assertThat(r.get(1).error().item()).containsEntry("updatedAt", s("2024-05-09")).containsEntry("qty", n("1"));
        assertThat(r.get(1).tableName()).isEqualTo(T);

        // missing and stale fail alike; only the stored item (ALL_OLD) tells them apart
        assertThat(r.get(2).error().code()).isEqualTo(BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED);
        assertThat(r.get(2).error().hasItem()).isFalse();
        assertThat(stored("b-missing")).isEmpty();

        assertThat(r.get(3).error().code()).isEqualTo(BatchStatementErrorCodeEnum.DUPLICATE_ITEM);
        assertThat(r.get(3).error().message()).isEqualTo("Duplicate primary key exists in table");
        assertThat(stored("b-dup")).containsEntry("qty", n("1"));
        assertThat(r.get(4).error()).isNull();
        assertThat(stored("b-fresh")).containsEntry("qty", n("2"));
    }

    @Test
    void readsReturnOneItemEachAndNothingForAMissingKey() {
        batch(insert("r-1", "2024-01-01", "4"));
        List<BatchStatementResponse> r = batch(stmt("SELECT qty FROM " + Q + " WHERE pk = ? AND sk = 1", s("r-1")),
                stmt("SELECT * FROM " + Q + " WHERE pk = 'r-none' AND sk = 1"),
                stmt("SELECT * FROM " + Q + " WHERE pk = 'r-1'"));
        assertThat(r.get(0).item()).isEqualTo(Map.of("qty", n("4")));
        assertThat(r.get(1).hasItem()).isFalse();
        assertThat(r.get(1).error()).isNull();
        assertThat(r.get(1).tableName()).isEqualTo(T);
        assertThat(r.get(2).error().code()).isEqualTo(BatchStatementErrorCodeEnum.VALIDATION_ERROR);
        assertThat(r.get(2).error().message()).contains("must specify the primary key in the where clause");
        assertThat(r.get(2).tableName()).isNull();
    }

    @Test
    void aBatchIsRefusedWholeForMixingReadsAndWritesOrNamingAnItemTwice() {
        assertThat(refusal(stmt("SELECT * FROM " + Q + " WHERE pk = 'x' AND sk = 1"), insert("m-1", "2024", "1")))
                .isEqualTo("Read and write requests together in the same batch is not supported.");
        assertThat(refusal(insert("m-2", "2024", "1"), newer("m-2", "2025", "1")))
                .isEqualTo("Provided list of item keys contains duplicates");
        assertThat(stored("m-1")).isEmpty();
        assertThat(stored("m-2")).isEmpty();
        List<BatchStatementRequest> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(insert("m-many-" + i, "2024", "1"));
        }
        assertThat(refusal(many.toArray(BatchStatementRequest[]::new))).contains("Member must have length less than or equal to 25");
        assertThat(refusal()).contains("Member must have length greater than or equal to 1");
    }

    @Test
    void aMalformedOrFailingStatementDoesNotStopTheOthers() {
        List<BatchStatementResponse> r = batch(stmt("INSRT INTO " + Q + " VALUE {}"), insert("p-ok", "2024", "1"),
                stmt("INSERT INTO \"pqb-nowhere\" VALUE {'pk': 'a', 'sk': 1}"),
                stmt("UPDATE " + Q + " SET qty = ? WHERE pk = ? AND sk = 1", n("1")));
        assertThat(r.get(0).error().code()).isEqualTo(BatchStatementErrorCodeEnum.VALIDATION_ERROR);
        assertThat(r.get(0).error().message()).startsWith("Statement wasn't well formed, can't be processed");
        assertThat(r.get(0).tableName()).isNull();
        assertThat(r.get(1).error()).isNull();
        assertThat(r.get(2).error().code()).isEqualTo(BatchStatementErrorCodeEnum.RESOURCE_NOT_FOUND);
        assertThat(r.get(3).error().message()).isEqualTo("Number of parameters in request and statement don't match.");
        assertThat(stored("p-ok")).containsEntry("qty", n("1"));
    }

    @Test
    void streamRecordsOnlyForRealChanges() {
        String pk = "st-1";
        batch(insert(pk, "2024-05-01", "1"));                                       // INSERT
        batch(insert(pk, "2024-05-02", "2"));                                       // duplicate: nothing
        batch(newer(pk, "2024-04-01", "3"));                                        // stale: nothing
        ddb.executeStatement(r -> r.statement("UPDATE " + Q + " SET qty = 1 WHERE pk = ? AND sk = 1").parameters(s(pk)));
        batch(newer(pk, "2024-05-03", "4"));                                        // MODIFY
        batch(stmt("DELETE FROM " + Q + " WHERE pk = ? AND sk = 1 AND qty = 9", s(pk))); // false condition: nothing
        batch(stmt("DELETE FROM " + Q + " WHERE pk = ? AND sk = 2", s(pk)));            // missing: nothing
        batch(stmt("DELETE FROM " + Q + " WHERE pk = ? AND sk = 1", s(pk)));            // REMOVE
        batch(newer(pk, "2024-06-01", "5"));                                        // missing: nothing
        List<Record> recs = recordsOf(pk);
        assertThat(recs).extracting(Record::eventNameAsString).containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(recs.get(1).dynamodb().oldImage()).containsEntry("qty", n("1"));
        assertThat(recs.get(1).dynamodb().newImage()).containsEntry("qty", n("4")).containsEntry("updatedAt", s("2024-05-03"));
        assertThat(recs.get(2).dynamodb().oldImage()).containsEntry("qty", n("4"));
    }

    @Test
    void aFaultRuleThrottlesSingleStatementsWhichSucceedWhenRetriedAlone() throws Exception {
        addFault("{\"service\":\"dynamodb\",\"operation\":\"BatchExecuteStatement.Statement\",\"status\":400,"
                + "\"code\":\"ThrottlingError\",\"message\":\"Throughput exceeds the current capacity of your table or index.\","
                + "\"count\":2}");
        List<BatchStatementResponse> r = batch(insert("th-1", "2024", "1"), insert("th-2", "2024", "1"),
                insert("th-3", "2024", "1"));
        assertThat(r).extracting(x -> x.error() == null ? "ok" : x.error().codeAsString())
                .containsExactly("ThrottlingError", "ThrottlingError", "ok");
        assertThat(r.get(0).tableName()).isEqualTo(T);
        assertThat(stored("th-1")).isEmpty();
        assertThat(stored("th-3")).isNotEmpty();
        assertThat(recordsOf("th-1")).isEmpty();
        assertThat(batch(insert("th-1", "2024", "1"), insert("th-2", "2024", "1"))).allSatisfy(x -> assertThat(x.error()).isNull());
        assertThat(stored("th-2")).isNotEmpty();
    }

    @Test
    void wholeRequestFaultsApplyToBothOperations() throws Exception {
        addFault("{\"service\":\"dynamodb\",\"operation\":\"ExecuteStatement\",\"status\":400,\"code\":\"ValidationException\","
                + "\"message\":\"injected\",\"count\":1}");
        addFault("{\"service\":\"dynamodb\",\"operation\":\"BatchExecuteStatement\",\"status\":500,\"count\":1}");
        assertThatThrownBy(() -> ddb.executeStatement(r -> r.statement("SELECT * FROM " + Q + " WHERE pk = 'f' AND sk = 1")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("injected"));
        // a 500 is retried by the SDK: the batch succeeds on its second attempt, which the rule's count shows
        assertThat(batch(insert("f-1", "2024", "1"))).singleElement().satisfies(x -> assertThat(x.error()).isNull());
        String rules = get("/_sandbox/faults").body();
        assertThat(Json.parse(rules).findValues("fired")).extracting(v -> v.asInt()).containsExactly(1, 1);
    }

    private static void addFault(String rule) throws Exception {
        HttpResponse<String> added = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve("/_sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(rule)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isLessThan(300);
    }

    private static String refusal(BatchStatementRequest... statements) {
        try {
            ddb.batchExecuteStatement(r -> r.statements(statements));
        } catch (DynamoDbException e) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            return e.awsErrorDetails().errorMessage();
        }
        throw new AssertionError("expected the whole batch to be refused");
    }
}
