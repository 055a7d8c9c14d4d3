package inventory;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The five AWS SDK clients, built once for the configured target and shared by the routes (as registry
 * beans) and the pipeline's own calls. One HTTP connection pool sized for the write concurrency.
 */
public record AwsClients(S3Client s3, DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, SnsClient sns,
                         SqsClient sqs, SdkHttpClient http) implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AwsClients.class);

    /**
     * @param endpoint the endpoint for the sandbox or an emulator URL; null for real AWS
     */
    public static AwsClients create(InventorySettings.AwsTarget target, URI endpoint, int concurrency) {
        AwsCredentialsProvider credentials = credentials(target);
        if (target.isRealAws()) {
            requireCredentials(credentials);
        }
        SdkHttpClient http = ApacheHttpClient.builder()
                .maxConnections(Math.max(50, concurrency * 2 + 8))
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        Region region = Region.of(target.region());
        var s3 = S3Client.builder().httpClient(http).region(region).credentialsProvider(credentials);
        var ddb = DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(writeRetries()));
        var streams = DynamoDbStreamsClient.builder().httpClient(http).region(region).credentialsProvider(credentials);
        var sns = SnsClient.builder().httpClient(http).region(region).credentialsProvider(credentials);
        // events mode: the consumer's long polls (20 s) stay well inside the 60 s socket timeout
        var sqs = SqsClient.builder().httpClient(http).region(region).credentialsProvider(credentials);
        if (endpoint != null) {
            s3.endpointOverride(endpoint).forcePathStyle(true);
            ddb.endpointOverride(endpoint);
            streams.endpointOverride(endpoint);
            sns.endpointOverride(endpoint);
            sqs.endpointOverride(endpoint);
        }
        return new AwsClients(s3.build(), ddb.build(), streams.build(), sns.build(), sqs.build(), http);
    }

    /**
     * DynamoDB requests (the row writes above all): the SDK's standard strategy with more attempts, exponential
     * backoff with full jitter (throttling backs off longer), and no retry quota, so a throttled import keeps
     * trying each row instead of giving up on all of them once the quota is spent. What still fails stops the
     * file, which is imported again on a later poll.
     */
    static RetryStrategy writeRetries() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(10)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(5)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(250), Duration.ofSeconds(20)))
                .circuitBreakerEnabled(false)
                .build();
    }

    /**
     * Real AWS: the default chain (or the named profile). Emulators: credentials from the environment or
     * system properties when set, else dummy ones (emulators accept anything).
     */
    static AwsCredentialsProvider credentials(InventorySettings.AwsTarget target) {
        if (target.isRealAws()) {
            return target.profile().isBlank() ? DefaultCredentialsProvider.builder().build()
                    : ProfileCredentialsProvider.create(target.profile());
        }
        return AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true).credentialsProviders(
                EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
    }

    /** Real AWS without credentials stops start-up with one line saying what to set (the SDK's own message is long). */
    static void requireCredentials(AwsCredentialsProvider credentials) {
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            LOG.debug("No AWS credentials: {}", e.getMessage());
            throw new IllegalStateException("aws.endpoint=aws but no AWS credentials were found: set AWS_ACCESS_KEY_ID "
                    + "and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (aws.profile) with a profile in ~/.aws, or run with a "
                    + "role (EKS Pod Identity or IRSA, an ECS task role, an EC2 instance profile)");
        }
    }

    @Override
    public void close() {
        s3.close();
        dynamoDb.close();
        streams.close();
        sns.close();
        sqs.close();
        http.close();
    }
}
