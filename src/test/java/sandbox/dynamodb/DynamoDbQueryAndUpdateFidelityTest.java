package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sandbox.dynamodb.DynamoDbItemsTest.n;
import static sandbox.dynamodb.DynamoDbItemsTest.s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What conformance suites run by other clients found answered differently from AWS, now answered as AWS answers:
 * legacy KeyConditions with a ProjectionExpression, a filter naming a key attribute, parentheses in SET values,
 * REMOVE through a path the item cannot have, and an ExclusiveStartKey the query could not have returned.
 */
class DynamoDbQueryAndUpdateFidelityTest extends SandboxTestSupport {

    private static DynamoDbClient ddb;

    @BeforeAll
    static void data() {
        ddb = dynamodb();
        ddb.createTable(DynamoDbTablesTest.table("fidelity", true).build());
        for (int i = 1; i <= 5; i++) {
            int sk = i;
            ddb.putItem(b -> b.tableName("fidelity").item(Map.of("pk", s("p"), "sk", n(Integer.toString(sk)),
                    "qty", n(Integer.toString(sk * 10)), "note", s("n" + sk), "doc", AttributeValue.fromM(Map.of(
                            "tags", AttributeValue.fromL(List.of(s("a"), s("b"))))))));
        }
    }

    private static void validation(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorMessage()).isEqualTo(message));
    }

    private static Map<String, Condition> partition(String pk) {
        return Map.of("pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s(pk)).build());
    }

    @Test
    void legacyKeyConditionsTakeAProjectionOrFilterExpressionButNotAKeyConditionExpression() {
        QueryResponse projected = ddb.query(b -> b.tableName("fidelity").keyConditions(partition("p"))
                .projectionExpression("note, #q").expressionAttributeNames(Map.of("#q", "qty")));
        assertThat(projected.items()).hasSize(5).allSatisfy(i -> assertThat(i.keySet()).containsOnly("note", "qty"));

        QueryResponse filtered = ddb.query(b -> b.tableName("fidelity").keyConditions(partition("p"))
                .filterExpression("begins_with(#d.tags[0], :a) AND qty > :q").expressionAttributeNames(Map.of("#d", "doc"))
                .expressionAttributeValues(Map.of(":a", s("a"), ":q", n("25"))));
        assertThat(filtered.count()).isEqualTo(3);

        validation(() -> ddb.query(b -> b.tableName("fidelity").keyConditions(partition("p")).projectionExpression("note")
                .expressionAttributeValues(Map.of(":p", s("p")))),
                "ExpressionAttributeValues can only be specified when using expressions: FilterExpression and "
                        + "KeyConditionExpression are null");
        validation(() -> ddb.scan(b -> b.tableName("fidelity").projectionExpression("note")
                .expressionAttributeValues(Map.of(":p", s("p")))),
                "ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null");
        validation(() -> ddb.query(b -> b.tableName("fidelity").keyConditions(partition("p"))
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("p")))),
                "Can not use both expression and non-expression parameters in the same request: Non-expression "
                        + "parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}");
        validation(() -> ddb.query(b -> b.tableName("fidelity").keyConditions(partition("p")).attributesToGet("note")
                .projectionExpression("note")),
                "Can not use both expression and non-expression parameters in the same request: Non-expression "
                        + "parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
        validation(() -> ddb.query(b -> b.tableName("fidelity").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).queryFilter(Map.of("qty", Condition.builder()
                        .comparisonOperator(ComparisonOperator.NOT_NULL).build()))),
                "Can not use both expression and non-expression parameters in the same request: Non-expression "
                        + "parameters: {QueryFilter} Expression parameters: {KeyConditionExpression}");
    }

    @Test
    void aQueryFilterNamingAKeyAttributeIsRefused() {
        for (String filter : new String[] {"sk = :x", "qty > :x AND sk = :x", "attribute_exists(sk) AND qty > :x",
                "size(pk) > :x"}) {
            String key = filter.contains("pk") ? "pk" : "sk";
            validation(() -> ddb.query(b -> b.tableName("fidelity").keyConditionExpression("pk = :p")
                    .filterExpression(filter).expressionAttributeValues(Map.of(":p", s("p"), ":x", n("1")))),
                    "Filter Expression can only contain non-primary key attributes: Primary key attribute: " + key);
        }
        validation(() -> ddb.query(b -> b.tableName("fidelity").keyConditions(partition("p")).queryFilter(Map.of("sk",
                Condition.builder().comparisonOperator(ComparisonOperator.GT).attributeValueList(n("1")).build()))),
                "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
        // a scan has no key condition: its filter may name the key
        assertThat(ddb.scan(b -> b.tableName("fidelity").filterExpression("pk = :p AND sk = :x")
                .expressionAttributeValues(Map.of(":p", s("p"), ":x", n("1")))).count()).isEqualTo(1);
    }

    @Test
    void anExclusiveStartKeyMustBeOneThisQueryCouldHaveReturned() {
        Map<String, AttributeValue> v = Map.of(":p", s("p"));
        validation(() -> ddb.query(b -> b.tableName("fidelity").keyConditionExpression("pk = :p")
                .expressionAttributeValues(v).exclusiveStartKey(Map.of("pk", s("p")))),
                "Exclusive Start Key must have same size as table's key schema");
        validation(() -> ddb.query(b -> b.tableName("fidelity").keyConditionExpression("pk = :p")
                .expressionAttributeValues(v).exclusiveStartKey(Map.of("pk", s("p"), "other", n("1")))),
                "The provided starting key is invalid: The provided key element does not match the schema");
        validation(() -> ddb.query(b -> b.tableName("fidelity").keyConditionExpression("pk = :p")
                .expressionAttributeValues(v).exclusiveStartKey(Map.of("pk", s("q"), "sk", n("1")))),
                "The provided starting key is outside query boundaries based on provided conditions");
        validation(() -> ddb.query(b -> b.tableName("fidelity").keyConditionExpression("pk = :p AND sk > :s")
                .expressionAttributeValues(Map.of(":p", s("p"), ":s", n("3")))
                .exclusiveStartKey(Map.of("pk", s("p"), "sk", n("2")))),
                "The provided starting key does not match the range key predicate");
        validation(() -> ddb.query(b -> b.tableName("fidelity").keyConditionExpression("pk = :p AND sk = :s")
                .expressionAttributeValues(Map.of(":p", s("p"), ":s", n("3")))
                .exclusiveStartKey(Map.of("pk", s("p"), "sk", n("3")))),
                "The query can return at most one row and cannot be restarted");
        validation(() -> ddb.scan(b -> b.tableName("fidelity").exclusiveStartKey(Map.of("pk", s("p")))),
                "Exclusive Start Key must have same size as table's key schema");

        // a LastEvaluatedKey is always a valid start, in both directions
        for (boolean forward : new boolean[] {true, false}) {
            List<String> seen = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = ddb.query(b -> b.tableName("fidelity").keyConditionExpression("pk = :p AND sk > :s")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":s", n("1"))).limit(2)
                        .scanIndexForward(forward).exclusiveStartKey(from));
                page.items().forEach(i -> seen.add(i.get("sk").n()));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            assertThat(seen).containsExactlyElementsOf(forward ? List.of("2", "3", "4", "5") : List.of("5", "4", "3", "2"));
        }
    }

    @Test
    void setValuesTakeParenthesesAsAwsGrammarDoes() {
        Map<String, AttributeValue> key = Map.of("pk", s("writes"), "sk", n("1"));
        ddb.putItem(b -> b.tableName("fidelity").item(Map.of("pk", s("writes"), "sk", n("1"), "qty", n("10"))));
        assertThat(ddb.updateItem(b -> b.tableName("fidelity").key(key).updateExpression("SET qty = (qty + :x)")
                .expressionAttributeValues(Map.of(":x", n("5"))).returnValues("UPDATED_NEW")).attributes().get("qty").n())
                .isEqualTo("15");
        assertThat(ddb.updateItem(b -> b.tableName("fidelity").key(key).updateExpression("SET qty = (qty) - (:x)")
                .expressionAttributeValues(Map.of(":x", n("5"))).returnValues("UPDATED_NEW")).attributes().get("qty").n())
                .isEqualTo("10");
        validation(() -> ddb.updateItem(b -> b.tableName("fidelity").key(key).updateExpression("SET qty = (qty + :x) - :y")
                .expressionAttributeValues(Map.of(":x", n("5"), ":y", n("1")))),
                "Invalid UpdateExpression: Syntax error; token: \"-\", near: \") - :y\"");
    }

    @Test
    void removeThroughAPathTheItemCannotHaveIsRefusedAndNothingChanges() {
        Map<String, AttributeValue> key = Map.of("pk", s("writes"), "sk", n("2"));
        ddb.putItem(b -> b.tableName("fidelity").item(Map.of("pk", s("writes"), "sk", n("2"), "qty", n("20"),
                "note", s("n2"), "doc", AttributeValue.fromM(Map.of("tags", AttributeValue.fromL(List.of(s("a"))))))));
        Map<String, AttributeValue> before = ddb.getItem(b -> b.tableName("fidelity").key(key)).item();
        for (String path : new String[] {"note.x", "doc[0]", "doc.tags.x", "absent.x", "qty[1]"}) {
            validation(() -> ddb.updateItem(b -> b.tableName("fidelity").key(key).updateExpression("REMOVE " + path)),
                    "The document path provided in the update expression is invalid for update");
        }
        assertThat(ddb.getItem(b -> b.tableName("fidelity").key(key)).item()).isEqualTo(before);

        ddb.updateItem(b -> b.tableName("fidelity").key(key).updateExpression("REMOVE doc.tags[7], doc.gone, note"));
        assertThat(ddb.getItem(b -> b.tableName("fidelity").key(key)).item()).doesNotContainKey("note")
                .containsEntry("doc", before.get("doc"));
        // on an item that does not exist AWS ignores the path, and creates the item
        ddb.updateItem(b -> b.tableName("fidelity").key(Map.of("pk", s("new"), "sk", n("9"))).updateExpression("REMOVE x.y"));
        assertThat(ddb.getItem(b -> b.tableName("fidelity").key(Map.of("pk", s("new"), "sk", n("9")))).item())
                .containsOnlyKeys("pk", "sk");
    }

    @Test
    void boto3AndTheCliSeeTheSame() {
        ExternalClients.assumeBoto3();
        String script = String.join("\n",
                "import os, json, boto3",
                "from botocore.exceptions import ClientError",
                "ddb = boto3.client('dynamodb', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
                "out = {}",
                "r = ddb.query(TableName='fidelity', KeyConditions={'pk': {'ComparisonOperator': 'EQ',",
                "    'AttributeValueList': [{'S': 'p'}]}}, ProjectionExpression='note')",
                "out['projected'] = sorted(set(k for i in r['Items'] for k in i.keys()))",
                "def error(call):",
                "    try:",
                "        call()",
                "        return 'accepted'",
                "    except ClientError as e:",
                "        return e.response['Error']['Message']",
                "out['filter'] = error(lambda: ddb.query(TableName='fidelity', KeyConditionExpression='pk = :p',",
                "    FilterExpression='sk > :s', ExpressionAttributeValues={':p': {'S': 'p'}, ':s': {'N': '1'}}))",
                "out['start'] = error(lambda: ddb.query(TableName='fidelity', KeyConditionExpression='pk = :p',",
                "    ExpressionAttributeValues={':p': {'S': 'p'}}, ExclusiveStartKey={'pk': {'S': 'q'}, 'sk': {'N': '1'}}))",
                "ddb.put_item(TableName='fidelity', Item={'pk': {'S': 'boto'}, 'sk': {'N': '3'}, 'qty': {'N': '30'},",
                "    'note': {'S': 'n'}})",
                "out['remove'] = error(lambda: ddb.update_item(TableName='fidelity', Key={'pk': {'S': 'boto'},",
                "    'sk': {'N': '3'}}, UpdateExpression='REMOVE note.x'))",
                "out['parens'] = ddb.update_item(TableName='fidelity', Key={'pk': {'S': 'boto'}, 'sk': {'N': '3'}},",
                "    UpdateExpression='SET qty = (qty + :x)', ExpressionAttributeValues={':x': {'N': '1'}},",
                "    ReturnValues='UPDATED_NEW')['Attributes']['qty']['N']",
                "print(json.dumps(out))");
        JsonNode out = Json.parse(ExternalClients.python(endpoint, script).assertOk().stdout());
        assertThat(out.path("projected").toString()).isEqualTo("[\"note\"]");
        assertThat(out.path("filter").asText())
                .isEqualTo("Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
        assertThat(out.path("start").asText())
                .isEqualTo("The provided starting key is outside query boundaries based on provided conditions");
        assertThat(out.path("remove").asText())
                .isEqualTo("The document path provided in the update expression is invalid for update");
        assertThat(out.path("parens").asText()).isEqualTo("31");

        ExternalClients.assumeAwsCli();
        ExternalClients.Result cli = ExternalClients.aws(endpoint, "dynamodb", "query", "--table-name", "fidelity",
                "--key-conditions", "{\"pk\":{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":[{\"S\":\"p\"}]}}",
                "--projection-expression", "sk");
        assertThat(Json.parse(cli.assertOk().stdout()).path("Count").asInt()).isEqualTo(5);
    }
}
