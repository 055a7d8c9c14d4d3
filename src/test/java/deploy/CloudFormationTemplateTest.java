package deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/aws/template.yaml: plain YAML (long-form intrinsics), the resources the app expects, and an IAM policy
 * that grants exactly the calls the app makes on real AWS with provisioning off, in each import trigger mode.
 */
class CloudFormationTemplateTest {

    /**
     * The app's AWS calls with inventory.provision=false in poll mode (deploy/aws/README.md says where each comes from),
     * as routes.LeastPrivilegeStoryTest measures them by running the app against this policy.
     */
    private static final Set<String> POLL_ACTIONS = Set.of(
            "s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
            "dynamodb:DescribeTable", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
            "dynamodb:DescribeTimeToLive", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:DescribeStream", "dynamodb:GetShardIterator", "dynamodb:GetRecords",
            "sns:Publish", "sns:GetTopicAttributes", "sqs:GetQueueUrl", "sqs:SendMessage", "sqs:GetQueueAttributes",
            "cloudwatch:PutMetricData");

    /** What inventory.import.trigger=events adds: the camel-aws2-sqs consumer on the queue and its dead-letter queue. */
    private static final Set<String> EVENTS_ONLY_ACTIONS = Set.of(
            "sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage");
    /** The condition of the app's own CloudWatch metrics: a MetricsNamespace (the default has one). */
    private static final String METRICS = "HasMetricsNamespace";
    /** The queue of alerts not sent, in both modes: the app only sends to it. */
    private static final String ALERT_DEAD_LETTER_QUEUE = "AlertDeadLetterQueue";

    private static final String EVENTS = "EventsTrigger";
    private static final String INVENTORY_TABLE = "InventoryTable";
    private static final String STATE_TABLE = "StateTable";
    private static final String QUEUE = "UploadQueue";
    private static final String DEAD_LETTER_QUEUE = "UploadDeadLetterQueue";
    private static final String QUEUE_POLICY = "UploadQueuePolicy";

    private static final JsonNode TEMPLATE = DeployFiles.yaml("deploy/aws/template.yaml");

    private static JsonNode resource(String type) {
        List<JsonNode> found = new ArrayList<>();
        TEMPLATE.path("Resources").forEach(r -> {
            if (r.path("Type").asText().equals(type)) {
                found.add(r);
            }
        });
        assertThat(found).as("exactly one %s", type).hasSize(1);
        return found.get(0);
    }

    @Test
    void usesOnlyLongFormIntrinsicsSoPlainYamlParsersReadIt() {
        String text = DeployFiles.text("deploy/aws/template.yaml");
        Matcher shortForm = Pattern.compile("(?m)(^|[\\s\\[:,-])!(Ref|Sub|GetAtt|If|Equals|Not|And|Or|Join|Select|Split"
                + "|FindInMap|ImportValue|Base64|Cidr|GetAZs|Condition|Transform)\\b").matcher(text);
        boolean found = shortForm.find();
        assertThat(found).as("short-form tag %s", found ? shortForm.group() : "").isFalse();
        assertThat(TEMPLATE.path("AWSTemplateFormatVersion").asText()).isEqualTo("2010-09-09");
        assertThat(TEMPLATE.path("Resources").size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void bucketBlocksPublicAccess() {
        JsonNode block = resource("AWS::S3::Bucket").path("Properties").path("PublicAccessBlockConfiguration");
        for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertThat(block.path(flag).asBoolean()).as(flag).isTrue();
        }
    }

    private static JsonNode resourceById(String id) {
        JsonNode r = TEMPLATE.path("Resources").path(id);
        assertThat(r.isObject()).as("resource %s", id).isTrue();
        return r;
    }

    @Test
    void tableHasTheKeysStreamBillingAndRecoveryTheAppChecks() {
        JsonNode table = resourceById(INVENTORY_TABLE).path("Properties");
        assertThat(table.path("KeySchema")).hasSize(2);
        Map<String, String> keys = new java.util.HashMap<>();
        table.path("KeySchema").forEach(k -> keys.put(k.path("KeyType").asText(), k.path("AttributeName").asText()));
        assertThat(keys).containsEntry("HASH", "store").containsEntry("RANGE", "item");
        Map<String, String> types = new java.util.HashMap<>();
        table.path("AttributeDefinitions").forEach(a -> types.put(a.path("AttributeName").asText(),
                a.path("AttributeType").asText()));
        assertThat(types).isEqualTo(Map.of("store", "S", "item", "S"));
        assertThat(table.path("StreamSpecification").path("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(table.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean()).isTrue();
    }

    @Test
    void topicHasOptionalEmailAndSmsSubscriptions() {
        resource("AWS::SNS::Topic");
        Map<String, String> protocolToCondition = new java.util.HashMap<>();
        TEMPLATE.path("Resources").forEach(r -> {
            if (r.path("Type").asText().equals("AWS::SNS::Subscription")) {
                protocolToCondition.put(r.path("Properties").path("Protocol").asText(), r.path("Condition").asText());
                assertThat(r.path("Properties").path("TopicArn").path("Ref").asText())
                        .isEqualTo(logicalId("AWS::SNS::Topic"));
            }
        });
        assertThat(protocolToCondition).containsOnlyKeys("email", "sms");
        protocolToCondition.values().forEach(c -> assertThat(TEMPLATE.path("Conditions").has(c))
                .as("condition %s defined", c).isTrue());
        assertThat(TEMPLATE.path("Parameters").path("AlertEmail").path("Default").asText()).isEmpty();
        assertThat(TEMPLATE.path("Parameters").path("AlertSmsNumber").path("Default").asText()).isEmpty();
    }

    @Test
    void policyGrantsExactlyTheCallsTheAppMakesInEachMode() {
        assertThat(grantedActions("poll")).isEqualTo(new TreeSet<>(POLL_ACTIONS));
        Set<String> events = new TreeSet<>(POLL_ACTIONS);
        events.addAll(EVENTS_ONLY_ACTIONS);
        assertThat(grantedActions("events")).isEqualTo(events);
    }

    @Test
    void theRuntimePolicyResolvesToTheStacksOwnNamesAndArns() {
        // what routes.LeastPrivilegeStoryTest enforces in the sandbox: the template's own policy, resolved
        CloudFormationStack events = new CloudFormationStack(Map.of("ImportTrigger", "events", "BucketName", "b"),
                "eu-west-1", "123456789012", "https://sqs.eu-west-1.amazonaws.com");
        String policy = events.pipelinePolicy().toString();
        assertThat(policy).doesNotContain("Fn::").doesNotContain("\"Ref\"").contains("\"arn:aws:s3:::b/*\"")
                .contains("\"arn:aws:dynamodb:eu-west-1:123456789012:table/inventory/stream/*\"")
                .contains("\"arn:aws:sqs:eu-west-1:123456789012:inventory-uploads-events-dlq\"")
                .contains("s3:ListBucket");
        assertThat(events.appProperties()).containsEntry("aws.endpoint", "aws")
                .containsEntry("inventory.topic", "arn:aws:sns:eu-west-1:123456789012:inventory-alerts")
                .containsEntry("inventory.import.queue", "inventory-uploads-events")
                .containsEntry("inventory.import.trigger", "events");
        CloudFormationStack poll = new CloudFormationStack(Map.of("BucketName", "b"), "eu-west-1", "123456789012", "");
        assertThat(poll.pipelinePolicy().toString()).doesNotContain("sqs:ReceiveMessage").contains("s3:ListBucket")
                .contains("\"arn:aws:sqs:eu-west-1:123456789012:inventory-alerts-dlq\"");
        assertThat(poll.resources()).doesNotContain(QUEUE, DEAD_LETTER_QUEUE, QUEUE_POLICY);
    }

    @Test
    void theQueueStatementIsEventsOnlyAndTheListingOfIncomingInBothModes() {
        JsonNode statements = resource("AWS::IAM::ManagedPolicy").path("Properties").path("PolicyDocument").path("Statement");
        int conditional = 0;
        for (JsonNode s : statements) {
            if (s.has("Fn::If") && s.path("Fn::If").path(0).asText().equals(METRICS)) {
                assertThat(actions(s.path("Fn::If").path(1))).containsExactly("cloudwatch:PutMetricData");
            } else if (s.has("Fn::If")) {
                conditional++;
                assertThat(s.path("Fn::If").path(0).asText()).isEqualTo(EVENTS);
            } else if (resources(s).contains("GetAtt " + ALERT_DEAD_LETTER_QUEUE + ".Arn")) {
                assertThat(actions(s)).as("the alert dead letters, both modes").containsExactlyInAnyOrder("sqs:GetQueueUrl",
                        "sqs:SendMessage", "sqs:GetQueueAttributes");
            } else {
                assertThat(actions(s)).as("unconditional statement %s", s.path("Sid").asText())
                        .noneMatch(a -> a.startsWith("sqs:"));
            }
        }
        assertThat(conditional).as("the queue statement, events only").isEqualTo(1);
        assertThat(grantedActions("poll")).doesNotContainAnyElementsOf(EVENTS_ONLY_ACTIONS).contains("s3:ListBucket");
        // events: the instances read the queue, and list incoming/ only to tell a key gone from a refusal (S3's 403)
        assertThat(grantedActions("events")).containsAll(EVENTS_ONLY_ACTIONS).contains("s3:ListBucket");
    }

    @Test
    void policyScopesEveryActionToItsResource() {
        String bucket = logicalId("AWS::S3::Bucket");
        String topic = logicalId("AWS::SNS::Topic");
        for (String mode : List.of("poll", "events")) {
            Set<String> grants = new HashSet<>();
            for (JsonNode s : statements(mode)) {
                assertThat(s.path("Effect").asText()).isEqualTo("Allow");
                List<String> acts = actions(s);
                List<String> resources = resources(s);
                acts.forEach(a -> resources.forEach(r -> assertThat(grants.add(a + " on " + r))
                        .as("%s granted on %s once", a, r).isTrue()));
                if (acts.equals(List.of("cloudwatch:PutMetricData"))) {
                    // PutMetricData has no resource: the namespace condition scopes it
                    assertThat(resources).containsExactly("*");
                    assertThat(s.path("Condition").path("StringEquals").path("cloudwatch:namespace").path("Ref").asText())
                            .isEqualTo("MetricsNamespace");
                    continue;
                }
                assertThat(resources).as("%s scoped", acts).isNotEmpty().doesNotContain("*");
                for (String a : acts) {
                    switch (a) {
                        case "s3:ListBucket" -> {
                            assertThat(resources).containsExactly("GetAtt " + bucket + ".Arn");
                            assertThat(s.path("Condition").path("StringEquals").path("s3:prefix").asText())
                                    .as("listing only the incoming prefix").isEqualTo(appDefault("inventory.incoming-prefix"));
                        }
                        case "s3:GetObject", "s3:PutObject", "s3:DeleteObject" ->
                                assertThat(resources).containsExactly("Sub ${" + bucket + ".Arn}/*");
                        case "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DescribeTimeToLive", "dynamodb:UpdateItem",
                                "dynamodb:ConditionCheckItem" ->
                                assertThat(resources).containsExactly("GetAtt " + STATE_TABLE + ".Arn");
                        case "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate" ->
                                assertThat(resources).containsExactly("GetAtt " + INVENTORY_TABLE + ".Arn");
                        case "dynamodb:DescribeTable" -> assertThat(resources).singleElement()
                                .isIn("GetAtt " + INVENTORY_TABLE + ".Arn", "GetAtt " + STATE_TABLE + ".Arn");
                        case "dynamodb:DescribeStream", "dynamodb:GetShardIterator", "dynamodb:GetRecords" ->
                                assertThat(resources).containsExactly("Sub ${" + INVENTORY_TABLE + ".Arn}/stream/*");
                        case "sns:Publish", "sns:GetTopicAttributes" -> assertThat(resources).containsExactly("Ref " + topic);
                        case "sqs:SendMessage" -> assertThat(resources).containsExactly("GetAtt " + ALERT_DEAD_LETTER_QUEUE + ".Arn");
                        case "sqs:GetQueueUrl" -> assertThat(List.of(List.of("GetAtt " + ALERT_DEAD_LETTER_QUEUE + ".Arn"),
                                List.of("GetAtt " + QUEUE + ".Arn", "GetAtt " + DEAD_LETTER_QUEUE + ".Arn"))).contains(resources);
                        case "sqs:GetQueueAttributes" -> assertThat(List.of(List.of("GetAtt " + ALERT_DEAD_LETTER_QUEUE + ".Arn"),
                                List.of("GetAtt " + QUEUE + ".Arn", "GetAtt " + DEAD_LETTER_QUEUE + ".Arn"))).contains(resources);
                        case "sqs:ReceiveMessage",
                                "sqs:ChangeMessageVisibility", "sqs:DeleteMessage" -> assertThat(resources)
                                .containsExactlyInAnyOrder("GetAtt " + QUEUE + ".Arn", "GetAtt " + DEAD_LETTER_QUEUE + ".Arn");
                        default -> throw new AssertionError("unexpected action " + a);
                    }
                }
            }
            assertThat(grants).as("%s: DescribeTable on both tables", mode).contains(
                    "dynamodb:DescribeTable on GetAtt " + INVENTORY_TABLE + ".Arn",
                    "dynamodb:DescribeTable on GetAtt " + STATE_TABLE + ".Arn");
        }
    }

    @Test
    void stateTableIsKeyedByIdOnDemandWithExpiry() {
        JsonNode table = resourceById(STATE_TABLE);
        assertThat(table.path("Type").asText()).isEqualTo("AWS::DynamoDB::Table");
        assertThat(table.has("Condition")).as("both modes share state").isFalse();
        JsonNode p = table.path("Properties");
        assertThat(p.path("TableName").path("Ref").asText()).isEqualTo("StateTableName");
        assertThat(TEMPLATE.path("Parameters").path("StateTableName").path("Default").asText())
                .isEqualTo(appDefault("inventory.state.table"));
        assertThat(p.path("KeySchema")).singleElement().satisfies(k -> {
            assertThat(k.path("AttributeName").asText()).isEqualTo("id");
            assertThat(k.path("KeyType").asText()).isEqualTo("HASH");
        });
        assertThat(p.path("AttributeDefinitions")).singleElement().satisfies(a -> {
            assertThat(a.path("AttributeName").asText()).isEqualTo("id");
            assertThat(a.path("AttributeType").asText()).isEqualTo("S");
        });
        assertThat(p.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(p.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo("expiresAt");
        assertThat(p.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();
        assertThat(p.has("StreamSpecification")).isFalse();
    }

    @Test
    void eventsModeHasAQueueWithARedrivePolicyToItsDeadLetterQueue() {
        assertThat(TEMPLATE.path("Conditions").path(EVENTS).path("Fn::Equals").toString())
                .isEqualTo("[{\"Ref\":\"ImportTrigger\"},\"events\"]");
        JsonNode trigger = TEMPLATE.path("Parameters").path("ImportTrigger");
        assertThat(texts(trigger.path("AllowedValues"))).containsExactlyInAnyOrder("poll", "events");
        assertThat(trigger.path("Default").asText()).isEqualTo(appDefault("inventory.import.trigger"));
        for (String id : List.of(QUEUE, DEAD_LETTER_QUEUE, QUEUE_POLICY)) {
            assertThat(resourceById(id).path("Condition").asText()).as("%s only in events mode", id).isEqualTo(EVENTS);
        }
        JsonNode queue = resourceById(QUEUE).path("Properties");
        assertThat(resourceById(QUEUE).path("Type").asText()).isEqualTo("AWS::SQS::Queue");
        assertThat(queue.path("QueueName").path("Ref").asText()).isEqualTo("QueueName");
        assertThat(queue.path("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt").toString())
                .isEqualTo("[\"" + DEAD_LETTER_QUEUE + "\",\"Arn\"]");
        assertThat(queue.path("RedrivePolicy").path("maxReceiveCount").path("Ref").asText()).isEqualTo("MaxReceiveCount");
        assertThat(queue.path("VisibilityTimeout").path("Ref").asText()).isEqualTo("VisibilityTimeout");
        JsonNode parameters = TEMPLATE.path("Parameters");
        assertThat(parameters.path("MaxReceiveCount").path("Default").asText()).as("the app's max-attempts")
                .isEqualTo(appDefault("inventory.import.max-attempts"));
        assertThat(parameters.path("VisibilityTimeout").path("Default").asText())
                .isEqualTo(appDefault("inventory.import.visibility-timeout"));
        assertThat(parameters.path("QueueName").path("Default").asText()).isEqualTo(appDefault("inventory.import.queue"));
        assertThat(parameters.path("DeadLetterQueueName").path("Default").asText())
                .isEqualTo(appDefault("inventory.import.dead-letter-queue"));
        JsonNode dlq = resourceById(DEAD_LETTER_QUEUE).path("Properties");
        assertThat(dlq.path("QueueName").path("Ref").asText()).isEqualTo("DeadLetterQueueName");
        assertThat(dlq.path("MessageRetentionPeriod").asInt()).as("dead letters keep their first enqueue time")
                .isGreaterThan(queue.path("MessageRetentionPeriod").asInt());
    }

    @Test
    void onlyTheBucketOfThisAccountMaySendAndThePolicyDoesNotReferToTheBucketResource() {
        JsonNode policy = resourceById(QUEUE_POLICY).path("Properties");
        assertThat(policy.path("Queues")).singleElement().satisfies(q -> assertThat(q.path("Ref").asText()).isEqualTo(QUEUE));
        JsonNode statement = policy.path("PolicyDocument").path("Statement");
        assertThat(statement).singleElement().satisfies(s -> {
            assertThat(s.path("Effect").asText()).isEqualTo("Allow");
            assertThat(s.path("Principal").path("Service").asText()).isEqualTo("s3.amazonaws.com");
            assertThat(actions(s)).containsExactly("sqs:SendMessage");
            assertThat(resources(s)).containsExactly("GetAtt " + QUEUE + ".Arn");
            assertThat(s.path("Condition").path("ArnEquals").path("aws:SourceArn").path("Fn::Sub").asText())
                    .isEqualTo("arn:${AWS::Partition}:s3:::${BucketName}");
            assertThat(s.path("Condition").path("StringEquals").path("aws:SourceAccount").path("Ref").asText())
                    .isEqualTo("AWS::AccountId");
        });
        String bucket = logicalId("AWS::S3::Bucket");
        assertThat(referencedNames(resourceById(QUEUE_POLICY))).as("no cycle bucket <-> queue policy").doesNotContain(bucket);
        JsonNode rule = TEMPLATE.path("Rules").path("EventsNeedTheBucketName");
        assertThat(rule.path("RuleCondition").path("Fn::Equals").toString()).isEqualTo("[{\"Ref\":\"ImportTrigger\"},\"events\"]");
        assertThat(rule.path("Assertions").path(0).path("Assert").path("Fn::Not").path(0).path("Fn::Equals").toString())
                .isEqualTo("[{\"Ref\":\"BucketName\"},\"\"]");
    }

    @Test
    void theBucketNotifiesTheQueueOfNewCsvUploadsAfterTheQueuePolicyExists() {
        JsonNode bucket = resource("AWS::S3::Bucket");
        JsonNode notification = bucket.path("Properties").path("NotificationConfiguration").path("Fn::If");
        assertThat(notification.path(0).asText()).isEqualTo(EVENTS);
        assertThat(notification.path(2).path("Ref").asText()).isEqualTo("AWS::NoValue");
        JsonNode queueConfig = notification.path(1).path("QueueConfigurations");
        List<String> suffixes = new ArrayList<>();
        assertThat(queueConfig).hasSize(2).allSatisfy(q -> {
            assertThat(q.path("Event").asText()).isEqualTo("s3:ObjectCreated:*");
            assertThat(q.path("Queue").path("Fn::GetAtt").toString()).isEqualTo("[\"" + QUEUE + "\",\"Arn\"]");
            Map<String, String> rules = new java.util.HashMap<>();
            q.path("Filter").path("S3Key").path("Rules").forEach(r -> rules.put(r.path("Name").asText(), r.path("Value").asText()));
            assertThat(rules).containsEntry("prefix", appDefault("inventory.incoming-prefix")).containsKey("suffix");
            suffixes.add(rules.get("suffix"));
        });
        // plain and gzip uploads (one filter holds one suffix)
        assertThat(suffixes).containsExactly(appDefault("inventory.key-suffix"), appDefault("inventory.key-suffix") + ".gz");
        // DependsOn cannot name a conditional resource: a handle that refers to the queue policy in events mode
        String handle = bucket.path("DependsOn").asText();
        JsonNode ready = resourceById(handle);
        assertThat(ready.path("Type").asText()).isEqualTo("AWS::CloudFormation::WaitConditionHandle");
        assertThat(ready.has("Condition")).isFalse();
        JsonNode ifPolicy = ready.path("Metadata").path("QueuePolicy").path("Fn::If");
        assertThat(ifPolicy.path(0).asText()).isEqualTo(EVENTS);
        assertThat(ifPolicy.path(1).path("Ref").asText()).isEqualTo(QUEUE_POLICY);
    }

    /** A CloudWatch alarm on one metric: what it watches and when it fires. */
    private record Alarm(String namespace, String metric, Map<String, String> dimensions, String statistic,
                         String comparison, double threshold, int periods, String missingData) {
    }

    private static final String OWN = "Ref MetricsNamespace";

    /** The single-metric alarms, by the name of the Prometheus alert each mirrors. */
    private static final Map<String, Alarm> ALARMS = Map.of(
            "InventoryPipelineDown", new Alarm(OWN, "inventory.stream.reader.value", Map.of(), "SampleCount",
                    "LessThanThreshold", 1, 3, "breaching"),
            "InventoryStreamRecordsTrimmed", new Alarm(OWN, "inventory.stream.trimmed.count", Map.of(), "Sum",
                    "GreaterThanThreshold", 0, 1, "notBreaching"),
            "InventoryFileFailed", new Alarm(OWN, "inventory.files.count", Map.of("outcome", "failed"), "Sum",
                    "GreaterThanThreshold", 0, 1, "notBreaching"),
            "InventoryImportStalled", new Alarm(OWN, "inventory.stalled.value", Map.of("part", "import"), "Maximum",
                    "GreaterThanOrEqualToThreshold", 1, 2, "notBreaching"),
            "InventoryStreamReaderStalled", new Alarm(OWN, "inventory.stalled.value", Map.of("part", "reader"), "Maximum",
                    "GreaterThanOrEqualToThreshold", 1, 2, "notBreaching"));

    private static Map<String, JsonNode> alarms() {
        Map<String, JsonNode> alarms = new java.util.TreeMap<>();
        TEMPLATE.path("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                alarms.put(e.getKey(), e.getValue());
            }
        });
        return alarms;
    }

    /** A Ref, GetAtt or literal as one comparable string. */
    private static String value(JsonNode v) {
        if (v.has("Ref")) {
            return "Ref " + v.path("Ref").asText();
        }
        if (v.has("Fn::GetAtt")) {
            return "GetAtt " + v.path("Fn::GetAtt").path(0).asText() + "." + v.path("Fn::GetAtt").path(1).asText();
        }
        return v.asText();
    }

    private static Map<String, String> dimensions(JsonNode list) {
        Map<String, String> dims = new java.util.TreeMap<>();
        list.forEach(d -> dims.put(d.path("Name").asText(), value(d.path("Value"))));
        return dims;
    }

    @Test
    void everyPrometheusAlertHasItsAlarmInCloudWatchNotifyingTheOptionalTopic() {
        assertThat(alarms().keySet()).as("one alarm per alert of " + PrometheusRulesTest.RULES)
                .containsExactlyInAnyOrderElementsOf(PrometheusRulesTest.alertNames());
        JsonNode topic = TEMPLATE.path("Parameters").path("AlarmTopicArn");
        assertThat(topic.path("Default").asText()).as("optional").isEmpty();
        assertThat(TEMPLATE.path("Conditions").path("HasAlarmTopic").toString())
                .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"AlarmTopicArn\"},\"\"]}]}");
        alarms().forEach((name, alarm) -> {
            JsonNode p = alarm.path("Properties");
            assertThat(p.path("AlarmName").path("Fn::Sub").asText()).isEqualTo("${AWS::StackName}-" + name);
            assertThat(p.path("AlarmDescription").asText()).as(name).isNotBlank();
            for (String actions : List.of("AlarmActions", "OKActions")) {
                assertThat(p.path(actions).toString()).as("%s %s", name, actions).isEqualTo(
                        "{\"Fn::If\":[\"HasAlarmTopic\",[{\"Ref\":\"AlarmTopicArn\"}],{\"Ref\":\"AWS::NoValue\"}]}");
            }
        });
        assertThat(alarms().get("InventoryDeadLetterQueueNotEmpty").has("Condition"))
                .as("the alert dead-letter queue exists in both modes").isFalse();
    }

    @Test
    void eachAlarmWatchesItsMetricWithItsThreshold() {
        ALARMS.forEach((name, expected) -> {
            JsonNode p = alarms().get(name).path("Properties");
            assertThat(value(p.path("Namespace"))).as("%s namespace", name).isEqualTo(expected.namespace());
            assertThat(p.path("MetricName").asText()).as("%s metric", name).isEqualTo(expected.metric());
            assertThat(dimensions(p.path("Dimensions"))).as("%s dimensions", name).isEqualTo(expected.dimensions());
            assertThat(p.path("Statistic").asText()).as("%s statistic", name).isEqualTo(expected.statistic());
            assertThat(p.path("ComparisonOperator").asText()).as("%s comparison", name).isEqualTo(expected.comparison());
            assertThat(p.path("Threshold").asDouble()).as("%s threshold", name).isEqualTo(expected.threshold());
            assertThat(p.path("EvaluationPeriods").asInt()).as("%s periods", name).isEqualTo(expected.periods());
            assertThat(p.path("TreatMissingData").asText()).as("%s missing data", name).isEqualTo(expected.missingData());
        });
        // the iterator age counts only in minutes with records read: metric math over two of the app's metrics
        JsonNode age = alarms().get("InventoryStreamIteratorAgeHigh").path("Properties");
        Map<String, JsonNode> queries = new java.util.HashMap<>();
        age.path("Metrics").forEach(m -> queries.put(m.path("Id").asText(), m));
        assertThat(queries.get("age").path("MetricStat").path("Metric").path("MetricName").asText())
                .isEqualTo("inventory.stream.iterator.age.value");
        assertThat(queries.get("age").path("MetricStat").path("Stat").asText()).isEqualTo("Maximum");
        assertThat(value(queries.get("age").path("MetricStat").path("Metric").path("Namespace"))).isEqualTo(OWN);
        assertThat(queries.get("reads").path("MetricStat").path("Metric").path("MetricName").asText())
                .isEqualTo("inventory.stream.records.read.count");
        assertThat(queries.get("reads").path("MetricStat").path("Stat").asText()).isEqualTo("Sum");
        assertThat(queries.get("ageWhileReading").path("Expression").asText()).isEqualTo("IF(reads > 0, age, 0)");
        assertThat(queries.values()).filteredOn(q -> q.path("ReturnData").asBoolean()).singleElement()
                .satisfies(q -> assertThat(q.path("Id").asText()).isEqualTo("ageWhileReading"));
        assertThat(age.path("Threshold").asDouble()).isEqualTo(60000);
        assertThat(DeployFiles.text(PrometheusRulesTest.RULES)).as("the same threshold in Prometheus")
                .contains("inventory_stream_iterator_age_milliseconds{job=\"inventory-pipeline\"}) > 60000");
        assertThat(age.path("EvaluationPeriods").asInt()).isEqualTo(5);
        assertThat(age.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");

        // dead-lettered alerts: one series per reason, summed
        JsonNode dead = alarms().get("InventoryAlertsDeadLettered").path("Properties");
        List<String> reasons = new ArrayList<>();
        dead.path("Metrics").forEach(m -> {
            if (m.has("MetricStat")) {
                assertThat(m.path("MetricStat").path("Metric").path("MetricName").asText())
                        .isEqualTo("inventory.alerts.dead.lettered.count");
                assertThat(value(m.path("MetricStat").path("Metric").path("Namespace"))).isEqualTo(OWN);
                assertThat(m.path("MetricStat").path("Stat").asText()).isEqualTo("Sum");
                reasons.addAll(dimensions(m.path("MetricStat").path("Metric").path("Dimensions")).values());
            } else {
                assertThat(m.path("Expression").asText()).isEqualTo("SUM([refused, tooOld, failed])");
                assertThat(m.path("ReturnData").asBoolean()).isTrue();
            }
        });
        assertThat(reasons).as("every reason the app counts").containsExactlyInAnyOrderElementsOf(
                inventory.PipelineMetrics.DEAD_LETTER_REASONS);
        assertThat(dead.path("Threshold").asDouble()).isZero();
        assertThat(dead.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");

        // the dead-letter queues: SQS's own depth of the alert one, and in events mode of the upload one, the fuller
        JsonNode queues = alarms().get("InventoryDeadLetterQueueNotEmpty").path("Properties");
        JsonNode alertsQueue = queues.path("Metrics").path(0);
        JsonNode uploadsQueue = queues.path("Metrics").path(1).path("Fn::If");
        assertThat(uploadsQueue.path(0).asText()).isEqualTo(EVENTS);
        assertThat(uploadsQueue.path(2).path("Ref").asText()).isEqualTo("AWS::NoValue");
        for (JsonNode q : List.of(alertsQueue, uploadsQueue.path(1))) {
            JsonNode stat = q.path("MetricStat");
            assertThat(stat.path("Metric").path("Namespace").asText()).isEqualTo("AWS/SQS");
            assertThat(stat.path("Metric").path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(stat.path("Stat").asText()).isEqualTo("Maximum");
        }
        assertThat(dimensions(alertsQueue.path("MetricStat").path("Metric").path("Dimensions")))
                .containsExactly(Map.entry("QueueName", "GetAtt AlertDeadLetterQueue.QueueName"));
        assertThat(dimensions(uploadsQueue.path(1).path("MetricStat").path("Metric").path("Dimensions")))
                .containsExactly(Map.entry("QueueName", "GetAtt " + DEAD_LETTER_QUEUE + ".QueueName"));
        assertThat(queues.path("Metrics").path(2).path("Expression").toString())
                .isEqualTo("{\"Fn::If\":[\"EventsTrigger\",\"MAX([alerts, uploads])\",\"alerts\"]}");
        assertThat(queues.path("Threshold").asDouble()).isZero();
        assertThat(queues.path("EvaluationPeriods").asInt()).as("10 minutes").isEqualTo(2);
        assertThat(queues.path("TreatMissingData").asText()).isEqualTo("notBreaching");
    }

    @Test
    void theAppIsToldWhereToPublishTheMetricsTheAlarmsRead() {
        assertThat(TEMPLATE.path("Parameters").path("MetricsNamespace").path("Default").asText()).isEqualTo("inventory-pipeline");
        assertThat(TEMPLATE.path("Outputs").path("AppEnvironment").path("Value").path("Fn::Sub").asText())
                .contains("INVENTORY_METRICS_CLOUDWATCH_NAMESPACE=${MetricsNamespace}");
        assertThat(TEMPLATE.path("Conditions").path(METRICS).toString()).contains("MetricsNamespace");
        assertThat(DeployFiles.applicationProperties()).contains("inventory.metrics.cloudwatch.namespace");
    }

    @Test
    void eventsOnlyResourcesAreReferredToOnlyInEventsMode() {
        Set<String> eventsOnly = new HashSet<>();
        TEMPLATE.path("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().path("Condition").asText().equals(EVENTS)) {
                eventsOnly.add(e.getKey());
            }
        });
        assertThat(eventsOnly).contains(QUEUE, DEAD_LETTER_QUEUE, QUEUE_POLICY);
        List<String> problems = new ArrayList<>();
        for (String section : List.of("Resources", "Outputs")) {
            TEMPLATE.path(section).fields().forEachRemaining(e -> {
                if (!e.getValue().path("Condition").asText().equals(EVENTS)) {
                    Set<String> names = new HashSet<>();
                    collectReferences(e.getValue(), names, true);
                    names.retainAll(eventsOnly);
                    names.forEach(n -> problems.add(section + "." + e.getKey() + " refers to " + n + " outside Fn::If " + EVENTS));
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyReferenceNamesAParameterResourceConditionOrPseudoParameter() {
        Set<String> names = new HashSet<>();
        TEMPLATE.path("Parameters").fieldNames().forEachRemaining(names::add);
        TEMPLATE.path("Resources").fieldNames().forEachRemaining(names::add);
        names.addAll(Set.of("AWS::Region", "AWS::AccountId", "AWS::Partition", "AWS::StackName", "AWS::NoValue",
                "AWS::URLSuffix", "AWS::StackId"));
        Set<String> conditions = new HashSet<>();
        TEMPLATE.path("Conditions").fieldNames().forEachRemaining(conditions::add);
        List<String> problems = new ArrayList<>();
        walk(TEMPLATE, names, conditions, problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void outputsGiveTheResourcesThePolicyAndTheAppEnvironment() {
        JsonNode outputs = TEMPLATE.path("Outputs");
        for (String o : List.of("BucketName", "TableName", "TopicArn", "PolicyArn", "AppEnvironment", "StateTableName")) {
            assertThat(outputs.has(o)).as("output %s", o).isTrue();
            assertThat(outputs.path(o).has("Condition")).as("output %s in both modes", o).isFalse();
        }
        for (String o : List.of("QueueName", "QueueUrl", "DeadLetterQueueName", "EventsEnvironment")) {
            assertThat(outputs.path(o).path("Condition").asText()).as("output %s in events mode", o).isEqualTo(EVENTS);
        }
        String env = outputs.path("AppEnvironment").path("Value").path("Fn::Sub").asText();
        List<String> variables = variables(env);
        assertThat(variables).contains("AWS_ENDPOINT", "AWS_REGION", "INVENTORY_PROVISION", "INVENTORY_BUCKET",
                "INVENTORY_TABLE", "INVENTORY_TOPIC", "INVENTORY_STATE_TABLE", "INVENTORY_IMPORT_TRIGGER");
        assertThat(DeployFiles.unknownAppSettings(variables, DeployFiles.applicationProperties())).isEmpty();
        assertThat(env).contains("AWS_ENDPOINT=aws").contains("INVENTORY_PROVISION=false")
                .contains("INVENTORY_TOPIC=${" + logicalId("AWS::SNS::Topic") + "}")
                .contains("INVENTORY_STATE_TABLE=${" + STATE_TABLE + "}")
                .contains("INVENTORY_IMPORT_TRIGGER=${ImportTrigger}");

        String events = outputs.path("EventsEnvironment").path("Value").path("Fn::Sub").asText();
        assertThat(variables(events)).containsExactlyInAnyOrder("INVENTORY_IMPORT_QUEUE", "INVENTORY_IMPORT_DEAD_LETTER_QUEUE",
                "INVENTORY_IMPORT_MAX_ATTEMPTS", "INVENTORY_IMPORT_VISIBILITY_TIMEOUT");
        assertThat(DeployFiles.unknownAppSettings(variables(events), DeployFiles.applicationProperties())).isEmpty();
        assertThat(events).contains("INVENTORY_IMPORT_QUEUE=${" + QUEUE + ".QueueName}")
                .contains("INVENTORY_IMPORT_DEAD_LETTER_QUEUE=${" + DEAD_LETTER_QUEUE + ".QueueName}")
                .contains("INVENTORY_IMPORT_MAX_ATTEMPTS=${MaxReceiveCount}");
    }

    private static List<String> variables(String env) {
        List<String> variables = new ArrayList<>();
        Matcher m = Pattern.compile("([A-Z][A-Z0-9_]*)=").matcher(env);
        while (m.find()) {
            variables.add(m.group(1));
        }
        return variables;
    }

    private static String appDefault(String property) {
        java.util.Properties p = new java.util.Properties();
        try {
            p.load(new java.io.StringReader(DeployFiles.text("src/main/resources/application.properties")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String v = p.getProperty(property);
        assertThat(v).as("application.properties has %s", property).isNotNull();
        return v.trim();
    }

    /** The policy's statements as they are in one mode: Fn::If on EventsTrigger resolved, AWS::NoValue dropped. */
    private static List<JsonNode> statements(String mode) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode s : resource("AWS::IAM::ManagedPolicy").path("Properties").path("PolicyDocument").path("Statement")) {
            JsonNode chosen = s;
            if (s.has("Fn::If") && s.path("Fn::If").path(0).asText().equals(METRICS)) {
                chosen = s.path("Fn::If").path(1); // the default MetricsNamespace is set
            } else if (s.has("Fn::If")) {
                assertThat(s.path("Fn::If").path(0).asText()).isEqualTo(EVENTS);
                chosen = s.path("Fn::If").path(mode.equals("events") ? 1 : 2);
            }
            if (!chosen.path("Ref").asText().equals("AWS::NoValue")) {
                out.add(chosen);
            }
        }
        return out;
    }

    private static Set<String> grantedActions(String mode) {
        Set<String> out = new TreeSet<>();
        statements(mode).forEach(s -> out.addAll(actions(s)));
        return out;
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The logical names a node refers to with Ref, Fn::GetAtt or Fn::Sub. */
    private static Set<String> referencedNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        collectReferences(node, names, false);
        return names;
    }

    /** Collects Ref/GetAtt/Sub names; with {@code skipEventsBranch} the true branch of Fn::If EventsTrigger is skipped. */
    private static void collectReferences(JsonNode node, Set<String> names, boolean skipEventsBranch) {
        if (node.isObject()) {
            var it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                JsonNode v = e.getValue();
                switch (e.getKey()) {
                    case "Ref" -> names.add(v.asText());
                    case "Fn::GetAtt" -> names.add(v.path(0).asText());
                    case "Fn::Sub" -> {
                        Matcher m = Pattern.compile("\\$\\{([^}!.]+)(\\.[^}]+)?}").matcher(v.isArray() ? v.path(0).asText() : v.asText());
                        while (m.find()) {
                            names.add(m.group(1));
                        }
                    }
                    default -> { }
                }
                if (e.getKey().equals("Fn::If") && skipEventsBranch && v.path(0).asText().equals(EVENTS)) {
                    collectReferences(v.path(2), names, true);
                } else {
                    collectReferences(v, names, skipEventsBranch);
                }
            }
        } else if (node.isArray()) {
            node.forEach(x -> collectReferences(x, names, skipEventsBranch));
        }
    }

    private static String logicalId(String type) {
        var it = TEMPLATE.path("Resources").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().path("Type").asText().equals(type)) {
                return e.getKey();
            }
        }
        throw new AssertionError("no " + type);
    }

    private static List<String> actions(JsonNode statement) {
        List<String> out = new ArrayList<>();
        JsonNode a = statement.path("Action");
        if (a.isArray()) {
            a.forEach(x -> out.add(x.asText()));
        } else {
            out.add(a.asText());
        }
        return out;
    }

    /** Each resource as "*", "Ref X", "GetAtt X.Attr" or "Sub text". */
    private static List<String> resources(JsonNode statement) {
        List<String> out = new ArrayList<>();
        JsonNode r = statement.path("Resource");
        List<JsonNode> items = new ArrayList<>();
        if (r.isArray()) {
            r.forEach(items::add);
        } else {
            items.add(r);
        }
        for (JsonNode x : items) {
            if (x.isTextual()) {
                out.add(x.asText());
            } else if (x.has("Ref")) {
                out.add("Ref " + x.path("Ref").asText());
            } else if (x.has("Fn::GetAtt")) {
                out.add("GetAtt " + x.path("Fn::GetAtt").path(0).asText() + "." + x.path("Fn::GetAtt").path(1).asText());
            } else if (x.has("Fn::Sub")) {
                out.add("Sub " + x.path("Fn::Sub").asText());
            } else {
                out.add(x.toString());
            }
        }
        return out;
    }

    private static void walk(JsonNode node, Set<String> names, Set<String> conditions, List<String> problems) {
        if (node.isObject()) {
            var it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                JsonNode v = e.getValue();
                switch (e.getKey()) {
                    case "Ref" -> check(v.asText(), names, problems, "Ref");
                    case "Fn::GetAtt" -> check(v.path(0).asText(), names, problems, "Fn::GetAtt");
                    case "Fn::Sub" -> {
                        Matcher m = Pattern.compile("\\$\\{([^}!.]+)(\\.[^}]+)?}").matcher(v.isArray() ? v.path(0).asText() : v.asText());
                        while (m.find()) {
                            check(m.group(1), names, problems, "Fn::Sub");
                        }
                    }
                    case "Fn::If" -> {
                        if (!conditions.contains(v.path(0).asText())) {
                            problems.add("Fn::If names unknown condition " + v.path(0).asText());
                        }
                    }
                    case "Condition" -> {
                        if (v.isTextual() && !conditions.contains(v.asText())) {
                            problems.add("Condition names unknown condition " + v.asText());
                        }
                    }
                    default -> { }
                }
                walk(v, names, conditions, problems);
            }
        } else if (node.isArray()) {
            node.forEach(x -> walk(x, names, conditions, problems));
        }
    }

    private static void check(String name, Set<String> names, List<String> problems, String where) {
        if (!names.contains(name)) {
            problems.add(where + " names unknown " + name);
        }
    }
}
