package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Json;

/**
 * UpdateTimeToLive and DescribeTimeToLive. The setting takes effect at once (ENABLED / DISABLED, where AWS passes
 * through ENABLING / DISABLING for up to an hour) and is kept with the table's settings, journal included. Expired
 * items are not deleted: AWS deletes them lazily, typically within two days, and until then they are read like any
 * other item, which is what the sandbox always does.
 */
final class TimeToLiveOperations {

    private static final Logger LOG = LoggerFactory.getLogger(TimeToLiveOperations.class);

    private final TableCatalog catalog;

    TimeToLiveOperations(TableCatalog catalog) {
        this.catalog = catalog;
    }

    ObjectNode updateTimeToLive(Params p) {
        String name = tableName(p);
        JsonNode spec = p.required("TimeToLiveSpecification");
        if (!spec.hasNonNull("Enabled")) {
            throw Params.constraint("null", "timeToLiveSpecification.enabled", "Member must not be null");
        }
        String attribute = spec.path("AttributeName").isTextual() ? spec.get("AttributeName").asText() : null;
        if (attribute == null) {
            throw Params.constraint("null", "timeToLiveSpecification.attributeName", "Member must not be null");
        }
        if (attribute.isEmpty() || attribute.length() > 255) {
            throw Params.constraint("'" + attribute + "'", "timeToLiveSpecification.attributeName", attribute.isEmpty()
                    ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 255");
        }
        boolean enable = spec.get("Enabled").asBoolean();
        synchronized (catalog) {
            Table t = catalog.tableNamed(name);
            String current = t.settings().ttlAttribute();
            if (enable && current != null) {
                throw DynamoException.validation(current.equals(attribute) ? "TimeToLive is already enabled"
                        : "TimeToLive is active on a different AttributeName: current AttributeName is " + current);
            }
            if (!enable && current == null) {
                throw DynamoException.validation("TimeToLive is already disabled");
            }
            if (!enable && !current.equals(attribute)) {
                throw DynamoException.validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                        + current);
            }
            catalog.settings(t, t.settings().withTtl(enable ? attribute : null));
        }
        LOG.info("DynamoDB table {}: Time to Live {} on {}", name, enable ? "enabled" : "disabled", attribute);
        ObjectNode out = Json.object();
        out.putObject("TimeToLiveSpecification").put("Enabled", enable).put("AttributeName", attribute);
        return out;
    }

    ObjectNode describeTimeToLive(Params p) {
        String current = catalog.tableNamed(tableName(p)).settings().ttlAttribute();
        ObjectNode out = Json.object();
        ObjectNode d = out.putObject("TimeToLiveDescription");
        if (current == null) {
            d.put("TimeToLiveStatus", "DISABLED");
        } else {
            d.put("TimeToLiveStatus", "ENABLED").put("AttributeName", current);
        }
        return out;
    }

    /** TableName may be the table's ARN ({@code arn:aws:dynamodb:<region>:<account>:table/<name>}). */
    private static String tableName(Params p) {
        String given = p.string("TableName");
        int at = given == null ? -1 : given.indexOf(":table/");
        return given != null && given.startsWith("arn:") && at > 0
                ? Params.tableName(given.substring(at + ":table/".length()), "tableName") : p.tableName();
    }
}
