package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.Journal;
import sandbox.core.Json;
import sandbox.streams.TableChangeSink;

/**
 * The tables of the sandbox's DynamoDB: CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable,
 * and where every committed item change goes (journal, then stream). With a data folder, the journal is
 * replayed and compacted at start-up and streams of persisted tables are enabled again.
 */
final class TableCatalog implements Table.ChangeListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableCatalog.class);
    private static final List<String> VIEW_TYPES = List.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");

    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final TableChangeSink sink;
    private final Clock clock;
    private final String region;
    private final String account;
    private final Journal journal;

    TableCatalog(TableChangeSink sink, Clock clock, String region, String account, Path dataDir) {
        this.sink = sink;
        this.clock = clock;
        this.region = region;
        this.account = account;
        this.journal = dataDir == null ? null : Journal.open(dataDir.resolve("dynamodb.journal"));
        if (journal != null) {
            restore();
        }
    }

    // ---- lookups

    /** The table, or ResourceNotFoundException {@code Requested resource not found}. */
    Table table(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw DynamoException.notFound();
        }
        return t;
    }

    private Table tableForDescribe(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw new DynamoException("ResourceNotFoundException",
                    "Requested resource not found: Table: " + name + " not found");
        }
        return t;
    }

    // ---- operations

    synchronized ObjectNode createTable(Params p) {
        String name = p.tableName();
        JsonNode keySchema = p.required("KeySchema");
        JsonNode defs = p.required("AttributeDefinitions");
        TableSchema schema = schema(keySchema, defs);
        if (p.has("LocalSecondaryIndexes") || p.has("GlobalSecondaryIndexes")) {
            throw DynamoException.validation("One or more parameter values were invalid: secondary indexes "
                    + "(LocalSecondaryIndexes, GlobalSecondaryIndexes) are not supported by this sandbox");
        }
        String billing = p.oneOf("BillingMode", "PROVISIONED", List.of("PROVISIONED", "PAY_PER_REQUEST"));
        long rcu = 0;
        long wcu = 0;
        JsonNode throughput = p.get("ProvisionedThroughput");
        if (billing.equals("PROVISIONED")) {
            if (throughput == null || !throughput.hasNonNull("ReadCapacityUnits") || !throughput.hasNonNull("WriteCapacityUnits")) {
                throw DynamoException.validation("One or more parameter values were invalid: ReadCapacityUnits and "
                        + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
            }
            rcu = capacity(throughput, "ReadCapacityUnits");
            wcu = capacity(throughput, "WriteCapacityUnits");
        } else if (throughput != null) {
            throw DynamoException.validation("One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                    + "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        StreamSpec stream = streamSpec(p.get("StreamSpecification"));
        if (tables.containsKey(name)) {
            throw new DynamoException("ResourceInUseException", "Table already exists: " + name);
        }
        Table t = new Table(name, UUID.randomUUID().toString(), schema, clock.instant(),
                new Table.Settings(billing, rcu, wcu, stream.enabled(), stream.enabled() ? stream.viewType() : null, null));
        log(Json.object().put("op", "table").setAll(t.toJson()));
        tables.put(name, t);
        if (stream.enabled()) {
            t.stream(sink.enableStream(name, stream.viewType(), schema.keySchemaJson(), t.created()));
        }
        LOG.info("DynamoDB table {} created (key {}{}{})", name, schema.hashName(),
                schema.hasRange() ? ", " + schema.rangeName() : "",
                stream.enabled() ? ", stream " + stream.viewType() : "");
        return Json.object().set("TableDescription", describe(t, "ACTIVE"));
    }

    private static long capacity(JsonNode throughput, String field) {
        long v = throughput.get(field).asLong();
        if (v < 1) {
            throw Params.constraint("'" + v + "'", "provisionedThroughput." + Character.toLowerCase(field.charAt(0))
                    + field.substring(1), "Member must have value greater than or equal to 1");
        }
        return v;
    }

    private record StreamSpec(boolean enabled, String viewType, boolean given) {
    }

    private static StreamSpec streamSpec(JsonNode spec) {
        if (spec == null || spec.isNull()) {
            return new StreamSpec(false, null, false);
        }
        if (!spec.hasNonNull("StreamEnabled")) {
            throw Params.constraint("null", "streamSpecification.streamEnabled", "Member must not be null");
        }
        boolean enabled = spec.get("StreamEnabled").asBoolean();
        String view = spec.hasNonNull("StreamViewType") ? spec.get("StreamViewType").asText() : null;
        if (view != null && !VIEW_TYPES.contains(view)) {
            throw Params.constraint("'" + view + "'", "streamSpecification.streamViewType",
                    "Member must satisfy enum value set: [" + String.join(", ", VIEW_TYPES) + "]");
        }
        if (enabled && view == null) {
            throw DynamoException.validation("One or more parameter values were invalid: "
                    + "You must specify a StreamViewType when enabling a stream");
        }
        if (!enabled && view != null) {
            throw DynamoException.validation("One or more parameter values were invalid: "
                    + "You cannot specify a StreamViewType when disabling a stream");
        }
        return new StreamSpec(enabled, view, true);
    }

    private static TableSchema schema(JsonNode keySchema, JsonNode defs) {
        if (!keySchema.isArray() || keySchema.isEmpty()) {
            throw Params.constraint("[]", "keySchema", "Member must have length greater than or equal to 1");
        }
        if (keySchema.size() > 2) {
            throw Params.constraint(keySchema.toString(), "keySchema", "Member must have length less than or equal to 2");
        }
        Map<String, String> types = new HashMap<>();
        for (int i = 0; defs.isArray() && i < defs.size(); i++) {
            JsonNode d = defs.get(i);
            String type = d.path("AttributeType").asText(null);
            if (type == null || !List.of("B", "N", "S").contains(type)) {
                throw Params.constraint(type == null ? "null" : "'" + type + "'",
                        "attributeDefinitions." + (i + 1) + ".member.attributeType", "Member must satisfy enum value set: [B, N, S]");
            }
            types.put(d.path("AttributeName").asText(), type);
        }
        String hash = keySchema.get(0).path("AttributeName").asText();
        if (!"HASH".equals(keySchema.get(0).path("KeyType").asText())) {
            throw DynamoException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        String range = null;
        if (keySchema.size() == 2) {
            range = keySchema.get(1).path("AttributeName").asText();
            if (!"RANGE".equals(keySchema.get(1).path("KeyType").asText())) {
                throw DynamoException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
            }
            if (range.equals(hash)) {
                throw DynamoException.validation(
                        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
            }
        }
        List<String> keys = range == null ? List.of(hash) : List.of(hash, range);
        if (!types.keySet().containsAll(keys)) {
            throw DynamoException.validation("One or more parameter values were invalid: Some index key attributes are "
                    + "not defined in AttributeDefinitions. Keys: " + keys + ", AttributeDefinitions: " + types.keySet());
        }
        if (types.size() != keys.size()) {
            throw DynamoException.validation("One or more parameter values were invalid: Number of attributes in "
                    + "KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        return new TableSchema(hash, types.get(hash), range, range == null ? null : types.get(range));
    }

    ObjectNode describeTable(Params p) {
        String name = p.tableName();
        return Json.object().set("Table", describe(tableForDescribe(name), "ACTIVE"));
    }

    ObjectNode listTables(Params p) {
        Integer limit = p.integer("Limit", 1, 100);
        int max = limit == null ? 100 : limit;
        String start = p.string("ExclusiveStartTableName");
        List<String> names = tables.keySet().stream().sorted()
                .filter(n -> start == null || n.compareTo(start) > 0).toList();
        ObjectNode out = Json.object();
        ArrayNode a = out.putArray("TableNames");
        names.stream().limit(max).forEach(a::add);
        if (names.size() > max) {
            out.put("LastEvaluatedTableName", names.get(max - 1));
        }
        return out;
    }

    synchronized ObjectNode deleteTable(Params p) {
        String name = p.tableName();
        Table t = tableForDescribe(name);
        tables.remove(name);
        log(Json.object().put("op", "drop").put("name", name).put("id", t.id()));
        ObjectNode description = describe(t, "DELETING");
        if (t.stream() != null) {
            sink.disableStream(name);
        }
        LOG.info("DynamoDB table {} deleted ({} items)", name, t.itemCount());
        return Json.object().set("TableDescription", description);
    }

    synchronized ObjectNode updateTable(Params p) {
        String name = p.tableName();
        Table t = tableForDescribe(name);
        Table.Settings s = t.settings();
        String billing = p.oneOf("BillingMode", s.billingMode(), List.of("PROVISIONED", "PAY_PER_REQUEST"));
        long rcu = s.readCapacity();
        long wcu = s.writeCapacity();
        JsonNode throughput = p.get("ProvisionedThroughput");
        if (throughput != null) {
            if (billing.equals("PAY_PER_REQUEST")) {
                throw DynamoException.validation("One or more parameter values were invalid: Neither ReadCapacityUnits "
                        + "nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
            }
            rcu = capacity(throughput, "ReadCapacityUnits");
            wcu = capacity(throughput, "WriteCapacityUnits");
        } else if (billing.equals("PROVISIONED") && s.billingMode().equals("PAY_PER_REQUEST")) {
            throw DynamoException.validation("One or more parameter values were invalid: ReadCapacityUnits and "
                    + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        } else if (billing.equals("PAY_PER_REQUEST")) {
            rcu = 0;
            wcu = 0;
        }
        StreamSpec stream = streamSpec(p.get("StreamSpecification"));
        boolean enabled = s.streamEnabled();
        String view = s.streamViewType();
        if (stream.given()) {
            if (stream.enabled() && s.streamEnabled()) {
                throw DynamoException.validation("Table already has an enabled stream: TableName: " + name);
            }
            if (!stream.enabled() && !s.streamEnabled()) {
                throw DynamoException.validation("Table already has no enabled stream: TableName: " + name);
            }
            enabled = stream.enabled();
            view = stream.enabled() ? stream.viewType() : null;
        }
        if (p.has("GlobalSecondaryIndexUpdates")) {
            throw DynamoException.validation("One or more parameter values were invalid: secondary indexes are not "
                    + "supported by this sandbox");
        }
        t.settings(new Table.Settings(billing, rcu, wcu, enabled, view, s.ttlAttribute()));
        log(Json.object().put("op", "table").setAll(t.toJson()));
        if (stream.given()) {
            if (enabled) {
                t.stream(sink.enableStream(name, view, t.schema().keySchemaJson(), clock.instant()));
                LOG.info("DynamoDB table {}: stream {} enabled", name, view);
            } else {
                sink.disableStream(name);
                t.stream(null);
                LOG.info("DynamoDB table {}: stream disabled", name);
            }
        }
        return Json.object().set("TableDescription", describe(t, "ACTIVE"));
    }

    /** Changes a table's settings that create nothing (e.g. Time to Live) and journals them. */
    synchronized void settings(Table t, Table.Settings settings) {
        t.settings(settings);
        log(Json.object().put("op", "table").setAll(t.toJson()));
    }

    /** The table, or ResourceNotFoundException naming it (as DescribeTable's). */
    Table tableNamed(String name) {
        return tableForDescribe(name);
    }

    private ObjectNode describe(Table t, String status) {
        Table.Settings s = t.settings();
        ObjectNode d = Json.object();
        d.set("AttributeDefinitions", t.schema().attributeDefinitionsJson());
        d.put("TableName", t.name());
        d.set("KeySchema", t.schema().keySchemaJson());
        d.put("TableStatus", status);
        d.put("CreationDateTime", epochSeconds(t.created().toEpochMilli()));
        d.putObject("ProvisionedThroughput").put("NumberOfDecreasesToday", 0)
                .put("ReadCapacityUnits", s.readCapacity()).put("WriteCapacityUnits", s.writeCapacity());
        d.put("TableSizeBytes", t.sizeBytes());
        d.put("ItemCount", t.itemCount());
        d.put("TableArn", arn(t.name()));
        d.put("TableId", t.id());
        ObjectNode billing = d.putObject("BillingModeSummary").put("BillingMode", s.billingMode());
        if (s.billingMode().equals("PAY_PER_REQUEST")) {
            billing.put("LastUpdateToPayPerRequestDateTime", epochSeconds(t.created().toEpochMilli()));
        }
        TableChangeSink.StreamInfo stream = t.stream();
        if (s.streamEnabled() && stream != null) {
            d.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", s.streamViewType());
            d.put("LatestStreamLabel", stream.streamLabel());
            d.put("LatestStreamArn", stream.streamArn());
        }
        d.put("DeletionProtectionEnabled", false);
        return d;
    }

    String arn(String table) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table;
    }

    private static BigDecimal epochSeconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    // ---- change log

    @Override
    public void committed(Table table, ItemKey key, StoredItem before, StoredItem after) {
        if (journal != null) {
            if (after != null) {
                journal.append(Json.object().put("op", "put").put("t", table.id()).putPOJO("item", after.packed()));
            } else {
                journal.append(Json.object().put("op", "del").put("t", table.id())
                        .set("key", table.schema().keyNode(key)));
            }
        }
        if (table.stream() != null) {
            sink.onChange(table.name(), table.schema().keyNode(key), before == null ? null : before.packed(),
                    after == null ? null : after.packed());
        }
    }

    private void log(ObjectNode entry) {
        if (journal != null) {
            journal.append(entry);
        }
    }

    private void restore() {
        Map<String, Table> byId = new HashMap<>();
        for (JsonNode e : journal.replay()) {
            String op = e.path("op").asText();
            try {
                switch (op) {
                    case "table" -> {
                        Table t = byId.get(e.path("id").asText());
                        if (t != null) {
                            t.settings(Table.fromJson((ObjectNode) e).settings());
                        } else {
                            t = Table.fromJson((ObjectNode) e);
                            byId.put(t.id(), t);
                            tables.put(t.name(), t);
                        }
                    }
                    case "drop" -> {
                        Table t = byId.remove(e.path("id").asText());
                        if (t != null) {
                            tables.remove(t.name(), t);
                        }
                    }
                    case "put" -> {
                        Table t = byId.get(e.path("t").asText());
                        if (t != null) {
                            ObjectNode item = (ObjectNode) e.get("item");
                            t.restore(t.schema().keyOfItem(item), StoredItem.of(item));
                        }
                    }
                    case "del" -> {
                        Table t = byId.get(e.path("t").asText());
                        if (t != null) {
                            t.restoreRemove(t.schema().keyOf(e.get("key")));
                        }
                    }
                    default -> LOG.warn("Skipping unknown DynamoDB journal entry {}", op);
                }
            } catch (RuntimeException ex) {
                LOG.warn("Skipping unreadable DynamoDB journal entry {}: {}", op, ex.getMessage());
            }
        }
        journal.rewrite(compacted());
        long items = 0;
        for (Table t : tables.values()) {
            items += t.itemCount();
            Table.Settings s = t.settings();
            if (s.streamEnabled()) {
                t.stream(sink.enableStream(t.name(), s.streamViewType(), t.schema().keySchemaJson(), t.created()));
            }
        }
        LOG.info("DynamoDB state restored from {}: {} tables, {} items", journal.file(), tables.size(), items);
    }

    private Iterator<JsonNode> compacted() {
        List<Table> all = new ArrayList<>(tables.values());
        Stream<JsonNode> defs = all.stream().map(t -> Json.object().put("op", "table").setAll(t.toJson()));
        Stream<JsonNode> puts = all.stream().flatMap(t -> t.items().values().stream()
                .map(i -> (JsonNode) Json.object().put("op", "put").put("t", t.id()).putPOJO("item", i.packed())));
        return Stream.concat(defs, puts).iterator();
    }

    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
