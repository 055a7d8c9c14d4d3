package sandbox.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sandbox.ExternalClients;
import sandbox.Sandbox;
import sandbox.SandboxConfig;
import sandbox.SandboxTestSupport;
import sandbox.core.Json;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Bucket notifications to SQS through the AWS SDK for Java v2: configuration, test event, object events. */
class S3BucketNotificationTest extends SandboxTestSupport {

    private static final AtomicInteger N = new AtomicInteger();

    /** A bucket and a queue of their own per test. */
    private record Setup(String bucket, String queueUrl, String queueArn) {
    }

    private static Setup setup(SqsClient sqs, S3Client s3) {
        int n = N.incrementAndGet();
        String bucket = "notified-" + n;
        s3.createBucket(b -> b.bucket(bucket));
        String url = sqs.createQueue(b -> b.queueName("s3-events-" + n)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Setup(bucket, url, arn);
    }

    private static QueueConfiguration queueConfig(String id, String arn, String prefix, String suffix, Event... events) {
        return QueueConfiguration.builder().id(id).queueArn(arn).events(events)
                .filter(f -> f.key(k -> k.filterRules(r -> r.name(FilterRuleName.PREFIX).value(prefix),
                        r -> r.name(FilterRuleName.SUFFIX).value(suffix)))).build();
    }

    private static void configure(S3Client s3, String bucket, QueueConfiguration... configs) {
        s3.putBucketNotificationConfiguration(b -> b.bucket(bucket)
                .notificationConfiguration(NotificationConfiguration.builder().queueConfigurations(configs).build()));
    }

    /** Every message now in the queue (deleted as read). */
    static List<JsonNode> drain(SqsClient sqs, String url) {
        List<JsonNode> out = new java.util.ArrayList<>();
        List<Message> got;
        while (!(got = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()).isEmpty()) {
            for (Message m : got) {
                out.add(Json.parse(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return out;
    }

    private static List<JsonNode> records(SqsClient sqs, String url) {
        return drain(sqs, url).stream().filter(m -> m.has("Records")).map(m -> m.path("Records").get(0)).toList();
    }

    @Test
    void configurationRoundTripsAndATestEventReachesTheQueue() {
        SqsClient sqs = sqs();
        S3Client s3 = s3();
        Setup s = setup(sqs, s3);
        configure(s3, s.bucket(), queueConfig("csv-uploads", s.queueArn(), "incoming/", ".csv", Event.S3_OBJECT_CREATED));

        GetBucketNotificationConfigurationResponse got = s3.getBucketNotificationConfiguration(b -> b.bucket(s.bucket()));
        assertThat(got.queueConfigurations()).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo("csv-uploads");
            assertThat(q.queueArn()).isEqualTo(s.queueArn());
            assertThat(q.eventsAsStrings()).containsExactly("s3:ObjectCreated:*");
            // S3 answers with capitalised rule names
            assertThat(q.filter().key().filterRules()).extracting(r -> r.nameAsString() + "=" + r.value())
                    .containsExactly("Prefix=incoming/", "Suffix=.csv");
        });

        List<JsonNode> messages = drain(sqs, s.queueUrl());
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.path("Service").asText()).isEqualTo("Amazon S3");
            assertThat(m.path("Event").asText()).isEqualTo("s3:TestEvent");
            assertThat(m.path("Bucket").asText()).isEqualTo(s.bucket());
            assertThat(m.path("Time").asText()).endsWith("Z");
            assertThat(m.path("RequestId").asText()).isNotEmpty();
            assertThat(m.path("HostId").asText()).isNotEmpty();
        });

        configure(s3, s.bucket());
        assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket(s.bucket())).queueConfigurations()).isEmpty();
    }

    @Test
    void anUploadDeliversAwsRecordWithTheKeyUrlEncoded() {
        SqsClient sqs = sqs();
        S3Client s3 = s3();
        Setup s = setup(sqs, s3);
        configure(s3, s.bucket(), queueConfig("csv-uploads", s.queueArn(), "incoming/", ".csv", Event.S3_OBJECT_CREATED));
        drain(sqs, s.queueUrl());

        String etag = s3.putObject(b -> b.bucket(s.bucket()).key("incoming/store 1/a+b.csv"),
                RequestBody.fromString("sku,qty\nA-1,3\n")).eTag();
        List<JsonNode> records = records(sqs, s.queueUrl());
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.path("eventVersion").asText()).isEqualTo("2.1");
            assertThat(r.path("eventSource").asText()).isEqualTo("aws:s3");
            assertThat(r.path("awsRegion").asText()).isEqualTo("us-east-1");
            assertThat(r.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
            assertThat(r.path("eventTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(r.path("userIdentity").path("principalId").asText()).isNotEmpty();
            assertThat(r.path("requestParameters").path("sourceIPAddress").asText()).isNotEmpty();
            assertThat(r.path("responseElements").path("x-amz-request-id").asText()).isNotEmpty();
            JsonNode s3Part = r.path("s3");
            assertThat(s3Part.path("s3SchemaVersion").asText()).isEqualTo("1.0");
            assertThat(s3Part.path("configurationId").asText()).isEqualTo("csv-uploads");
            assertThat(s3Part.path("bucket").path("name").asText()).isEqualTo(s.bucket());
            assertThat(s3Part.path("bucket").path("arn").asText()).isEqualTo("arn:aws:s3:::" + s.bucket());
            assertThat(s3Part.path("bucket").path("ownerIdentity").path("principalId").asText()).isNotEmpty();
            JsonNode o = s3Part.path("object");
            assertThat(o.path("key").asText()).isEqualTo("incoming/store+1/a%2Bb.csv");
            assertThat(o.path("size").asLong()).isEqualTo(14);
            assertThat(o.path("eTag").asText()).isEqualTo(etag.replace("\"", ""));
            assertThat(o.path("sequencer").asText()).matches("[0-9A-F]{16,}");
            assertThat(o.has("versionId")).isFalse();
        });
        // decoding the key as AWS documents gives back the real key
        assertThat(java.net.URLDecoder.decode(records.get(0).path("s3").path("object").path("key").asText(),
                StandardCharsets.UTF_8)).isEqualTo("incoming/store 1/a+b.csv");
    }

    @Test
    void filtersSelectTheKeysAndEventsThatAreNotified() {
        SqsClient sqs = sqs();
        S3Client s3 = s3();
        Setup s = setup(sqs, s3);
        configure(s3, s.bucket(), queueConfig("copies-only", s.queueArn(), "copies/", "", Event.S3_OBJECT_CREATED_COPY),
                queueConfig("csv-puts", s.queueArn(), "in/", ".csv", Event.S3_OBJECT_CREATED_PUT));
        drain(sqs, s.queueUrl());
        for (String key : List.of("in/a.csv", "in/a.txt", "other/b.csv", "copies/x.csv")) {
            s3.putObject(b -> b.bucket(s.bucket()).key(key), RequestBody.fromString(key));
        }
        s3.copyObject(b -> b.sourceBucket(s.bucket()).sourceKey("in/a.txt").destinationBucket(s.bucket())
                .destinationKey("copies/a.txt"));
        s3.copyObject(b -> b.sourceBucket(s.bucket()).sourceKey("in/a.txt").destinationBucket(s.bucket())
                .destinationKey("in/copied.csv"));
        assertThat(records(sqs, s.queueUrl())).extracting(r -> r.path("eventName").asText() + " "
                        + r.path("s3").path("object").path("key").asText() + " "
                        + r.path("s3").path("configurationId").asText())
                .containsExactlyInAnyOrder("ObjectCreated:Put in/a.csv csv-puts",
                        "ObjectCreated:Copy copies/a.txt copies-only");
    }

    @Test
    void completingAMultipartUploadIsItsOwnEvent() {
        SqsClient sqs = sqs();
        S3Client s3 = s3();
        Setup s = setup(sqs, s3);
        configure(s3, s.bucket(), queueConfig("all", s.queueArn(), "", "", Event.S3_OBJECT_CREATED));
        drain(sqs, s.queueUrl());
        String key = "big/file.csv";
        String uploadId = s3.createMultipartUpload(b -> b.bucket(s.bucket()).key(key)).uploadId();
        String part = s3.uploadPart(b -> b.bucket(s.bucket()).key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromString("only part")).eTag();
        String etag = s3.completeMultipartUpload(b -> b.bucket(s.bucket()).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(part)))).eTag();
        assertThat(records(sqs, s.queueUrl())).singleElement().satisfies(r -> {
            assertThat(r.path("eventName").asText()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
            assertThat(r.path("s3").path("object").path("eTag").asText()).isEqualTo(etag.replace("\"", ""))
                    .endsWith("-1");
            assertThat(r.path("s3").path("object").path("size").asLong()).isEqualTo(9);
        });
    }

    @Test
    void sequencersGrowForRepeatedWritesOfOneKey() {
        SqsClient sqs = sqs();
        S3Client s3 = s3();
        Setup s = setup(sqs, s3);
        configure(s3, s.bucket(), queueConfig("all", s.queueArn(), "", "", Event.S3_OBJECT_CREATED_PUT));
        drain(sqs, s.queueUrl());
        for (int i = 0; i < 3; i++) {
            String body = "v" + i;
            s3.putObject(b -> b.bucket(s.bucket()).key("same.csv"), RequestBody.fromString(body));
        }
        List<java.math.BigInteger> sequencers = records(sqs, s.queueUrl()).stream()
                .map(r -> new java.math.BigInteger(r.path("s3").path("object").path("sequencer").asText(), 16))
                .sorted().toList();
        assertThat(sequencers).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void invalidConfigurationsAreRefusedWithInvalidArgument() {
        SqsClient sqs = sqs();
        S3Client s3 = s3();
        Setup s = setup(sqs, s3);
        assertThatThrownBy(() -> configure(s3, s.bucket(), queueConfig("x",
                "arn:aws:sqs:us-east-1:000000000000:no-such-queue", "", "", Event.S3_OBJECT_CREATED)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                    assertThat(e.getMessage()).contains("Unable to validate the following destination configurations");
                });
        assertThatThrownBy(() -> configure(s3, s.bucket(), QueueConfiguration.builder().queueArn(s.queueArn())
                .eventsWithStrings("s3:ObjectCreated:Teleport").build()))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
        assertThatThrownBy(() -> configure(s3, s.bucket(),
                queueConfig("a", s.queueArn(), "in/", ".csv", Event.S3_OBJECT_CREATED),
                queueConfig("b", s.queueArn(), "in/sub/", "", Event.S3_OBJECT_CREATED_PUT)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
                    assertThat(e.getMessage()).contains("overlapping");
                });
        // distinct suffixes do not overlap
        configure(s3, s.bucket(), queueConfig("a", s.queueArn(), "in/", ".csv", Event.S3_OBJECT_CREATED),
                queueConfig("b", s.queueArn(), "in/", ".json", Event.S3_OBJECT_CREATED));
        assertThat(drain(sqs, s.queueUrl())).as("one test event per queue").hasSize(1);
        assertThatThrownBy(() -> s3.getBucketNotificationConfiguration(b -> b.bucket("no-such-bucket")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket"));
    }

    @Test
    void awsCliPutsAndGetsTheConfigurationAndUploadsAreNotified() throws Exception {
        ExternalClients.assumeAwsCli();
        SqsClient sqs = sqs();
        Setup s = setup(sqs, s3());
        String config = "{\"QueueConfigurations\":[{\"Id\":\"cli-config\",\"QueueArn\":\"" + s.queueArn()
                + "\",\"Events\":[\"s3:ObjectCreated:*\"],\"Filter\":{\"Key\":{\"FilterRules\":"
                + "[{\"Name\":\"prefix\",\"Value\":\"incoming/\"}]}}}]}";
        ExternalClients.aws(endpoint, "s3api", "put-bucket-notification-configuration", "--bucket", s.bucket(),
                "--notification-configuration", config).assertOk();
        JsonNode got = Json.parse(ExternalClients.aws(endpoint, "s3api", "get-bucket-notification-configuration",
                "--bucket", s.bucket()).assertOk().stdout());
        JsonNode q = got.path("QueueConfigurations").get(0);
        assertThat(q.path("Id").asText()).isEqualTo("cli-config");
        assertThat(q.path("QueueArn").asText()).isEqualTo(s.queueArn());
        assertThat(q.path("Events").get(0).asText()).isEqualTo("s3:ObjectCreated:*");
        assertThat(q.path("Filter").path("Key").path("FilterRules").get(0).path("Value").asText()).isEqualTo("incoming/");
        assertThat(drain(sqs, s.queueUrl())).extracting(m -> m.path("Event").asText()).containsExactly("s3:TestEvent");

        Path file = Files.createTempFile(dataDir, "upload", ".csv");
        Files.writeString(file, "sku,qty\n");
        ExternalClients.aws(endpoint, "s3", "cp", file.toString(), "s3://" + s.bucket() + "/incoming/store 1/a+b.csv")
                .assertOk();
        assertThat(records(sqs, s.queueUrl())).extracting(r -> r.path("s3").path("object").path("key").asText())
                .containsExactly("incoming/store+1/a%2Bb.csv");
    }

    @TempDir
    Path dataDir;

    @Test
    void theConfigurationIsPersistedWithTheBucket() {
        SandboxConfig config = SandboxConfig.ephemeral().withDataDir(dataDir);
        String arn;
        try (Sandbox first = Sandbox.start(config)) {
            SqsClient sqs = SandboxTestSupport.sqs(first.endpoint());
            S3Client s3 = SandboxTestSupport.s3(first.endpoint());
            s3.createBucket(b -> b.bucket("kept"));
            String url = sqs.createQueue(b -> b.queueName("kept-events")).queueUrl();
            arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            configure(s3, "kept", queueConfig("kept-config", arn, "in/", "", Event.S3_OBJECT_CREATED));
            drain(sqs, url);
        }
        try (Sandbox second = Sandbox.start(config)) {
            SqsClient sqs = SandboxTestSupport.sqs(second.endpoint());
            S3Client s3 = SandboxTestSupport.s3(second.endpoint());
            assertThat(s3.getBucketNotificationConfiguration(b -> b.bucket("kept")).queueConfigurations())
                    .singleElement().satisfies(q -> assertThat(q.id()).isEqualTo("kept-config"));
            s3.putObject(b -> b.bucket("kept").key("in/after-restart.csv"), RequestBody.fromString("x"));
            assertThat(records(sqs, second.endpoint() + "/000000000000/kept-events"))
                    .extracting(r -> r.path("s3").path("object").path("key").asText())
                    .containsExactly("in/after-restart.csv");
        }
    }
}
