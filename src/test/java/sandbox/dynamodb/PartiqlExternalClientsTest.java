package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;

/** ExecuteStatement and BatchExecuteStatement driven by boto3 and by the AWS CLI at their default settings. */
class PartiqlExternalClientsTest extends SandboxTestSupport {

    @Test
    void boto3RunsStatementsAndReadsPerStatementErrors() {
        ExternalClients.assumeBoto3();
        String script = String.join("\n",
                "import os, json, boto3",
                "c = boto3.client('dynamodb', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
                "c.create_table(TableName='boto-pq', BillingMode='PAY_PER_REQUEST',",
                "    KeySchema=[{'AttributeName': 'store', 'KeyType': 'HASH'}, {'AttributeName': 'sku', 'KeyType': 'RANGE'}],",
                "    AttributeDefinitions=[{'AttributeName': 'store', 'AttributeType': 'S'}, {'AttributeName': 'sku', 'AttributeType': 'S'}])",
                "out = {}",
                "c.execute_statement(Statement=\"INSERT INTO \\\"boto-pq\\\" VALUE {'store': ?, 'sku': ?, 'updatedAt': '2024-05-02', 'qty': 5}\",",
                "    Parameters=[{'S': 's1'}, {'S': 'a'}])",
                "try:",
                "    c.execute_statement(Statement=\"INSERT INTO \\\"boto-pq\\\" VALUE {'store': 's1', 'sku': 'a'}\")",
                "except c.exceptions.DuplicateItemException as e:",
                "    out['duplicate'] = e.response['Error']['Code']",
                "try:",
                "    c.execute_statement(Statement=\"UPDATE \\\"boto-pq\\\" SET qty = 1 WHERE store = 's1' AND sku = 'zz'\")",
                "except c.exceptions.ConditionalCheckFailedException as e:",
                "    out['missing'] = e.response['Error']['Code']",
                "upd = \"UPDATE \\\"boto-pq\\\" SET qty = ?, updatedAt = ? WHERE store = ? AND sku = ? AND updatedAt < ?\"",
                "r = c.batch_execute_statement(Statements=[",
                "    {'Statement': upd, 'Parameters': [{'N': '6'}, {'S': '2024-05-01'}, {'S': 's1'}, {'S': 'a'}, {'S': '2024-05-01'}],",
                "     'ReturnValuesOnConditionCheckFailure': 'ALL_OLD'},",
                "    {'Statement': \"INSERT INTO \\\"boto-pq\\\" VALUE {'store': 's1', 'sku': 'b', 'qty': 1}\"}])",
                "out['batch'] = r['Responses']",
                "out['read'] = c.execute_statement(Statement=\"SELECT qty FROM \\\"boto-pq\\\" WHERE store = 's1' AND sku = 'b'\")['Items']",
                "print(json.dumps(out))");
        JsonNode out = Json.parse(ExternalClients.python(endpoint, script).assertOk().stdout());
        assertThat(out.path("duplicate").asText()).isEqualTo("DuplicateItemException");
        assertThat(out.path("missing").asText()).isEqualTo("ConditionalCheckFailedException");
        assertThat(out.at("/batch/0/Error/Code").asText()).isEqualTo("ConditionalCheckFailed");
        assertThat(out.at("/batch/0/Error/Item/qty/N").asText()).isEqualTo("5");
        assertThat(out.at("/batch/0/TableName").asText()).isEqualTo("boto-pq");
        assertThat(out.at("/batch/1/Error").isMissingNode()).isTrue();
        assertThat(out.at("/read/0/qty/N").asText()).isEqualTo("1");
    }

    @Test
    void awsCliExecutesAndBatchExecutesStatements() {
        ExternalClients.assumeAwsCli();
        ExternalClients.aws(endpoint, "dynamodb", "create-table", "--table-name", "cli-pq",
                "--attribute-definitions", "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST").assertOk();
        ExternalClients.aws(endpoint, "dynamodb", "execute-statement", "--statement",
                "INSERT INTO \"cli-pq\" VALUE {'id': ?, 'v': 1}", "--parameters", "[{\"S\":\"a\"}]").assertOk();
        ExternalClients.Result dup = ExternalClients.aws(endpoint, "dynamodb", "execute-statement", "--statement",
                "INSERT INTO \"cli-pq\" VALUE {'id': 'a'}");
        assertThat(dup.exitCode()).isNotZero();
        assertThat(dup.stderr()).contains("DuplicateItemException").contains("Duplicate primary key exists in table");

        JsonNode batch = Json.parse(ExternalClients.aws(endpoint, "dynamodb", "batch-execute-statement", "--statements",
                "[{\"Statement\":\"UPDATE \\\"cli-pq\\\" SET v = v + 1 WHERE id = 'a'\"},"
                        + "{\"Statement\":\"UPDATE \\\"cli-pq\\\" SET v = 1 WHERE id = 'none'\"},"
                        + "{\"Statement\":\"INSERT INTO \\\"cli-pq\\\" VALUE {'id': 'b'}\"}]").assertOk().stdout());
        assertThat(batch.at("/Responses/0/Error").isMissingNode()).isTrue();
        assertThat(batch.at("/Responses/1/Error/Code").asText()).isEqualTo("ConditionalCheckFailed");
        assertThat(batch.at("/Responses/2/TableName").asText()).isEqualTo("cli-pq");

        JsonNode read = Json.parse(ExternalClients.aws(endpoint, "dynamodb", "execute-statement", "--statement",
                "SELECT * FROM \"cli-pq\" WHERE id = 'a'").assertOk().stdout());
        assertThat(read.at("/Items/0/v/N").asText()).isEqualTo("2");
    }
}
