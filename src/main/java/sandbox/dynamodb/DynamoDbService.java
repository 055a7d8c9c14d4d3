package sandbox.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sandbox.core.AwsService;
import sandbox.core.Faults;
import sandbox.core.Json;
import sandbox.core.JsonProtocol;
import sandbox.core.SandboxContext;
import sandbox.core.SandboxRequest;
import sandbox.core.SandboxResponse;
import sandbox.streams.TableChangeSink;

/**
 * The sandbox's DynamoDB (awsJson 1.0, {@code X-Amz-Target: DynamoDB_20120810.<Op>}): tables, items,
 * expressions and the legacy condition parameters, with AWS's error codes and messages. Every write that
 * really changes an item is handed to the Streams side while the item's lock is held.
 */
public final class DynamoDbService implements AwsService {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbService.class);
    /** DynamoDB requests are at most 16 MB (BatchWriteItem: 25 items of 400 KB plus overhead). */
    static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private final TableCatalog catalog;
    private final ItemOperations items;
    private final QueryScan reads;
    private final BatchOperations batches;
    private final TransactionOperations transactions;
    private final PartiqlOperations partiql;
    private final TimeToLiveOperations timeToLive;

    /** @param faults for per-statement faults inside a batch (whole-request faults are the Router's) */
    public DynamoDbService(SandboxContext ctx, TableChangeSink streams, Faults faults) {
        this.catalog = new TableCatalog(streams, ctx.clock(), ctx.region(), ctx.account(),
                ctx.dataDir("dynamodb").orElse(null));
        ItemLocks locks = new ItemLocks();
        this.items = new ItemOperations(catalog, locks);
        this.reads = new QueryScan(catalog);
        this.batches = new BatchOperations(catalog, items);
        this.transactions = new TransactionOperations(catalog, locks, ctx.clock());
        this.partiql = new PartiqlOperations(new StatementExecutor(catalog, items), faults);
        this.timeToLive = new TimeToLiveOperations(catalog);
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public String operation(SandboxRequest request) {
        return JsonProtocol.operation(request);
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, String operation) {
        JsonNode body;
        try {
            byte[] bytes = request.bodyBytes(MAX_REQUEST_BYTES);
            body = bytes.length == 0 ? Json.object() : Json.parse(bytes);
        } catch (Json.TooDeepException e) {
            // only attribute values nest this deep in a DynamoDB request
            DynamoException tooDeep = AttributeValues.tooDeep();
            return error(400, tooDeep.code(), tooDeep.getMessage());
        } catch (IllegalArgumentException e) {
            return error(400, "SerializationException", "Start of structure or map found where not expected.");
        }
        if (!body.isObject()) {
            return error(400, "SerializationException", "Start of structure or map found where not expected.");
        }
        Params p = new Params(body);
        try {
            ObjectNode result = switch (operation) {
                case "CreateTable" -> catalog.createTable(p);
                case "DescribeTable" -> catalog.describeTable(p);
                case "ListTables" -> catalog.listTables(p);
                case "DeleteTable" -> catalog.deleteTable(p);
                case "UpdateTable" -> catalog.updateTable(p);
                case "UpdateTimeToLive" -> timeToLive.updateTimeToLive(p);
                case "DescribeTimeToLive" -> timeToLive.describeTimeToLive(p);
                case "PutItem" -> items.putItem(p);
                case "GetItem" -> items.getItem(p);
                case "UpdateItem" -> items.updateItem(p);
                case "DeleteItem" -> items.deleteItem(p);
                case "Query" -> reads.query(p);
                case "Scan" -> reads.scan(p);
                case "BatchWriteItem" -> batches.batchWriteItem(p);
                case "BatchGetItem" -> batches.batchGetItem(p);
                case "TransactWriteItems" -> transactions.transactWriteItems(p, body);
                case "TransactGetItems" -> transactions.transactGetItems(p);
                case "ExecuteStatement" -> partiql.executeStatement(p);
                case "BatchExecuteStatement" -> partiql.batchExecuteStatement(p);
                default -> throw new DynamoException("UnknownOperationException",
                        "Unknown operation " + request.header("X-Amz-Target"));
            };
            return JsonProtocol.ok(result);
        } catch (DynamoException e) {
            LOG.debug("DynamoDB {} -> {}: {}", operation, e.code(), e.getMessage());
            return JsonProtocol.error(e.status(), e.code(), e.getMessage(), e.extra());
        }
    }

    @Override
    public SandboxResponse error(int status, String code, String message) {
        return JsonProtocol.error(status, code, message);
    }

    @Override
    public void close() {
        catalog.close();
    }
}
