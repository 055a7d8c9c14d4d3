package inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import inventory.InventorySettings.ImportWrite;
import inventory.imports.PartiqlBatchWrites.Step;
import inventory.table.WriteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sandbox.SandboxTestSupport;
import sandbox.WholeStream;
import sandbox.core.Faults;
import sandbox.core.Json;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementError;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The batch write strategy against the sandbox over HTTP with a second client for the other writers: each row ends as
 * one conditional PutItem would end it, whichever statement goes first, under races with a second client, with
 * per-statement throttling and refusals.
 */
class PartiqlBatchWritesTest extends SandboxTestSupport {

    private static final String SOURCE = "s3://bucket/incoming/f.csv";
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbClient other;
    private static DynamoDbStreamsClient streams;

    private final String table = "pbw-" + TABLES.incrementAndGet();
    private String streamArn;
    private final List<SdkRequest> sent = new ArrayList<>();
    /** Runs once, before the first request it matches, on the writer's client: another writer's move. */
    private volatile Interference interference;

    private record Interference(java.util.function.Predicate<SdkRequest> before, Runnable move, AtomicBoolean done) {
    }

    @BeforeAll
    static void clients() {
        other = dynamodb();
        streams = streams();
    }

    @AfterAll
    static void closeClients() {
        other.close();
        streams.close();
    }

    @BeforeEach
    void createTable() {
        streamArn = other.createTable(b -> b.tableName(table)
                .keySchema(k -> k.attributeName("store").keyType(KeyType.HASH), k -> k.attributeName("item").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("store").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("item").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    /** The writer's own client, watched: every request it sends is recorded, and {@link #interference} may act first. */
    private DynamoDbClient writerClient() {
        ExecutionInterceptor watch = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                synchronized (sent) {
                    sent.add(context.request());
                }
                Interference i = interference;
                if (i != null && i.before().test(context.request()) && i.done().compareAndSet(false, true)) {
                    i.move().run();
                }
            }
        };
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials())
                .overrideConfiguration(o -> o.addExecutionInterceptor(watch)).build();
    }

    private PartiqlBatchWrites writes(Step first, List<String> extras) {
        return new PartiqlBatchWrites(writerClient(),
                PartiqlRowStatements.forColumns(table, extras, SOURCE).orElseThrow(), choice(first));
    }

    /** A choice that has learned to go {@code first}. */
    static FirstStatementChoice choice(Step first) {
        FirstStatementChoice c = new FirstStatementChoice();
        RowOutcome seen = RowOutcome.of(first == Step.INSERT ? WriteResult.INSERTED : WriteResult.UPDATED);
        for (int i = 0; i < 10; i++) {
            c.observe(new RowOutcome[] {seen});
        }
        assertThat(c.first()).isEqualTo(first);
        return c;
    }

    private static InventoryRow row(String item, long quantity, String at) {
        return new InventoryRow(2, "s1", item, quantity, Instant.parse(at), Map.of());
    }

    private void seed(String item, long quantity, String updatedAt) {
        Map<String, AttributeValue> it = new HashMap<>(Map.of("store", AttributeValue.fromS("s1"),
                "item", AttributeValue.fromS(item), "quantity", AttributeValue.fromN(Long.toString(quantity))));
        if (updatedAt != null) {
            it.put("updatedAt", AttributeValue.fromS(updatedAt));
        }
        other.putItem(b -> b.tableName(table).item(it));
    }

    private Map<String, AttributeValue> stored(String item) {
        return other.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("store", AttributeValue.fromS("s1"), "item", AttributeValue.fromS(item)))).item();
    }

    private List<Record> records() {
        return WholeStream.records(streams, streamArn);
    }

    private long sentOf(Class<?> type) {
        synchronized (sent) {
            return sent.stream().filter(type::isInstance).count();
        }
    }

    private static List<WriteResult> results(List<RowOutcome> outcomes) {
        return outcomes.stream().map(RowOutcome::result).toList();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void eachRowEndsAsOneConditionalPutWouldEndIt(Step first) {
        seed("older", 1, "2026-11-24T09:00:00.000Z");
        seed("equal", 1, "2026-11-24T10:00:00.000Z");
        seed("newer", 1, "2026-11-24T11:00:00.000Z");
        seed("unstamped", 1, null);
        int seeded = records().size();
        String at = "2026-11-24T10:00:00Z";

        List<RowOutcome> outcomes = writes(first, List.of()).write(List.of(row("new", 5, at), row("older", 5, at),
                row("equal", 5, at), row("newer", 5, at), row("unstamped", 5, at)));

        assertThat(results(outcomes)).containsExactly(WriteResult.INSERTED, WriteResult.UPDATED,
                WriteResult.STALE, WriteResult.STALE, WriteResult.UPDATED);
        for (String written : List.of("new", "older", "unstamped")) {
            assertThat(stored(written)).containsEntry("quantity", AttributeValue.fromN("5"))
                    .containsEntry("updatedAt", AttributeValue.fromS("2026-11-24T10:00:00.000Z"))
                    .containsEntry("source", AttributeValue.fromS(SOURCE));
        }
        assertThat(stored("equal")).containsEntry("quantity", AttributeValue.fromN("1")).doesNotContainKey("source");
        assertThat(stored("newer")).containsEntry("updatedAt", AttributeValue.fromS("2026-11-24T11:00:00.000Z"));
        // a stream record for each real change, none for the stale rows
        List<Record> written = records().subList(seeded, records().size());
        assertThat(written).extracting(r -> r.eventName() + " " + r.dynamodb().keys().get("item").s())
                .containsExactlyInAnyOrder("INSERT new", "MODIFY older", "MODIFY unstamped");
        // one request for the rows whose first statement was right, one more for the others
        assertThat(sentOf(BatchExecuteStatementRequest.class)).isEqualTo(2);
        assertThat(sentOf(ExecuteStatementRequest.class)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aRowDynamoDbRefusesIsRejectedWithTheReasonAPutItemGets(Step first) {
        InventoryRow tooBig = new InventoryRow(3, "s1", "big", 1, Instant.parse("2026-11-24T10:00:00Z"),
                Map.of("note", "x".repeat(410 * 1024)));
        InventoryRow fine = new InventoryRow(4, "s1", "fine", 1, Instant.parse("2026-11-24T10:00:00Z"), Map.of("note", "ok"));

        List<RowOutcome> outcomes = writes(first, List.of("note")).write(List.of(tooBig, fine));
        RowOutcome byPut = new PutItemWrites(new ConditionalPut(other, table), SOURCE).write(List.of(tooBig)).get(0);

        assertThat(outcomes.get(0).result()).isNull();
        assertThat(outcomes.get(0).rejection()).startsWith("DynamoDB refused the row: ").isEqualTo(byPut.rejection());
        assertThat(outcomes.get(1).result()).isEqualTo(WriteResult.INSERTED);
        assertThat(stored("big")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aThrottledStatementIsRetriedAloneAndWrittenOnce(Step first) throws Exception {
        seed("existing", 1, "2026-11-24T09:00:00.000Z");
        int seeded = records().size();
        Faults.Rule rule = sandbox.faults().add(Json.MAPPER.readTree("{\"service\":\"dynamodb\","
                + "\"operation\":\"BatchExecuteStatement.Statement\",\"status\":400,\"code\":\"ThrottlingError\",\"count\":1}"));
        List<InventoryRow> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(row("sku-" + i, i, "2026-11-24T10:00:00Z"));
        }
        rows.add(row("existing", 9, "2026-11-24T10:00:00Z"));

        List<RowOutcome> outcomes = writes(first, List.of()).write(rows);

        assertThat(rule.fired().get()).isEqualTo(1);
        assertThat(results(outcomes)).containsExactly(WriteResult.INSERTED, WriteResult.INSERTED,
                WriteResult.INSERTED, WriteResult.INSERTED, WriteResult.INSERTED,
                WriteResult.UPDATED);
        // the throttled statement went alone, once; no batch was sent again whole
        assertThat(sentOf(ExecuteStatementRequest.class)).isEqualTo(1);
        assertThat(sentOf(BatchExecuteStatementRequest.class)).isEqualTo(2);
        List<Record> written = records().subList(seeded, records().size());
        assertThat(written).extracting(r -> r.eventName() + " " + r.dynamodb().keys().get("item").s())
                .containsExactlyInAnyOrder("INSERT sku-0", "INSERT sku-1", "INSERT sku-2", "INSERT sku-3", "INSERT sku-4",
                        "MODIFY existing");
    }

    @Test
    void anotherWriterInsertingAnOlderItemBetweenUpdateAndInsertIsUpdated() {
        interference = new Interference(PartiqlBatchWritesTest::insertBatch,
                () -> seed("raced", 1, "2026-11-24T09:00:00.000Z"), new AtomicBoolean());

        List<RowOutcome> outcomes = writes(Step.UPDATE, List.of()).write(List.of(row("raced", 5, "2026-11-24T10:00:00Z")));

        assertThat(interference.done()).isTrue();
        assertThat(results(outcomes)).containsExactly(WriteResult.UPDATED);
        assertThat(stored("raced")).containsEntry("quantity", AttributeValue.fromN("5"));
        assertThat(records()).extracting(Record::eventNameAsString).containsExactly("INSERT", "MODIFY");
    }

    @Test
    void anotherWriterInsertingANewerItemBetweenUpdateAndInsertMakesTheRowStale() {
        interference = new Interference(PartiqlBatchWritesTest::insertBatch,
                () -> seed("raced", 1, "2026-11-24T11:00:00.000Z"), new AtomicBoolean());

        List<RowOutcome> outcomes = writes(Step.UPDATE, List.of()).write(List.of(row("raced", 5, "2026-11-24T10:00:00Z")));

        assertThat(results(outcomes)).containsExactly(WriteResult.STALE);
        assertThat(stored("raced")).containsEntry("quantity", AttributeValue.fromN("1"));
        assertThat(records()).extracting(Record::eventNameAsString).containsExactly("INSERT");
    }

    @Test
    void anotherWriterDeletingTheItemBetweenInsertAndUpdateLeadsToAnInsert() {
        seed("raced", 1, "2026-11-24T09:00:00.000Z");
        interference = new Interference(r -> r instanceof BatchExecuteStatementRequest b
                && b.statements().get(0).statement().startsWith("UPDATE"),
                () -> other.deleteItem(b -> b.tableName(table).key(Map.of("store", AttributeValue.fromS("s1"),
                        "item", AttributeValue.fromS("raced")))), new AtomicBoolean());

        List<RowOutcome> outcomes = writes(Step.INSERT, List.of()).write(List.of(row("raced", 5, "2026-11-24T10:00:00Z")));

        // INSERT: duplicate; UPDATE: no item (deleted meanwhile); confirmed alone; INSERT again
        assertThat(results(outcomes)).containsExactly(WriteResult.INSERTED);
        assertThat(sentOf(ExecuteStatementRequest.class)).isEqualTo(1);
        assertThat(stored("raced")).containsEntry("quantity", AttributeValue.fromN("5"));
        assertThat(records()).extracting(Record::eventNameAsString).containsExactly("INSERT", "REMOVE", "INSERT");
    }

    private static boolean insertBatch(SdkRequest r) {
        return r instanceof BatchExecuteStatementRequest b && b.statements().get(0).statement().startsWith("INSERT");
    }

    @Test
    void namesWithQuotesAreWrittenAsTheyAreOrTheFileUsesPutItem() {
        List<String> extras = List.of("it's", "a b", "select", "ü.x");
        Map<String, String> values = new LinkedHashMap<>();
        extras.forEach(n -> values.put(n, "v " + n));
        InventoryRow r = new InventoryRow(2, "s1", "odd", 1, Instant.parse("2026-11-24T10:00:00Z"), values);
        writes(Step.INSERT, extras).write(List.of(r));
        writes(Step.UPDATE, extras).write(List.of(new InventoryRow(3, "s1", "odd", 2, Instant.parse("2026-11-24T11:00:00Z"), values)));
        Map<String, AttributeValue> item = stored("odd");
        extras.forEach(n -> assertThat(item).containsEntry(n, AttributeValue.fromS("v " + n)));
        assertThat(item).containsEntry("quantity", AttributeValue.fromN("2"));

        // AWS documents no escape for a double quote inside a quoted name: such a file is written with PutItem
        assertThat(PartiqlRowStatements.forColumns(table, List.of("say \"hi\""), SOURCE)).isEmpty();
        TableWrites tableWrites = new TableWrites(other, table, ImportWrite.BATCH);
        assertThat(tableWrites.forFile(List.of("say \"hi\""), SOURCE)).isInstanceOf(PutItemWrites.class);
        assertThat(tableWrites.forFile(extras, SOURCE)).isInstanceOf(PartiqlBatchWrites.class);
        assertThat(new TableWrites(other, table, ImportWrite.PUT).forFile(extras, SOURCE)).isInstanceOf(PutItemWrites.class);
    }

    @Test
    void aStatementLongerThanPartiqlAllowsMakesTheFileUsePutItem() {
        List<String> extras = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            extras.add("column-" + i);
        }
        assertThat(PartiqlRowStatements.forColumns(table, extras, SOURCE)).isEmpty();
        assertThat(PartiqlRowStatements.forColumns(table, extras.subList(0, 100), SOURCE)).isPresent();
    }

    @Test
    void theOutcomeTableReadsEachReply() {
        BatchStatementError staleItem = BatchStatementError.builder().code("ConditionalCheckFailed")
                .item(Map.of("store", AttributeValue.fromS("s1"))).build();
        BatchStatementError noItem = BatchStatementError.builder().code("ConditionalCheckFailed").build();
        assertThat(PartiqlBatchWrites.after(Step.UPDATE, staleItem, false, true).outcome().result())
                .isEqualTo(WriteResult.STALE);
        assertThat(PartiqlBatchWrites.after(Step.UPDATE, noItem, false, true).next()).isEqualTo(Step.INSERT);
        // the item was seen to exist, and a batch reply may lack it: ask alone before concluding "missing"
        assertThat(PartiqlBatchWrites.after(Step.UPDATE, noItem, true, true).alone()).isTrue();
        assertThat(PartiqlBatchWrites.after(Step.UPDATE, noItem, true, false).next()).isEqualTo(Step.INSERT);
        assertThat(PartiqlBatchWrites.after(Step.INSERT, BatchStatementError.builder().code("DuplicateItem").build(), false, true)
                .next()).isEqualTo(Step.UPDATE);
        for (String code : PartiqlBatchWrites.TRANSIENT) {
            var v = PartiqlBatchWrites.after(Step.INSERT, BatchStatementError.builder().code(code).build(), false, true);
            assertThat(v.alone()).as(code).isTrue();
            assertThat(v.next()).isEqualTo(Step.INSERT);
        }
        assertThat(PartiqlBatchWrites.after(Step.INSERT,
                BatchStatementError.builder().code("ValidationError").message("too big").build(), false, true).outcome().rejection())
                .isEqualTo("DynamoDB refused the row: too big");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PartiqlBatchWrites.after(Step.UPDATE,
                BatchStatementError.builder().code("ResourceNotFound").message("no table").build(), false, true))
                .hasMessageContaining("ResourceNotFound");
    }
}
