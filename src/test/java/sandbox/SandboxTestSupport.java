package sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts one in-memory sandbox on a free port for a test class and hands out AWS SDK v2 clients at
 * their default settings (only endpoint, region, credentials and path-style set).
 */
public abstract class SandboxTestSupport {

    protected static Sandbox sandbox;
    protected static URI endpoint;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxConfig.ephemeral());
        endpoint = sandbox.endpoint();
    }

    @AfterAll
    static void stopSandbox() {
        if (sandbox != null) {
            sandbox.stop();
        }
    }

    public static StaticCredentialsProvider credentials() {
        return credentials("test");
    }

    /** Credentials with this access key id (the sandbox's IAM names the caller after it). */
    public static StaticCredentialsProvider credentials(String accessKeyId) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test"));
    }

    public static S3Client s3(URI endpoint) {
        return s3(endpoint, credentials());
    }

    public static S3Client s3(URI endpoint, AwsCredentialsProvider signer) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(signer).forcePathStyle(true).build();
    }

    public static DynamoDbClient dynamodb(URI endpoint) {
        return dynamodb(endpoint, credentials());
    }

    public static DynamoDbClient dynamodb(URI endpoint, AwsCredentialsProvider signer) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(signer).build();
    }

    public static DynamoDbStreamsClient streams(URI endpoint) {
        return streams(endpoint, credentials());
    }

    public static DynamoDbStreamsClient streams(URI endpoint, AwsCredentialsProvider signer) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(signer).build();
    }

    public static SnsClient sns(URI endpoint) {
        return sns(endpoint, credentials());
    }

    public static SnsClient sns(URI endpoint, AwsCredentialsProvider signer) {
        return SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(signer).build();
    }

    public static SqsClient sqs(URI endpoint) {
        return sqs(endpoint, credentials());
    }

    public static SqsClient sqs(URI endpoint, AwsCredentialsProvider signer) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(signer).build();
    }

    /** A table keyed by the string {@code id}, on demand, with a stream; returns the stream's ARN. */
    public static String streamedTable(DynamoDbClient ddb, String name, String viewType) {
        return ddb.createTable(r -> r.tableName(name)
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S"))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)))
                .tableDescription().latestStreamArn();
    }

    protected static S3Client s3() {
        return s3(endpoint);
    }

    protected static DynamoDbClient dynamodb() {
        return dynamodb(endpoint);
    }

    protected static DynamoDbStreamsClient streams() {
        return streams(endpoint);
    }

    protected static SnsClient sns() {
        return sns(endpoint);
    }

    protected static SqsClient sqs() {
        return sqs(endpoint);
    }

    /** A plain GET against the sandbox (admin endpoints). */
    protected static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
