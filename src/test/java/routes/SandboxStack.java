package routes;

import com.fasterxml.jackson.databind.JsonNode;
import deploy.CloudFormationStack;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Creates a {@link CloudFormationStack}'s resources in the sandbox the way CloudFormation would, signed as the
 * given admin: queues (dead-letter queue first), their policies, tables with their stream and Time to Live, the
 * topic and its subscriptions, and last the bucket with its notification (it sends a test event to the queue). The
 * bucket policy is left out: the sandbox enforces identity policies only.
 */
final class SandboxStack {

    /** CloudFormation's order through Ref and Fn::GetAtt, for the types this template has. */
    private static final List<String> ORDER = List.of("AWS::SQS::Queue", "AWS::SQS::QueuePolicy",
            "AWS::DynamoDB::Table", "AWS::SNS::Topic", "AWS::SNS::Subscription", "AWS::S3::Bucket");
    /** Not created here: the policy under test, a bucket policy (not enforced), a wait handle, alarms (no CloudWatch). */
    private static final List<String> SKIPPED = List.of("AWS::IAM::ManagedPolicy", "AWS::S3::BucketPolicy",
            "AWS::CloudFormation::WaitConditionHandle", "AWS::CloudWatch::Alarm");

    private SandboxStack() {
    }

    static void create(CloudFormationStack stack, URI endpoint, AwsCredentialsProvider admin) {
        List<String> ids = new ArrayList<>();
        stack.resources().forEach(ids::add);
        ids.removeIf(id -> SKIPPED.contains(stack.type(id)));
        ids.forEach(id -> {
            if (!ORDER.contains(stack.type(id))) {
                throw new IllegalStateException("resource " + id + " of type " + stack.type(id) + " is not created here");
            }
        });
        // a queue with a redrive policy after its dead-letter queue
        ids.sort(Comparator.comparing((String id) -> ORDER.indexOf(stack.type(id)))
                .thenComparing(id -> stack.properties(id).has("RedrivePolicy")));
        try (SqsClient sqs = SandboxTestSupport.sqs(endpoint, admin);
             DynamoDbClient ddb = SandboxTestSupport.dynamodb(endpoint, admin);
             SnsClient sns = SandboxTestSupport.sns(endpoint, admin);
             S3Client s3 = SandboxTestSupport.s3(endpoint, admin)) {
            for (String id : ids) {
                JsonNode p = stack.properties(id);
                switch (stack.type(id)) {
                    case "AWS::SQS::Queue" -> queue(sqs, stack.physicalName(id), p);
                    case "AWS::SQS::QueuePolicy" -> p.path("Queues").forEach(url -> sqs.setQueueAttributes(b -> b
                            .queueUrl(url.asText()).attributesWithStrings(Map.of("Policy", p.path("PolicyDocument")
                                    .toString()))));
                    case "AWS::DynamoDB::Table" -> table(ddb, stack.physicalName(id), p);
                    case "AWS::SNS::Topic" -> sns.createTopic(b -> b.name(stack.physicalName(id)));
                    case "AWS::SNS::Subscription" -> sns.subscribe(b -> b.topicArn(p.path("TopicArn").asText())
                            .protocol(p.path("Protocol").asText()).endpoint(p.path("Endpoint").asText()));
                    default -> bucket(s3, stack.physicalName(id), p);
                }
            }
        }
    }

    private static void queue(SqsClient sqs, String name, JsonNode p) {
        Map<String, String> attributes = new HashMap<>();
        for (String a : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds")) {
            if (p.has(a)) {
                attributes.put(a, p.path(a).asText());
            }
        }
        if (p.has("RedrivePolicy")) {
            attributes.put("RedrivePolicy", p.path("RedrivePolicy").toString());
        }
        sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes));
    }

    private static void table(DynamoDbClient ddb, String name, JsonNode p) {
        List<KeySchemaElement> keys = new ArrayList<>();
        p.path("KeySchema").forEach(k -> keys.add(KeySchemaElement.builder().attributeName(k.path("AttributeName")
                .asText()).keyType(k.path("KeyType").asText()).build()));
        List<AttributeDefinition> attributes = new ArrayList<>();
        p.path("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText()).build()));
        ddb.createTable(b -> {
            b.tableName(name).keySchema(keys).attributeDefinitions(attributes)
                    .billingMode(p.path("BillingMode").asText("PROVISIONED"));
            if (p.has("StreamSpecification")) {
                b.streamSpecification(s -> s.streamEnabled(true)
                        .streamViewType(p.path("StreamSpecification").path("StreamViewType").asText()));
            }
        });
        JsonNode ttl = p.path("TimeToLiveSpecification");
        if (ttl.path("Enabled").asBoolean()) {
            ddb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(s -> s.enabled(true)
                    .attributeName(ttl.path("AttributeName").asText())));
        }
    }

    private static void bucket(S3Client s3, String name, JsonNode p) {
        s3.createBucket(b -> b.bucket(name));
        List<QueueConfiguration> queues = new ArrayList<>();
        p.path("NotificationConfiguration").path("QueueConfigurations").forEach(q -> {
            List<FilterRule> rules = new ArrayList<>();
            q.path("Filter").path("S3Key").path("Rules").forEach(r -> rules.add(FilterRule.builder()
                    .name(r.path("Name").asText()).value(r.path("Value").asText()).build()));
            queues.add(QueueConfiguration.builder().queueArn(q.path("Queue").asText())
                    .eventsWithStrings(q.path("Event").asText()).filter(f -> f.key(k -> k.filterRules(rules))).build());
        });
        if (!queues.isEmpty()) {
            s3.putBucketNotificationConfiguration(b -> b.bucket(name).notificationConfiguration(n -> n
                    .queueConfigurations(queues)));
        }
    }
}
