package sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sandbox.ExternalClients;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The sandbox enforcing an identity policy, seen through the AWS SDK for Java v2: each API's AccessDenied as AWS
 * shapes it (status, code, exception, message naming the action and resource), the actions each operation needs,
 * the admin access key, and the admin endpoints. The app signs with key {@code test}, the admin with {@code admin}.
 */
class AccessGateTest {

    private static final String ACCOUNT = "000000000000";
    private static final String APP = "arn:aws:iam::" + ACCOUNT + ":user/test";
    private static final StaticCredentialsProvider ADMIN = SandboxTestSupport.credentials("admin");
    private static Sandbox sandbox;
    private static URI endpoint;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxConfig.ephemeral().withIam(IamSettings.of((IdentityPolicy) null, "admin")));
        endpoint = sandbox.endpoint();
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    @BeforeEach
    void clearDenials() throws Exception {
        admin("DELETE", "/_sandbox/iam/denials", null);
    }

    static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Enforces a policy of these statements from now on. */
    static void enforce(String... statements) throws Exception {
        HttpResponse<String> r = admin("PUT", "/_sandbox/iam/policy",
                "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    static String allow(String actions, String resources) {
        return "{\"Effect\":\"Allow\",\"Action\":" + actions + ",\"Resource\":" + resources + "}";
    }

    private static String message(String action, String resource) {
        return "User: " + APP + " is not authorized to perform: " + action + " on resource: " + resource
                + " because no identity-based policy allows the " + action + " action";
    }

    private static S3Client adminS3() {
        return SandboxTestSupport.s3(endpoint, ADMIN);
    }

    @Test
    void s3AnswersAccessDeniedNamingTheActionAndTheQuotedObject() throws Exception {
        S3Client admin = adminS3();
        admin.createBucket(b -> b.bucket("gate-s3"));
        admin.putObject(b -> b.bucket("gate-s3").key("incoming/a.csv"), RequestBody.fromString("a"));
        admin.putObject(b -> b.bucket("gate-s3").key("secret/b.csv"), RequestBody.fromString("b"));
        enforce(allow("[\"s3:GetObject\",\"s3:PutObject\"]", "\"arn:aws:s3:::gate-s3/incoming/*\""),
                allow("\"s3:PutObject\"", "\"arn:aws:s3:::gate-s3/processed/*\""),
                "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::gate-s3\","
                        + "\"Condition\":{\"StringEquals\":{\"s3:prefix\":\"incoming/\"}}}");
        S3Client app = SandboxTestSupport.s3(endpoint);

        assertThat(app.getObjectAsBytes(b -> b.bucket("gate-s3").key("incoming/a.csv")).asUtf8String()).isEqualTo("a");
        S3Exception denied = catchThrowableOfType(
                () -> app.getObjectAsBytes(b -> b.bucket("gate-s3").key("secret/b.csv")), S3Exception.class);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(denied.awsErrorDetails().errorMessage())
                .isEqualTo(message("s3:GetObject", "\"arn:aws:s3:::gate-s3/secret/b.csv\""));
        assertThat(catchThrowableOfType(() -> app.headObject(b -> b.bucket("gate-s3").key("secret/b.csv")),
                S3Exception.class).statusCode()).as("HeadObject is s3:GetObject").isEqualTo(403);

        // an upload (aws-chunked with a checksum trailer) refused: the client reads the 403, and nothing is stored
        S3Exception upload = catchThrowableOfType(() -> app.putObject(b -> b.bucket("gate-s3").key("secret/c.csv"),
                RequestBody.fromBytes(new byte[200_000])), S3Exception.class);
        assertThat(upload.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(admin.listObjectsV2(b -> b.bucket("gate-s3").prefix("secret/")).keyCount()).isEqualTo(1);

        // listing: s3:ListBucket with s3:prefix; HeadBucket is s3:ListBucket without one
        assertThat(app.listObjectsV2(b -> b.bucket("gate-s3").prefix("incoming/")).keyCount()).isEqualTo(1);
        assertThat(app.listObjects(b -> b.bucket("gate-s3").prefix("incoming/").maxKeys(1)).contents()).hasSize(1);
        assertThat(catchThrowableOfType(() -> app.listObjectsV2(b -> b.bucket("gate-s3").prefix("secret/")),
                S3Exception.class).awsErrorDetails().errorMessage())
                .isEqualTo(message("s3:ListBucket", "\"arn:aws:s3:::gate-s3\""));
        assertThat(catchThrowableOfType(() -> app.headBucket(b -> b.bucket("gate-s3")), S3Exception.class)
                .statusCode()).isEqualTo(403);

        // a copy: PutObject on the destination and GetObject on the source
        app.copyObject(b -> b.sourceBucket("gate-s3").sourceKey("incoming/a.csv").destinationBucket("gate-s3")
                .destinationKey("processed/a.csv"));
        assertThat(catchThrowableOfType(() -> app.copyObject(b -> b.sourceBucket("gate-s3").sourceKey("secret/b.csv")
                .destinationBucket("gate-s3").destinationKey("processed/b.csv")), S3Exception.class)
                .awsErrorDetails().errorMessage()).isEqualTo(message("s3:GetObject", "\"arn:aws:s3:::gate-s3/secret/b.csv\""));
        assertThat(catchThrowableOfType(() -> app.copyObject(b -> b.sourceBucket("gate-s3").sourceKey("incoming/a.csv")
                .destinationBucket("gate-s3").destinationKey("secret/a.csv")), S3Exception.class)
                .awsErrorDetails().errorMessage()).isEqualTo(message("s3:PutObject", "\"arn:aws:s3:::gate-s3/secret/a.csv\""));
        // multipart: starting an upload is s3:PutObject
        assertThat(catchThrowableOfType(() -> app.createMultipartUpload(b -> b.bucket("gate-s3").key("secret/m")),
                S3Exception.class).awsErrorDetails().errorMessage())
                .isEqualTo(message("s3:PutObject", "\"arn:aws:s3:::gate-s3/secret/m\""));
    }

    @Test
    void aMissingKeyIsNoSuchKeyOnlyToACallerThatMayListTheBucketAndAccessDeniedToTheOthers() throws Exception {
        S3Client admin = adminS3();
        admin.createBucket(b -> b.bucket("gate-missing"));
        String objects = allow("\"s3:GetObject\"", "\"arn:aws:s3:::gate-missing/*\"");
        S3Client app = SandboxTestSupport.s3(endpoint);

        // ListBucket only with an s3:prefix condition: a GetObject has no s3:prefix, so it does not count
        enforce(objects, "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::gate-missing\","
                + "\"Condition\":{\"StringEquals\":{\"s3:prefix\":\"incoming/\"}}}");
        S3Exception get = catchThrowableOfType(() -> app.getObjectAsBytes(b -> b.bucket("gate-missing")
                .key("incoming/gone.csv")), S3Exception.class);
        assertThat(get.statusCode()).isEqualTo(403);
        assertThat(get).isNotInstanceOf(NoSuchKeyException.class);
        assertThat(get.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(get.awsErrorDetails().errorMessage()).isEqualTo(message("s3:ListBucket",
                "\"arn:aws:s3:::gate-missing\""));
        assertThat(catchThrowableOfType(() -> app.headObject(b -> b.bucket("gate-missing").key("incoming/gone.csv")),
                S3Exception.class).statusCode()).isEqualTo(403);
        assertThat(admin("GET", "/_sandbox/iam/denials", null).body()).contains("s3:ListBucket").contains("GetObject");

        // ListBucket on the bucket: the key is missing, and the caller is told so
        enforce(objects, allow("\"s3:ListBucket\"", "\"arn:aws:s3:::gate-missing\""));
        assertThatThrownBy(() -> app.getObjectAsBytes(b -> b.bucket("gate-missing").key("incoming/gone.csv")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThat(catchThrowableOfType(() -> app.headObject(b -> b.bucket("gate-missing").key("incoming/gone.csv")),
                S3Exception.class).statusCode()).isEqualTo(404);
        // the admin key is never checked
        assertThatThrownBy(() -> admin.getObjectAsBytes(b -> b.bucket("gate-missing").key("x")))
                .isInstanceOf(NoSuchKeyException.class);
        enforce(objects);
        assertThatThrownBy(() -> admin.getObjectAsBytes(b -> b.bucket("gate-missing").key("x")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void boto3SeesAMissingKeyAsAccessDeniedWithoutListBucketAndAsNoSuchKeyWithIt() throws Exception {
        ExternalClients.assumeBoto3();
        adminS3().createBucket(b -> b.bucket("gate-boto3"));
        String objects = allow("\"s3:GetObject\"", "\"arn:aws:s3:::gate-boto3/*\"");
        String script = """
                import os, boto3, botocore
                s3 = boto3.client("s3", endpoint_url=os.environ["ENDPOINT"],
                                  config=botocore.config.Config(s3={"addressing_style": "path"}))
                try:
                    s3.get_object(Bucket="gate-boto3", Key="incoming/gone.csv")
                except botocore.exceptions.ClientError as e:
                    print(e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
                try:
                    s3.head_object(Bucket="gate-boto3", Key="incoming/gone.csv")
                except botocore.exceptions.ClientError as e:
                    print(e.response["ResponseMetadata"]["HTTPStatusCode"])
                """;
        enforce(objects, "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::gate-boto3\","
                + "\"Condition\":{\"StringEquals\":{\"s3:prefix\":\"incoming/\"}}}");
        assertThat(ExternalClients.python(endpoint, script).assertOk().stdout().lines()).containsExactly("AccessDenied 403", "403");
        enforce(objects, allow("\"s3:ListBucket\"", "\"arn:aws:s3:::gate-boto3\""));
        assertThat(ExternalClients.python(endpoint, script).assertOk().stdout().lines()).containsExactly("NoSuchKey 404", "404");
    }

    @Test
    void deleteObjectsNeedsDeleteObjectOnEveryKey() throws Exception {
        S3Client admin = adminS3();
        admin.createBucket(b -> b.bucket("gate-delete"));
        for (String k : List.of("incoming/1", "incoming/2", "keep/3")) {
            admin.putObject(b -> b.bucket("gate-delete").key(k), RequestBody.fromString(k));
        }
        enforce(allow("\"s3:DeleteObject\"", "\"arn:aws:s3:::gate-delete/incoming/*\""));
        S3Client app = SandboxTestSupport.s3(endpoint);

        S3Exception denied = catchThrowableOfType(() -> app.deleteObjects(b -> b.bucket("gate-delete").delete(d -> d
                .objects(ObjectIdentifier.builder().key("incoming/1").build(),
                        ObjectIdentifier.builder().key("keep/3").build()))), S3Exception.class);
        assertThat(denied.awsErrorDetails().errorMessage())
                .isEqualTo(message("s3:DeleteObject", "\"arn:aws:s3:::gate-delete/keep/3\""));
        assertThat(admin.listObjectsV2(b -> b.bucket("gate-delete")).keyCount()).as("nothing deleted").isEqualTo(3);

        // allowed: the service reads the same body the gate read
        assertThat(app.deleteObjects(b -> b.bucket("gate-delete").delete(d -> d.objects(
                ObjectIdentifier.builder().key("incoming/1").build(), ObjectIdentifier.builder().key("incoming/2")
                        .build()))).deleted()).hasSize(2);
        assertThat(admin.listObjectsV2(b -> b.bucket("gate-delete")).contents()).singleElement()
                .satisfies(o -> assertThat(o.key()).isEqualTo("keep/3"));
    }

    @Test
    void aDeleteConditionalOnAnEtagAlsoNeedsGetObject() throws Exception {
        S3Client admin = adminS3();
        admin.createBucket(b -> b.bucket("gate-ifmatch"));
        String etag = admin.putObject(b -> b.bucket("gate-ifmatch").key("incoming/a"), RequestBody.fromString("a")).eTag();
        admin.putObject(b -> b.bucket("gate-ifmatch").key("incoming/b"), RequestBody.fromString("b"));
        String delete = allow("\"s3:DeleteObject\"", "\"arn:aws:s3:::gate-ifmatch/incoming/*\"");
        S3Client app = SandboxTestSupport.s3(endpoint);

        enforce(delete);
        S3Exception denied = catchThrowableOfType(() -> app.deleteObject(b -> b.bucket("gate-ifmatch").key("incoming/a")
                .ifMatch(etag)), S3Exception.class);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorMessage())
                .isEqualTo(message("s3:GetObject", "\"arn:aws:s3:::gate-ifmatch/incoming/a\""));
        // If-Match: * asks only whether the key exists; an unconditional delete asks nothing more either
        app.deleteObject(b -> b.bucket("gate-ifmatch").key("incoming/b").ifMatch("*"));
        assertThat(admin.listObjectsV2(b -> b.bucket("gate-ifmatch")).contents()).extracting(o -> o.key())
                .containsExactly("incoming/a");

        enforce(delete, allow("\"s3:GetObject\"", "\"arn:aws:s3:::gate-ifmatch/incoming/*\""));
        app.deleteObject(b -> b.bucket("gate-ifmatch").key("incoming/a").ifMatch(etag));
        assertThat(admin.listObjectsV2(b -> b.bucket("gate-ifmatch")).keyCount()).isZero();
    }

    @Test
    void dynamoDbAnswersAccessDeniedExceptionAndAsksPartiqlPerStatementType() throws Exception {
        DynamoDbClient admin = SandboxTestSupport.dynamodb(endpoint, ADMIN);
        String stream = SandboxTestSupport.streamedTable(admin, "gate-table", "NEW_AND_OLD_IMAGES");
        String table = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/gate-table";
        enforce(allow("[\"dynamodb:PartiQLInsert\",\"dynamodb:PutItem\",\"dynamodb:DescribeTable\"]",
                        "\"" + table + "\""),
                allow("[\"dynamodb:DescribeStream\",\"dynamodb:GetShardIterator\"]", "\"" + table + "/stream/*\""),
                "{\"Effect\":\"Deny\",\"Action\":\"dynamodb:PutItem\",\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"aws:username\":\"test\"}}}");
        DynamoDbClient app = SandboxTestSupport.dynamodb(endpoint);

        assertThat(app.describeTable(b -> b.tableName("gate-table")).table().latestStreamArn()).isEqualTo(stream);
        AttributeValue one = AttributeValue.fromS("1");
        assertThat(app.batchExecuteStatement(b -> b.statements(BatchStatementRequest.builder()
                .statement("INSERT INTO \"gate-table\" VALUE {'id': ?}").parameters(one).build())).responses())
                .singleElement().satisfies(r -> assertThat(r.error()).isNull());
        DynamoDbException update = catchThrowableOfType(() -> app.batchExecuteStatement(b -> b.statements(
                BatchStatementRequest.builder().statement("UPDATE \"gate-table\" SET n = 1 WHERE id = ?")
                        .parameters(one).build())), DynamoDbException.class);
        assertThat(update.statusCode()).isEqualTo(400);
        assertThat(update.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(update.awsErrorDetails().errorMessage()).isEqualTo(message("dynamodb:PartiQLUpdate", table));
        assertThat(catchThrowableOfType(() -> app.executeStatement(b -> b.statement(
                "SELECT * FROM \"gate-table\" WHERE id = ?").parameters(one)), DynamoDbException.class)
                .awsErrorDetails().errorMessage()).isEqualTo(message("dynamodb:PartiQLSelect", table));
        assertThat(catchThrowableOfType(() -> app.listTables(), DynamoDbException.class).awsErrorDetails()
                .errorMessage()).isEqualTo(message("dynamodb:ListTables", "*"));
        assertThat(catchThrowableOfType(() -> app.putItem(b -> b.tableName("gate-table").item(Map.of("id", one))),
                DynamoDbException.class).awsErrorDetails().errorMessage()).isEqualTo("User: " + APP
                + " is not authorized to perform: dynamodb:PutItem on resource: " + table
                + " with an explicit deny in an identity-based policy");

        // a transaction asks each member's own action
        assertThat(catchThrowableOfType(() -> app.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("gate-table").key(Map.of("id", one))
                        .conditionExpression("attribute_exists(id)")).build())), DynamoDbException.class)
                .awsErrorDetails().errorMessage()).isEqualTo(message("dynamodb:ConditionCheckItem", table));

        // DynamoDB Streams: GetRecords on the stream its iterator belongs to
        DynamoDbStreamsClient streams = SandboxTestSupport.streams(endpoint);
        String shard = streams.describeStream(b -> b.streamArn(stream)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(stream).shardId(shard)
                .shardIteratorType("TRIM_HORIZON")).shardIterator();
        DynamoDbException records = catchThrowableOfType(() -> streams.getRecords(b -> b.shardIterator(iterator)),
                DynamoDbException.class);
        assertThat(records.statusCode()).isEqualTo(400);
        assertThat(records.awsErrorDetails().errorMessage()).isEqualTo(message("dynamodb:GetRecords", stream));
        assertThat(catchThrowableOfType(() -> streams.listStreams(), DynamoDbException.class).awsErrorDetails()
                .errorMessage()).isEqualTo(message("dynamodb:ListStreams", "*"));
    }

    @Test
    void snsAnswersAuthorizationErrorAndSqsAccessDenied() throws Exception {
        SnsClient adminSns = SandboxTestSupport.sns(endpoint, ADMIN);
        SqsClient adminSqs = SandboxTestSupport.sqs(endpoint, ADMIN);
        String topic = adminSns.createTopic(b -> b.name("gate-topic")).topicArn();
        String queue = adminSqs.createQueue(b -> b.queueName("gate-queue")).queueUrl();
        String queueArn = "arn:aws:sqs:us-east-1:" + ACCOUNT + ":gate-queue";
        enforce(allow("\"sns:GetTopicAttributes\"", "\"" + topic + "\""),
                allow("[\"sqs:SendMessage\",\"sqs:ReceiveMessage\"]", "\"" + queueArn + "\""));
        SnsClient sns = SandboxTestSupport.sns(endpoint);
        SqsClient sqs = SandboxTestSupport.sqs(endpoint);

        assertThat(sns.getTopicAttributes(b -> b.topicArn(topic)).attributes()).containsKey("TopicArn");
        SnsException publish = catchThrowableOfType(() -> sns.publish(b -> b.topicArn(topic).message("m")),
                SnsException.class);
        assertThat(publish.statusCode()).isEqualTo(403);
        assertThat(publish.awsErrorDetails().errorCode()).isEqualTo("AuthorizationError");
        assertThat(publish.awsErrorDetails().errorMessage()).isEqualTo("User: " + APP + " is not authorized to "
                + "perform: SNS:Publish on resource: " + topic + " because no identity-based policy allows the "
                + "SNS:Publish action");
        assertThat(catchThrowableOfType(() -> sns.publishBatch(b -> b.topicArn(topic).publishBatchRequestEntries(
                e -> e.id("1").message("m"))), SnsException.class).awsErrorDetails().errorMessage())
                .as("PublishBatch is sns:Publish").contains("SNS:Publish");

        sqs.sendMessageBatch(b -> b.queueUrl(queue).entries(e -> e.id("1").messageBody("m")));
        String handle = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages().get(0).receiptHandle();
        SqsException delete = catchThrowableOfType(() -> sqs.deleteMessage(b -> b.queueUrl(queue)
                .receiptHandle(handle)), SqsException.class);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(delete.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(delete.awsErrorDetails().errorMessage()).isEqualTo(message("sqs:deletemessage", queueArn));
        assertThat(catchThrowableOfType(() -> sqs.deleteMessageBatch(b -> b.queueUrl(queue).entries(e -> e.id("1")
                .receiptHandle(handle))), SqsException.class).awsErrorDetails().errorMessage())
                .as("DeleteMessageBatch is sqs:DeleteMessage").contains("sqs:deletemessage");
        assertThat(catchThrowableOfType(() -> sqs.getQueueUrl(b -> b.queueName("gate-queue")), SqsException.class)
                .awsErrorDetails().errorMessage()).isEqualTo(message("sqs:getqueueurl", queueArn));
        assertThat(catchThrowableOfType(() -> sqs.listQueues(), SqsException.class).awsErrorDetails().errorMessage())
                .isEqualTo(message("sqs:listqueues", "*"));
    }

    @Test
    void multipartNotificationsBatchesAndCreationAskTheActionsTheReferenceLists() throws Exception {
        S3Client admin = adminS3();
        admin.createBucket(b -> b.bucket("gate-map"));
        String upload = admin.createMultipartUpload(b -> b.bucket("gate-map").key("big")).uploadId();
        DynamoDbClient adminDdb = SandboxTestSupport.dynamodb(endpoint, ADMIN);
        SandboxTestSupport.streamedTable(adminDdb, "gate-map", "KEYS_ONLY");
        String table = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/gate-map";
        enforce(allow("\"s3:ListBucket\"", "\"*\""));
        S3Client s3 = SandboxTestSupport.s3(endpoint);
        DynamoDbClient ddb = SandboxTestSupport.dynamodb(endpoint);
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("1"));

        List<Map.Entry<String, Runnable>> calls = List.of(
                Map.entry(message("s3:PutObject", "\"arn:aws:s3:::gate-map/big\""), () -> s3.uploadPart(b -> b
                        .bucket("gate-map").key("big").uploadId(upload).partNumber(1), RequestBody.fromString("x"))),
                Map.entry(message("s3:ListMultipartUploadParts", "\"arn:aws:s3:::gate-map/big\""),
                        () -> s3.listParts(b -> b.bucket("gate-map").key("big").uploadId(upload))),
                Map.entry(message("s3:AbortMultipartUpload", "\"arn:aws:s3:::gate-map/big\""),
                        () -> s3.abortMultipartUpload(b -> b.bucket("gate-map").key("big").uploadId(upload))),
                Map.entry(message("s3:GetBucketNotification", "\"arn:aws:s3:::gate-map\""),
                        () -> s3.getBucketNotificationConfiguration(b -> b.bucket("gate-map"))),
                Map.entry(message("s3:PutBucketNotification", "\"arn:aws:s3:::gate-map\""),
                        () -> s3.putBucketNotificationConfiguration(b -> b.bucket("gate-map")
                                .notificationConfiguration(n -> n.queueConfigurations(List.of())))),
                Map.entry(message("s3:ListAllMyBuckets", "\"*\""), () -> s3.listBuckets()),
                Map.entry(message("dynamodb:BatchWriteItem", table), () -> ddb.batchWriteItem(b -> b.requestItems(
                        Map.of("gate-map", List.of(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                                .putRequest(r -> r.item(key)).build()))))),
                Map.entry(message("dynamodb:BatchGetItem", table), () -> ddb.batchGetItem(b -> b.requestItems(
                        Map.of("gate-map", software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                                .keys(key).build())))),
                Map.entry(message("dynamodb:GetItem", table), () -> ddb.transactGetItems(b -> b.transactItems(
                        t -> t.get(g -> g.tableName("gate-map").key(key))))),
                Map.entry(message("dynamodb:UpdateItem", table), () -> ddb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().update(u -> u.tableName("gate-map").key(key)
                                .updateExpression("SET n = :n").expressionAttributeValues(Map.of(":n",
                                        AttributeValue.fromN("1")))).build()))),
                Map.entry(message("dynamodb:PartiQLDelete", table), () -> ddb.executeStatement(b -> b.statement(
                        "DELETE FROM \"gate-map\" WHERE id = '1'"))),
                Map.entry(message("dynamodb:UpdateTimeToLive", table), () -> ddb.updateTimeToLive(b -> b
                        .tableName("gate-map").timeToLiveSpecification(t -> t.enabled(true).attributeName("ttl")))),
                Map.entry(message("SNS:CreateTopic", "arn:aws:sns:us-east-1:" + ACCOUNT + ":gate-new"),
                        () -> SandboxTestSupport.sns(endpoint).createTopic(b -> b.name("gate-new"))),
                Map.entry(message("SNS:ListTopics", "*"), () -> SandboxTestSupport.sns(endpoint).listTopics()),
                Map.entry(message("sqs:createqueue", "arn:aws:sqs:us-east-1:" + ACCOUNT + ":gate-new"),
                        () -> SandboxTestSupport.sqs(endpoint).createQueue(b -> b.queueName("gate-new"))));
        for (Map.Entry<String, Runnable> call : calls) {
            AwsServiceException denied = catchThrowableOfType(call.getValue()::run, AwsServiceException.class);
            assertThat(denied).as(call.getKey()).isNotNull();
            assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo(call.getKey());
        }
        assertThat(s3.listObjectsV2(b -> b.bucket("gate-map")).keyCount()).as("ListBucket allowed").isZero();
    }

    @Test
    void theAdminKeyIsNotCheckedUnsignedRequestsAreAnonymousAndDenialsAreListed() throws Exception {
        enforce(allow("\"s3:*\"", "\"arn:aws:s3:::nothing-here/*\""));
        S3Client admin = adminS3();
        admin.createBucket(b -> b.bucket("gate-admin"));
        admin.putObject(b -> b.bucket("gate-admin").key("k"), RequestBody.fromString("v"));

        HttpResponse<String> unsigned = admin("PUT", "/gate-admin/curl.csv", "a,b");
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.body()).contains("<Code>AccessDenied</Code>").contains("User: anonymous is not "
                + "authorized to perform: s3:PutObject on resource: &quot;arn:aws:s3:::gate-admin/curl.csv&quot;");
        assertThatThrownBy(() -> SandboxTestSupport.s3(endpoint).getObjectAsBytes(b -> b.bucket("gate-admin").key("k")))
                .isInstanceOf(S3Exception.class);

        JsonNode denials = Json.parse(admin("GET", "/_sandbox/iam/denials", null).body());
        assertThat(denials.path("count").asLong()).isEqualTo(2);
        assertThat(denials.path("denials").get(1).path("caller").asText()).isEqualTo(APP);
        assertThat(denials.path("denials").get(1).path("action").asText()).isEqualTo("s3:GetObject");
        assertThat(denials.path("denials").get(1).path("resource").asText()).isEqualTo("arn:aws:s3:::gate-admin/k");
        assertThat(denials.path("denials").get(1).path("operation").asText()).isEqualTo("GetObject");

        // no policy: nothing is checked
        assertThat(admin("DELETE", "/_sandbox/iam/policy", null).statusCode()).isEqualTo(204);
        assertThat(SandboxTestSupport.s3(endpoint).getObjectAsBytes(b -> b.bucket("gate-admin").key("k"))
                .asUtf8String()).isEqualTo("v");
        assertThat(Json.parse(admin("GET", "/_sandbox/iam/policy", null).body()).path("enforced").asBoolean()).isFalse();
    }

    @Test
    void allowedActionsAreCountedPerCaller() throws Exception {
        enforce(allow("\"sns:ListTopics\"", "\"*\""));
        SandboxTestSupport.sns(endpoint).listTopics();
        SandboxTestSupport.sns(endpoint).listTopics();
        JsonNode allowed = Json.parse(admin("GET", "/_sandbox/iam/allowed", null).body());
        assertThat(allowed.path(APP).path("sns:ListTopics").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(allowed.has("arn:aws:iam::" + ACCOUNT + ":user/admin")).as("the admin is not checked").isFalse();
    }

    @Test
    void anInvalidPolicyIsRefusedWithTheReason() throws Exception {
        HttpResponse<String> r = admin("PUT", "/_sandbox/iam/policy", "{\"Statement\":{\"Effect\":\"Allow\"}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("exactly one of Action and NotAction");
    }

    @Test
    void thePolicyPropertyNamesItselfWhenItsFileIsUnusable() throws Exception {
        Path bad = Files.createTempFile("policy", ".json");
        Files.writeString(bad, "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}}");
        assertThatThrownBy(() -> SandboxConfig.fromMap(Map.of("sandbox.iam.policy", bad.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sandbox.iam.policy")
                .hasMessageContaining("SANDBOX_IAM_POLICY").hasMessageContaining("Resource");
        assertThatThrownBy(() -> SandboxConfig.fromMap(Map.of("sandbox.iam.policy", bad + ".missing")))
                .hasMessageContaining("cannot read");
        Files.writeString(bad, "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}");
        SandboxConfig config = SandboxConfig.fromMap(Map.of("sandbox.iam.policy", bad.toString(),
                "sandbox.iam.admin-access-key", " root "));
        assertThat(config.iam().enforced()).isPresent();
        assertThat(config.iam().adminAccessKey()).isEqualTo("root");
        assertThat(SandboxConfig.fromMap(Map.of()).iam().enforced()).as("no enforcement by default").isEmpty();
    }

}
