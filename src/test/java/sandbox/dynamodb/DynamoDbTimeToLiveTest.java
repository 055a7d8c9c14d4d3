package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.ExternalClients;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** UpdateTimeToLive and DescribeTimeToLive, as the SDK, the AWS CLI and boto3 see them. */
class DynamoDbTimeToLiveTest extends SandboxTestSupport {

    @TempDir
    Path dataDir;

    private static void enable(DynamoDbClient ddb, String table, String attribute, boolean on) {
        ddb.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(s -> s.enabled(on).attributeName(attribute)));
    }

    private static TimeToLiveStatus status(DynamoDbClient ddb, String table) {
        return ddb.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().timeToLiveStatus();
    }

    @Test
    void aNewTableHasTtlDisabledAndEnablingItAnswersTheSpecification() {
        DynamoDbClient ddb = dynamodb();
        ddb.createTable(DynamoDbTablesTest.table("ttl-new", false).build());
        assertThat(status(ddb, "ttl-new")).isEqualTo(TimeToLiveStatus.DISABLED);
        assertThat(ddb.describeTimeToLive(r -> r.tableName("ttl-new")).timeToLiveDescription().attributeName()).isNull();

        var answer = ddb.updateTimeToLive(r -> r.tableName("ttl-new")
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt"))).timeToLiveSpecification();
        assertThat(answer.enabled()).isTrue();
        assertThat(answer.attributeName()).isEqualTo("expiresAt");
        var described = ddb.describeTimeToLive(r -> r.tableName("ttl-new")).timeToLiveDescription();
        assertThat(described.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(described.attributeName()).isEqualTo("expiresAt");

        enable(ddb, "ttl-new", "expiresAt", false);
        assertThat(status(ddb, "ttl-new")).isEqualTo(TimeToLiveStatus.DISABLED);
    }

    @Test
    void enablingTwiceOrDisablingWhatIsOffIsAValidationExceptionAsOnAws() {
        DynamoDbClient ddb = dynamodb();
        ddb.createTable(DynamoDbTablesTest.table("ttl-twice", false).build());
        assertThatThrownBy(() -> enable(ddb, "ttl-twice", "expiresAt", false))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("TimeToLive is already disabled")
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        enable(ddb, "ttl-twice", "expiresAt", true);
        assertThatThrownBy(() -> enable(ddb, "ttl-twice", "expiresAt", true))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("TimeToLive is already enabled")
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> enable(ddb, "ttl-twice", "other", true))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("current AttributeName is expiresAt");
        assertThat(ddb.describeTimeToLive(r -> r.tableName("ttl-twice")).timeToLiveDescription().attributeName())
                .isEqualTo("expiresAt");
    }

    @Test
    void anUnknownTableIsResourceNotFound() {
        DynamoDbClient ddb = dynamodb();
        assertThatThrownBy(() -> status(ddb, "ttl-missing")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> enable(ddb, "ttl-missing", "expiresAt", true)).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void theSettingSurvivesARestartAndOtherTableChanges() {
        try (Sandbox first = Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir))) {
            DynamoDbClient ddb = dynamodb(first.endpoint());
            ddb.createTable(DynamoDbTablesTest.table("ttl-kept", false).build());
            enable(ddb, "ttl-kept", "expiresAt", true);
            // an UpdateTable that changes something else keeps the TTL setting
            ddb.updateTable(r -> r.tableName("ttl-kept").streamSpecification(s -> s.streamEnabled(true)
                    .streamViewType("NEW_AND_OLD_IMAGES")));
            assertThat(status(ddb, "ttl-kept")).isEqualTo(TimeToLiveStatus.ENABLED);
        }
        try (Sandbox second = Sandbox.start(SandboxConfig.ephemeral().withDataDir(dataDir))) {
            var d = dynamodb(second.endpoint()).describeTimeToLive(r -> r.tableName("ttl-kept")).timeToLiveDescription();
            assertThat(d.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
            assertThat(d.attributeName()).isEqualTo("expiresAt");
        }
    }

    @Test
    void awsCliEnablesAndDescribes() {
        ExternalClients.assumeAwsCli();
        ExternalClients.aws(endpoint, "dynamodb", "create-table", "--table-name", "ttl-cli",
                "--attribute-definitions", "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST").assertOk();
        JsonNode updated = Json.parse(ExternalClients.aws(endpoint, "dynamodb", "update-time-to-live", "--table-name", "ttl-cli",
                "--time-to-live-specification", "Enabled=true,AttributeName=expiresAt").assertOk().stdout());
        assertThat(updated.at("/TimeToLiveSpecification/Enabled").asBoolean()).isTrue();
        JsonNode described = Json.parse(ExternalClients.aws(endpoint, "dynamodb", "describe-time-to-live",
                "--table-name", "ttl-cli").assertOk().stdout());
        assertThat(described.at("/TimeToLiveDescription/TimeToLiveStatus").asText()).isEqualTo("ENABLED");
        assertThat(described.at("/TimeToLiveDescription/AttributeName").asText()).isEqualTo("expiresAt");
        ExternalClients.Result again = ExternalClients.aws(endpoint, "dynamodb", "update-time-to-live", "--table-name",
                "ttl-cli", "--time-to-live-specification", "Enabled=true,AttributeName=expiresAt");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.stderr()).contains("ValidationException").contains("TimeToLive is already enabled");
    }

    @Test
    void boto3EnablesOnlyWhatIsDisabled() {
        ExternalClients.assumeBoto3();
        String script = String.join("\n",
                "import os, boto3",
                "from botocore.exceptions import ClientError",
                "c = boto3.client('dynamodb', endpoint_url=os.environ['ENDPOINT'], region_name='us-east-1')",
                "c.create_table(TableName='ttl-boto', BillingMode='PAY_PER_REQUEST',",
                "    KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}], AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}])",
                "print(c.describe_time_to_live(TableName='ttl-boto')['TimeToLiveDescription']['TimeToLiveStatus'])",
                "c.update_time_to_live(TableName='ttl-boto', TimeToLiveSpecification={'Enabled': True, 'AttributeName': 'expiresAt'})",
                "d = c.describe_time_to_live(TableName='ttl-boto')['TimeToLiveDescription']",
                "print(d['TimeToLiveStatus'], d['AttributeName'])",
                "try:",
                "    c.update_time_to_live(TableName='ttl-boto', TimeToLiveSpecification={'Enabled': True, 'AttributeName': 'expiresAt'})",
                "except ClientError as e:",
                "    print(e.response['Error']['Code'])");
        String out = ExternalClients.python(endpoint, script).assertOk().stdout();
        assertThat(out.lines()).containsExactly("DISABLED", "ENABLED expiresAt", "ValidationException");
    }
}
