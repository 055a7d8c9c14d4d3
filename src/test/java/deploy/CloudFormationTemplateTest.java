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
 * that grants exactly the calls the app makes on real AWS with provisioning off.
 */
class CloudFormationTemplateTest {

    /** The app's AWS calls with inventory.provision=false (deploy/aws/README.md says where each comes from). */
    private static final Set<String> APP_ACTIONS = Set.of(
            "s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
            "dynamodb:DescribeTable", "dynamodb:PutItem", "dynamodb:ListStreams",
            "dynamodb:DescribeStream", "dynamodb:GetShardIterator", "dynamodb:GetRecords",
            "sns:Publish", "sns:GetTopicAttributes");

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

    @Test
    void tableHasTheKeysStreamBillingAndRecoveryTheAppChecks() {
        JsonNode table = resource("AWS::DynamoDB::Table").path("Properties");
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
    void policyGrantsExactlyTheCallsTheAppMakes() {
        JsonNode statements = resource("AWS::IAM::ManagedPolicy").path("Properties").path("PolicyDocument").path("Statement");
        List<String> granted = new ArrayList<>();
        for (JsonNode s : statements) {
            assertThat(s.path("Effect").asText()).isEqualTo("Allow");
            actions(s).forEach(granted::add);
        }
        assertThat(granted).as("no action granted twice").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(granted)).isEqualTo(new TreeSet<>(APP_ACTIONS));
    }

    @Test
    void policyScopesEveryActionToItsResource() {
        JsonNode statements = resource("AWS::IAM::ManagedPolicy").path("Properties").path("PolicyDocument").path("Statement");
        String bucket = logicalId("AWS::S3::Bucket");
        String table = logicalId("AWS::DynamoDB::Table");
        String topic = logicalId("AWS::SNS::Topic");
        for (JsonNode s : statements) {
            List<String> acts = actions(s);
            List<String> resources = resources(s);
            if (acts.equals(List.of("dynamodb:ListStreams"))) {
                assertThat(resources).as("ListStreams cannot be scoped").containsExactly("*");
                continue;
            }
            assertThat(resources).as("%s scoped", acts).isNotEmpty().doesNotContain("*");
            for (String a : acts) {
                switch (a) {
                    case "s3:ListBucket" -> assertThat(resources).containsExactly("GetAtt " + bucket + ".Arn");
                    case "s3:GetObject", "s3:PutObject", "s3:DeleteObject" ->
                            assertThat(resources).containsExactly("Sub ${" + bucket + ".Arn}/*");
                    case "dynamodb:DescribeTable", "dynamodb:PutItem" ->
                            assertThat(resources).containsExactly("GetAtt " + table + ".Arn");
                    case "dynamodb:DescribeStream", "dynamodb:GetShardIterator", "dynamodb:GetRecords" ->
                            assertThat(resources).containsExactly("Sub ${" + table + ".Arn}/stream/*");
                    case "sns:Publish", "sns:GetTopicAttributes" -> assertThat(resources).containsExactly("Ref " + topic);
                    default -> throw new AssertionError("unexpected action " + a);
                }
            }
        }
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
        for (String o : List.of("BucketName", "TableName", "TopicArn", "PolicyArn", "AppEnvironment")) {
            assertThat(outputs.has(o)).as("output %s", o).isTrue();
        }
        String env = outputs.path("AppEnvironment").path("Value").path("Fn::Sub").asText();
        List<String> variables = new ArrayList<>();
        Matcher m = Pattern.compile("([A-Z][A-Z0-9_]*)=").matcher(env);
        while (m.find()) {
            variables.add(m.group(1));
        }
        assertThat(variables).contains("AWS_ENDPOINT", "AWS_REGION", "INVENTORY_PROVISION", "INVENTORY_BUCKET",
                "INVENTORY_TABLE", "INVENTORY_TOPIC");
        assertThat(DeployFiles.unknownAppSettings(variables, DeployFiles.applicationProperties())).isEmpty();
        assertThat(env).contains("AWS_ENDPOINT=aws").contains("INVENTORY_PROVISION=false")
                .contains("INVENTORY_TOPIC=${" + logicalId("AWS::SNS::Topic") + "}");
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
