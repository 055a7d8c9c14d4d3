package sandbox.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import sandbox.core.Json;

/**
 * An IAM identity-based policy document ({@code {"Version":"2012-10-17","Statement":[...]}}) and AWS's evaluation of
 * it for one caller: an explicit Deny wins, then an Allow is needed, else the implicit deny. A statement whose
 * conditions the sandbox cannot evaluate fails closed: as an Allow it never applies, as a Deny it always does.
 */
public final class IdentityPolicy {

    private static final Set<String> STATEMENT_ELEMENTS = Set.of("Sid", "Effect", "Action", "NotAction", "Resource",
            "NotResource", "Condition");

    private final List<PolicyStatement> statements;
    private final JsonNode document;

    private IdentityPolicy(List<PolicyStatement> statements, JsonNode document) {
        this.statements = List.copyOf(statements);
        this.document = document;
    }

    /** Reads a policy file. @throws IllegalArgumentException saying what is wrong with it */
    public static IdentityPolicy read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e);
        }
    }

    /** @throws IllegalArgumentException naming the statement and element that is not a valid identity policy */
    public static IdentityPolicy parse(String json) {
        JsonNode doc;
        try {
            doc = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JSON policy document: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("a policy document is a JSON object with a Statement");
        }
        String version = doc.path("Version").asText("2012-10-17");
        if (!version.equals("2012-10-17") && !version.equals("2008-10-17")) {
            throw new IllegalArgumentException("Version must be 2012-10-17 or 2008-10-17, was " + version);
        }
        JsonNode raw = doc.get("Statement");
        if (raw == null || !(raw.isObject() || raw.isArray()) || raw.isEmpty()) {
            throw new IllegalArgumentException("the policy has no Statement");
        }
        List<PolicyStatement> statements = new ArrayList<>();
        for (JsonNode s : raw.isArray() ? raw : List.of(raw)) {
            statements.add(statement(s, statements.size()));
        }
        return new IdentityPolicy(statements, doc);
    }

    /** The document as loaded (for {@code GET /_sandbox/iam/policy}). */
    public JsonNode document() {
        return document;
    }

    /** Each statement that cannot be fully evaluated, with why (logged when the policy is loaded). */
    public List<String> unevaluatedConditions() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            PolicyStatement s = statements.get(i);
            for (String why : s.unevaluated()) {
                out.add(s.name(i) + " (" + (s.allow() ? "Allow" : "Deny") + "): " + why);
            }
        }
        return out;
    }

    Decision evaluate(AccessRequest request) {
        boolean allowed = false;
        List<String> unevaluated = new ArrayList<>();
        boolean denied = false;
        for (int i = 0; i < statements.size(); i++) {
            PolicyStatement s = statements.get(i);
            Optional<Boolean> covers = s.covers(request);
            if (covers.isEmpty()) {
                String name = s.name(i);
                s.unevaluated().forEach(why -> unevaluated.add(name + ": " + why));
            }
            if (s.allow()) {
                allowed |= covers.orElse(false);
            } else {
                denied |= covers.orElse(true);
            }
        }
        Decision.Outcome outcome = denied ? Decision.Outcome.EXPLICIT_DENY
                : allowed ? Decision.Outcome.ALLOWED : Decision.Outcome.IMPLICIT_DENY;
        return new Decision(outcome, unevaluated);
    }

    private static PolicyStatement statement(JsonNode s, int index) {
        String where = "statement " + (index + 1) + (s.hasNonNull("Sid") ? " (" + s.get("Sid").asText() + ")" : "");
        if (!s.isObject()) {
            throw new IllegalArgumentException(where + " is not a JSON object");
        }
        for (Iterator<String> names = s.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STATEMENT_ELEMENTS.contains(name)) {
                throw new IllegalArgumentException(where + ": " + name + " is not an element of an identity-based "
                        + "policy statement" + (name.contains("Principal") ? " (principals belong in resource policies)" : ""));
            }
        }
        String effect = s.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException(where + ": Effect must be Allow or Deny, was '" + effect + "'");
        }
        boolean notAction = exactlyOne(s, "Action", "NotAction", where);
        boolean notResource = exactlyOne(s, "Resource", "NotResource", where);
        List<String> actions = strings(s.get(notAction ? "NotAction" : "Action"), where);
        for (String a : actions) {
            if (!a.equals("*") && !a.matches("[A-Za-z0-9-]+:[A-Za-z0-9*?]+")) {
                throw new IllegalArgumentException(where + ": '" + a + "' is not an action (service:Action, "
                        + "wildcards * and ?)");
            }
        }
        List<String> resources = strings(s.get(notResource ? "NotResource" : "Resource"), where);
        for (String r : resources) {
            if (!r.equals("*") && !r.startsWith("arn:")) {
                throw new IllegalArgumentException(where + ": resource '" + r + "' is neither * nor an ARN");
            }
        }
        return new PolicyStatement(s.hasNonNull("Sid") ? s.get("Sid").asText() : null, effect.equals("Allow"),
                actions, notAction, resources, notResource, conditions(s.get("Condition"), where));
    }

    /** True when the Not form is the one given; exactly one of the two must be. */
    private static boolean exactlyOne(JsonNode s, String plain, String not, String where) {
        if (s.has(plain) == s.has(not)) {
            throw new IllegalArgumentException(where + " needs exactly one of " + plain + " and " + not);
        }
        return s.has(not);
    }

    private static List<PolicyCondition> conditions(JsonNode block, String where) {
        List<PolicyCondition> out = new ArrayList<>();
        if (block == null) {
            return out;
        }
        if (!block.isObject()) {
            throw new IllegalArgumentException(where + ": Condition must be an object of operators");
        }
        for (Iterator<Map.Entry<String, JsonNode>> ops = block.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw new IllegalArgumentException(where + ": condition " + op.getKey() + " must map keys to values");
            }
            op.getValue().fields().forEachRemaining(k -> out.add(
                    PolicyCondition.of(op.getKey(), k.getKey(), strings(k.getValue(), where))));
        }
        return out;
    }

    /** A string or a non-empty list of strings (numbers and booleans read as their text). */
    private static List<String> strings(JsonNode node, String where) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(scalar(n, where)));
        } else if (node != null) {
            out.add(scalar(node, where));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(where + ": an empty list");
        }
        return out;
    }

    private static String scalar(JsonNode n, String where) {
        if (!n.isValueNode() || n.isNull()) {
            throw new IllegalArgumentException(where + ": " + n + " is not a string");
        }
        String text = n.asText();
        if (text.contains("${")) {
            // an unresolved variable would be compared as text: refuse it rather than guess
            throw new IllegalArgumentException(where + ": '" + text + "' uses a policy variable, which the sandbox "
                    + "does not resolve");
        }
        return text;
    }
}
