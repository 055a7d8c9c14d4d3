package deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * deploy/aws/template.yaml as CloudFormation would deploy it with these parameters, in one region and account:
 * conditions evaluated, and {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}, {@code Fn::If} and {@code AWS::NoValue}
 * resolved to the names and ARNs its resources would get. For tests that run the app against what the template
 * says (the runtime policy above all), never against a copy of it. An intrinsic it does not know fails loudly.
 */
public final class CloudFormationStack {

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");
    /** What Fn::If and Fn::Sub give for a value CloudFormation leaves out. */
    private static final JsonNode NO_VALUE = null;

    private final JsonNode template;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final String region;
    private final String account;
    private final String queueEndpoint;

    /**
     * @param parameters    overrides of the template's parameter defaults (e.g. ImportTrigger, BucketName)
     * @param queueEndpoint where a queue's URL (its Ref) points, e.g. the sandbox's endpoint
     */
    public CloudFormationStack(Map<String, String> parameters, String region, String account, String queueEndpoint) {
        this.template = DeployFiles.yaml("deploy/aws/template.yaml");
        template.path("Parameters").fields().forEachRemaining(p -> this.parameters.put(p.getKey(),
                p.getValue().path("Default").asText("")));
        parameters.forEach((k, v) -> {
            if (!this.parameters.containsKey(k)) {
                throw new IllegalArgumentException("the template has no parameter " + k);
            }
            this.parameters.put(k, v);
        });
        this.region = region;
        this.account = account;
        this.queueEndpoint = queueEndpoint;
    }

    /** The PolicyDocument of the stack's AWS::IAM::ManagedPolicy {@code PipelinePolicy}, resolved. */
    public ObjectNode pipelinePolicy() {
        return (ObjectNode) resolve(resource("PipelinePolicy").path("Properties").path("PolicyDocument"));
    }

    /** The logical ids of the resources this stack creates (their Condition holds), in template order. */
    public Iterable<String> resources() {
        List<String> ids = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(r -> {
            if (!r.getValue().has("Condition") || condition(r.getValue().path("Condition").asText())) {
                ids.add(r.getKey());
            }
        });
        return ids;
    }

    public String type(String logicalId) {
        return resource(logicalId).path("Type").asText();
    }

    /** A resource's Properties, resolved. */
    public JsonNode properties(String logicalId) {
        JsonNode p = resolve(resource(logicalId).path("Properties"));
        return p == null ? JsonNodeFactory.instance.objectNode() : p;
    }

    /**
     * The app's configuration as the stack's outputs give it ({@code AppEnvironment}, and {@code EventsEnvironment}
     * when it exists): property -> value, the environment variables mapped to the properties they override.
     */
    public Map<String, String> appProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> properties = DeployFiles.applicationProperties();
        for (String output : List.of("AppEnvironment", "EventsEnvironment")) {
            JsonNode o = template.path("Outputs").path(output);
            if (o.isMissingNode() || o.has("Condition") && !condition(o.path("Condition").asText())) {
                continue;
            }
            for (String pair : resolve(o.path("Value")).asText().trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                String property = DeployFiles.propertyOf(pair.substring(0, eq), properties);
                if (property == null) {
                    throw new IllegalStateException(output + " sets " + pair + ", which is no property of the app");
                }
                out.put(property, pair.substring(eq + 1));
            }
        }
        return out;
    }

    public boolean condition(String name) {
        JsonNode c = template.path("Conditions").path(name);
        if (c.isMissingNode()) {
            throw new IllegalArgumentException("no condition " + name);
        }
        return truth(c);
    }

    /** The node with every intrinsic function resolved; null where it resolves to AWS::NoValue. */
    public JsonNode resolve(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> {
                JsonNode r = resolve(n);
                if (r != NO_VALUE) {
                    out.add(r);
                }
            });
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            String fn = node.fieldNames().next();
            JsonNode arg = node.get(fn);
            switch (fn) {
                case "Ref" -> {
                    return ref(arg.asText());
                }
                case "Fn::GetAtt" -> {
                    return TextNode.valueOf(attribute(arg.path(0).asText(), arg.path(1).asText()));
                }
                case "Fn::Sub" -> {
                    return TextNode.valueOf(sub(arg.isArray() ? arg.path(0).asText() : arg.asText()));
                }
                case "Fn::If" -> {
                    return resolve(arg.path(condition(arg.path(0).asText()) ? 1 : 2));
                }
                default -> {
                    if (fn.startsWith("Fn::")) {
                        throw new IllegalStateException("intrinsic function " + fn + " is not resolved here");
                    }
                }
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = resolve(e.getValue());
            if (r != NO_VALUE) {
                out.set(e.getKey(), r);
            }
        }
        return out;
    }

    private JsonNode resource(String logicalId) {
        JsonNode r = template.path("Resources").path(logicalId);
        if (r.isMissingNode()) {
            throw new IllegalArgumentException("no resource " + logicalId);
        }
        if (r.has("Condition") && !condition(r.path("Condition").asText())) {
            throw new IllegalStateException(logicalId + " does not exist in this stack (condition "
                    + r.path("Condition").asText() + " is false)");
        }
        return r;
    }

    private boolean truth(JsonNode c) {
        if (c.has("Fn::Equals")) {
            return resolve(c.get("Fn::Equals").get(0)).asText().equals(resolve(c.get("Fn::Equals").get(1)).asText());
        }
        if (c.has("Fn::Not")) {
            return !truth(c.get("Fn::Not").get(0));
        }
        if (c.has("Fn::And")) {
            boolean all = true;
            for (JsonNode x : c.get("Fn::And")) {
                all &= truth(x);
            }
            return all;
        }
        if (c.has("Fn::Or")) {
            boolean any = false;
            for (JsonNode x : c.get("Fn::Or")) {
                any |= truth(x);
            }
            return any;
        }
        if (c.has("Condition")) {
            return condition(c.get("Condition").asText());
        }
        throw new IllegalStateException("condition " + c + " is not evaluated here");
    }

    private JsonNode ref(String name) {
        switch (name) {
            case "AWS::NoValue":
                return NO_VALUE;
            case "AWS::Region":
                return TextNode.valueOf(region);
            case "AWS::AccountId":
                return TextNode.valueOf(account);
            case "AWS::Partition":
                return TextNode.valueOf("aws");
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return TextNode.valueOf(parameters.get(name));
        }
        return TextNode.valueOf(switch (type(name)) {
            case "AWS::SNS::Topic" -> attribute(name, "Arn");
            case "AWS::SQS::Queue" -> queueEndpoint + "/" + account + "/" + physicalName(name);
            case "AWS::S3::Bucket", "AWS::DynamoDB::Table" -> physicalName(name);
            default -> name + "-" + account; // a policy's or a handle's id: no call of the app names it
        });
    }

    private String attribute(String logicalId, String attribute) {
        String name = physicalName(logicalId);
        return switch (type(logicalId) + "." + attribute) {
            case "AWS::S3::Bucket.Arn" -> "arn:aws:s3:::" + name;
            case "AWS::DynamoDB::Table.Arn" -> "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
            case "AWS::SNS::Topic.Arn" -> "arn:aws:sns:" + region + ":" + account + ":" + name;
            case "AWS::SNS::Topic.TopicName", "AWS::SQS::Queue.QueueName" -> name;
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + region + ":" + account + ":" + name;
            default -> throw new IllegalStateException("Fn::GetAtt " + logicalId + "." + attribute
                    + " is not resolved here");
        };
    }

    /** The name a resource gets: its name property; CloudFormation would generate one where it is left out. */
    public String physicalName(String logicalId) {
        String property = switch (type(logicalId)) {
            case "AWS::S3::Bucket" -> "BucketName";
            case "AWS::DynamoDB::Table" -> "TableName";
            case "AWS::SNS::Topic" -> "TopicName";
            case "AWS::SQS::Queue" -> "QueueName";
            default -> throw new IllegalStateException(logicalId + " has no name here");
        };
        JsonNode value = resolve(resource(logicalId).path("Properties").path(property));
        if (value == NO_VALUE || value.isMissingNode() || value.asText().isEmpty()) {
            throw new IllegalStateException(logicalId + "'s " + property + " is generated by CloudFormation: give it "
                    + "as a parameter");
        }
        return value.asText();
    }

    private String sub(String text) {
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String expr = m.group(1);
            int dot = expr.indexOf('.');
            String value = dot < 0 || expr.startsWith("AWS::") ? ref(expr).asText()
                    : attribute(expr.substring(0, dot), expr.substring(dot + 1));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
