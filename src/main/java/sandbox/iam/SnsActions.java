package sandbox.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sandbox.core.Router;
import sandbox.core.SandboxRequest;

/**
 * SNS's actions ({@code sns:<Action>}) on the topic's ARN: CreateTopic on the ARN it would create, Publish on its
 * topic or target ({@code *} for a phone number), PublishBatch as {@code sns:Publish}; the list operations and
 * those on a subscription alone (Unsubscribe, Get/SetSubscriptionAttributes) on {@code *}, as the Service
 * Authorization Reference lists no resource type for them.
 */
final class SnsActions implements ServiceActions {

    private static final Set<String> ON_ANY_RESOURCE = Set.of("ListTopics", "ListSubscriptions", "Unsubscribe",
            "GetSubscriptionAttributes", "SetSubscriptionAttributes");

    private final Arns arns;

    SnsActions(Arns arns) {
        this.arns = arns;
    }

    @Override
    public List<AccessRequest> of(String operation, SandboxRequest request) {
        Map<String, String> p = parameters(request);
        String resource;
        if (ON_ANY_RESOURCE.contains(operation)) {
            resource = "*";
        } else if (operation.equals("CreateTopic")) {
            resource = p.containsKey("Name") ? arns.topic(p.get("Name")) : null;
        } else if (operation.equals("Publish") && p.get("TopicArn") == null && p.get("TargetArn") == null) {
            resource = p.get("PhoneNumber") == null ? null : "*";
        } else {
            resource = firstOf(p, "TopicArn", "TargetArn", "ResourceArn");
        }
        String action = "sns:" + (operation.equals("PublishBatch") ? "Publish" : operation);
        return resource == null || resource.isEmpty() ? List.of() : List.of(AccessRequest.of(action, resource));
    }

    /** Query string and form body together, as the service reads them. */
    private static Map<String, String> parameters(SandboxRequest request) {
        Map<String, String> all = new LinkedHashMap<>(request.query());
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            all.putAll(request.form(Router.FORM_LIMIT));
        }
        return all;
    }

    private static String firstOf(Map<String, String> p, String... names) {
        for (String n : names) {
            if (p.get(n) != null) {
                return p.get(n);
            }
        }
        return null;
    }
}
