package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sandbox.dynamodb.DynamoDbItemsTest.s;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.SandboxTestSupport;
import sandbox.s3.RawHttp;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/**
 * Documents nest at most 32 levels (an attribute's own value being level 1), as AWS enforces it for items, values
 * and PartiQL literals; bodies and expressions nested thousands deep are refused with AWS's errors, never a
 * StackOverflowError (which used to leave the client without an answer).
 */
class DynamoDbNestingLimitsTest extends SandboxTestSupport {

    private static final String TOO_DEEP = "Nesting Levels have exceeded supported limits: Attributes in the item have "
            + "nested levels beyond supported limit";
    private static DynamoDbClient ddb;

    @BeforeAll
    static void table() {
        ddb = dynamodb();
        ddb.createTable(DynamoDbTablesTest.table("nesting", false).build());
    }

    /** A value of {@code wraps} nested maps around a string: the string is at level {@code wraps + 1}. */
    static AttributeValue deepMap(int wraps) {
        AttributeValue v = s("leaf");
        for (int i = 0; i < wraps; i++) {
            v = AttributeValue.fromM(Map.of("n", v));
        }
        return v;
    }

    private static void refusedAsTooDeep(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining(TOO_DEEP);
    }

    private static HttpResponse<String> raw(String target, String body) throws Exception {
        return RawHttp.send(endpoint, "POST", "/", Map.of("X-Amz-Target", "DynamoDB_20120810." + target,
                "Content-Type", "application/x-amz-json-1.0"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thirtyTwoLevelsAreStoredAndThirtyThreeRefusedWhereverAValueIsWritten() {
        ddb.putItem(b -> b.tableName("nesting").item(Map.of("id", s("deep-31"), "d", deepMap(31))));
        assertThat(ddb.getItem(b -> b.tableName("nesting").key(Map.of("id", s("deep-31")))).item().get("d"))
                .isEqualTo(deepMap(31));

        refusedAsTooDeep(() -> ddb.putItem(b -> b.tableName("nesting").item(Map.of("id", s("x"), "d", deepMap(32)))));
        AttributeValue deepList = s("leaf");
        for (int i = 0; i < 32; i++) {
            deepList = AttributeValue.fromL(List.of(deepList));
        }
        AttributeValue list33 = deepList;
        refusedAsTooDeep(() -> ddb.putItem(b -> b.tableName("nesting").item(Map.of("id", s("x"), "d", list33))));
        refusedAsTooDeep(() -> ddb.batchWriteItem(b -> b.requestItems(Map.of("nesting", List.of(
                software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(
                        Map.of("id", s("x"), "d", deepMap(32)))).build())))));
        refusedAsTooDeep(() -> ddb.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName("nesting")
                .item(Map.of("id", s("x"), "d", deepMap(32)))))));
        refusedAsTooDeep(() -> ddb.updateItem(b -> b.tableName("nesting").key(Map.of("id", s("deep-31")))
                .updateExpression("SET t = :t").conditionExpression("d = :deep")
                .expressionAttributeValues(Map.of(":t", s("y"), ":deep", deepMap(32)))));
        // 31 levels set one level down make 33
        refusedAsTooDeep(() -> ddb.updateItem(b -> b.tableName("nesting").key(Map.of("id", s("deep-31")))
                .updateExpression("SET d.n2 = :v").expressionAttributeValues(Map.of(":v", deepMap(31)))));
        assertThat(ddb.getItem(b -> b.tableName("nesting").key(Map.of("id", s("x")))).hasItem()).isFalse();
    }

    @Test
    void twoThousandNestedBracketsInABodyAreAValidationError() throws Exception {
        String lists = "{\"L\":[".repeat(2000) + "{\"S\":\"z\"}" + "]}".repeat(2000);
        HttpResponse<String> item = raw("PutItem", "{\"TableName\":\"nesting\",\"Item\":{\"id\":{\"S\":\"raw\"},"
                + "\"d\":" + lists + "}}");
        assertThat(item.statusCode()).isEqualTo(400);
        assertThat(item.body()).contains("com.amazonaws.dynamodb.v20120810#ValidationException").contains(TOO_DEEP);

        HttpResponse<String> arrays = raw("Query", "[".repeat(2000) + "]".repeat(2000));
        assertThat(arrays.statusCode()).isEqualTo(400);
        assertThat(arrays.body()).contains("ValidationException");
        assertThat(ddb.getItem(b -> b.tableName("nesting").key(Map.of("id", s("raw")))).hasItem()).isFalse();
    }

    @Test
    void twoThousandNestedParenthesesInEveryExpressionAreRefused() {
        String parens = "(".repeat(2000) + "id = :v" + ")".repeat(2000);
        Map<String, AttributeValue> v = Map.of(":v", s("a"));
        for (Runnable call : List.<Runnable>of(
                () -> ddb.query(b -> b.tableName("nesting").keyConditionExpression(parens).expressionAttributeValues(v)),
                () -> ddb.scan(b -> b.tableName("nesting").filterExpression(parens).expressionAttributeValues(v)),
                () -> ddb.putItem(b -> b.tableName("nesting").item(Map.of("id", s("p")))
                        .conditionExpression(parens).expressionAttributeValues(v)),
                () -> ddb.deleteItem(b -> b.tableName("nesting").key(Map.of("id", s("p")))
                        .conditionExpression("NOT ".repeat(1000) + "id = :v").expressionAttributeValues(v)))) {
            assertThatThrownBy(call::run).isInstanceOf(DynamoDbException.class)
                    .hasMessageContaining("Invalid").hasMessageMatching(
                            "(?s).*(redundant parentheses|too many operators).*");
        }
    }

    @Test
    void partiqlLiteralsNestAtMost32LevelsAndDeepConditionsAreRefused() {
        ddb.putItem(b -> b.tableName("nesting").item(Map.of("id", s("pq"))));
        String update = "UPDATE nesting SET d = ";
        String where = " WHERE id = 'pq'";
        assertThatThrownBy(() -> ddb.executeStatement(b -> b.statement(update + "{'a':".repeat(32) + "1"
                + "}".repeat(32) + where)))
                .hasMessageStartingWith("Nesting Levels have exceeded supported limits under root" + ".a".repeat(32));
        assertThatThrownBy(() -> ddb.executeStatement(b -> b.statement(update + "[".repeat(2000) + "1"
                + "]".repeat(2000) + where)))
                .hasMessageStartingWith("Nesting Levels have exceeded supported limits under root" + "[0]".repeat(32));
        ddb.executeStatement(b -> b.statement("INSERT INTO nesting VALUE {'id':'pq31','d':" + "{'a':".repeat(31) + "1"
                + "}".repeat(31) + "}"));
        assertThat(ddb.getItem(b -> b.tableName("nesting").key(Map.of("id", s("pq31")))).item()).containsKey("d");

        assertThatThrownBy(() -> ddb.executeStatement(b -> b.statement("SELECT * FROM nesting WHERE id = 'pq' AND "
                + "(".repeat(2000) + "d = 1" + ")".repeat(2000))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("nesting is deeper than 50 levels");
    }

    @Test
    void thousandsOfLegacyExpectedConditionsAreEvaluated() {
        Map<String, ExpectedAttributeValue> expected = new HashMap<>();
        for (int i = 0; i < 5000; i++) {
            expected.put("absent" + i, ExpectedAttributeValue.builder().exists(false).build());
        }
        ddb.putItem(b -> b.tableName("nesting").item(Map.of("id", s("expected"))).expected(expected));
        assertThat(ddb.getItem(b -> b.tableName("nesting").key(Map.of("id", s("expected")))).hasItem()).isTrue();
    }

    @Test
    void boto3GetsTheSameAnswers() {
        ExternalClients.assumeBoto3();
        String script = String.join("\n",
                "import os, boto3",
                "from botocore.exceptions import ClientError",
                "ddb = boto3.client('dynamodb', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
                "def deep(n):",
                "    v = {'S': 'leaf'}",
                "    for i in range(n):",
                "        v = {'M': {'n': v}}",
                "    return v",
                "ddb.put_item(TableName='nesting', Item={'id': {'S': 'boto-31'}, 'd': deep(31)})",
                "for call in (lambda: ddb.put_item(TableName='nesting', Item={'id': {'S': 'boto-32'}, 'd': deep(32)}),",
                "             lambda: ddb.scan(TableName='nesting', FilterExpression='(' * 2000 + 'id = :v' + ')' * 2000,",
                "                              ExpressionAttributeValues={':v': {'S': 'a'}})):",
                "    try:",
                "        call()",
                "        print('accepted')",
                "    except ClientError as e:",
                "        print(e.response['Error']['Code'], e.response['Error']['Message'])");
        List<String> lines = ExternalClients.python(endpoint, script).assertOk().stdout().lines().toList();
        assertThat(lines).containsExactly("ValidationException " + TOO_DEEP,
                "ValidationException Invalid FilterExpression: The expression has redundant parentheses;");
    }
}
