package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;

/** The sandbox's DynamoDB driven by the AWS CLI and by boto3 at their default settings. */
class DynamoDbExternalClientsTest extends SandboxTestSupport {

    private static JsonNode aws(String... args) {
        return Json.parse(ExternalClients.aws(endpoint, args).assertOk().stdout());
    }

    @Test
    void awsCliCreatesWritesAndReads() {
        ExternalClients.assumeAwsCli();
        JsonNode created = aws("dynamodb", "create-table", "--table-name", "cli-items",
                "--attribute-definitions", "AttributeName=pk,AttributeType=S", "AttributeName=sk,AttributeType=N",
                "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE",
                "--billing-mode", "PAY_PER_REQUEST");
        assertThat(created.at("/TableDescription/TableStatus").asText()).isEqualTo("ACTIVE");
        assertThat(created.at("/TableDescription/CreationDateTime").isNumber()).isTrue();

        ExternalClients.aws(endpoint, "dynamodb", "put-item", "--table-name", "cli-items",
                "--item", "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"v\":{\"S\":\"first\"}}",
                "--condition-expression", "attribute_not_exists(pk)").assertOk();
        ExternalClients.Result again = ExternalClients.aws(endpoint, "dynamodb", "put-item", "--table-name", "cli-items",
                "--item", "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"v\":{\"S\":\"second\"}}",
                "--condition-expression", "attribute_not_exists(pk)");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("ConditionalCheckFailedException").contains("The conditional request failed");

        JsonNode got = aws("dynamodb", "get-item", "--table-name", "cli-items", "--consistent-read",
                "--key", "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}");
        assertThat(got.at("/Item/v/S").asText()).isEqualTo("first");

        aws("dynamodb", "batch-write-item", "--request-items", "{\"cli-items\":["
                + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"}}}},"
                + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"10\"}}}},"
                + "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b\"},\"sk\":{\"N\":\"1\"}}}}]}");

        JsonNode query = aws("dynamodb", "query", "--table-name", "cli-items",
                "--key-condition-expression", "pk = :p AND sk >= :min",
                "--expression-attribute-values", "{\":p\":{\"S\":\"a\"},\":min\":{\"N\":\"2\"}}");
        assertThat(query.path("Count").asInt()).isEqualTo(2);
        assertThat(query.at("/Items/0/sk/N").asText()).isEqualTo("2");
        assertThat(query.at("/Items/1/sk/N").asText()).isEqualTo("10");

        JsonNode scan = aws("dynamodb", "scan", "--table-name", "cli-items");
        assertThat(scan.path("Count").asInt()).isEqualTo(4);
        JsonNode paged = aws("dynamodb", "scan", "--table-name", "cli-items", "--page-size", "1");
        assertThat(paged.path("Count").asInt()).isEqualTo(4);

        JsonNode tables = aws("dynamodb", "list-tables");
        assertThat(tables.path("TableNames").toString()).contains("cli-items");
        ExternalClients.aws(endpoint, "dynamodb", "wait", "table-exists", "--table-name", "cli-items").assertOk();
        aws("dynamodb", "delete-table", "--table-name", "cli-items");
    }

    @Test
    void boto3ResourceApiWritesConditionallyAndQueries() {
        ExternalClients.assumeBoto3();
        String script = String.join("\n",
                "import os, boto3",
                "from botocore.exceptions import ClientError",
                "from boto3.dynamodb.conditions import Key, Attr",
                "ddb = boto3.resource('dynamodb', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
                "t = ddb.create_table(TableName='boto-stock', BillingMode='PAY_PER_REQUEST',",
                "    KeySchema=[{'AttributeName': 'store', 'KeyType': 'HASH'}, {'AttributeName': 'sku', 'KeyType': 'RANGE'}],",
                "    AttributeDefinitions=[{'AttributeName': 'store', 'AttributeType': 'S'}, {'AttributeName': 'sku', 'AttributeType': 'S'}])",
                "t.wait_until_exists()",
                "def put(sku, updated, qty):",
                "    t.put_item(Item={'store': 's1', 'sku': sku, 'updatedAt': updated, 'qty': qty},",
                "        ConditionExpression=Attr('store').not_exists() | Attr('updatedAt').lt(updated))",
                "put('a-1', '2024-05-02', 5)",
                "put('a-1', '2024-05-03', 6)",
                "try:",
                "    put('a-1', '2024-05-03', 7)",
                "    raise SystemExit('equal timestamp was written')",
                "except ClientError as e:",
                "    assert e.response['Error']['Code'] == 'ConditionalCheckFailedException', e.response",
                "put('a-2', '2024-05-01', 1)",
                "put('b-1', '2024-05-01', 1)",
                "r = t.query(KeyConditionExpression=Key('store').eq('s1') & Key('sku').begins_with('a-'))",
                "skus = [i['sku'] for i in r['Items']]",
                "assert skus == ['a-1', 'a-2'], skus",
                "assert r['Items'][0]['qty'] == 6, r['Items'][0]",
                "f = t.scan(FilterExpression=Attr('qty').between(2, 10))",
                "assert [i['sku'] for i in f['Items']] == ['a-1'], f",
                "t.update_item(Key={'store': 's1', 'sku': 'b-1'}, UpdateExpression='ADD qty :n', ExpressionAttributeValues={':n': 4})",
                "assert t.get_item(Key={'store': 's1', 'sku': 'b-1'})['Item']['qty'] == 5",
                "print('boto3 ok')");
        ExternalClients.Result r = ExternalClients.python(endpoint, script).assertOk();
        assertThat(r.stdout()).contains("boto3 ok");
    }
}
