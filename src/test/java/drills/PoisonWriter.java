package drills;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Another tool writing to the inventory table while the pipeline runs: items in every shape the alert route cannot
 * take as it takes its own (negative, fractional, exponent and huge quantities, a string or a list where the number
 * belongs, no quantity, extra attributes, an item near DynamoDB's 400 KB, control characters, deletes), one every
 * 250 ms, on a store of their own so the drill's model of the files' rows leaves them out.
 */
final class PoisonWriter {

    static final String STORE = "poison";
    private static final List<Map<String, AttributeValue>> SHAPES = List.of(
            Map.of("quantity", AttributeValue.fromN("-0.5")),
            Map.of("quantity", AttributeValue.fromN("-1")),
            Map.of("quantity", AttributeValue.fromN("0E+5")),
            Map.of("quantity", AttributeValue.fromN("1E+125")),
            Map.of("quantity", AttributeValue.fromN("-9.9999999999999999999999999999999999999E+125")),
            Map.of("quantity", AttributeValue.fromS("0")),
            Map.of("quantity", AttributeValue.fromL(List.of(AttributeValue.fromN("0")))),
            Map.of("note", AttributeValue.fromS("no quantity")),
            Map.of("quantity", AttributeValue.fromN("0"), "extra", AttributeValue.fromM(Map.of("a", AttributeValue.fromBool(true))),
                    "tags", AttributeValue.fromSs(List.of("x", "y"))),
            Map.of("quantity", AttributeValue.fromN("0"), "blob", AttributeValue.fromS("x".repeat(390_000))),
            Map.of("quantity", AttributeValue.fromN("0"), "updatedAt", AttributeValue.fromS("2026\n\u0000" + "z".repeat(5_000))));

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final AtomicInteger written = new AtomicInteger();
    private Thread thread;

    PoisonWriter(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    void start() {
        thread = new Thread(() -> {
            int n = 0;
            while (!Thread.currentThread().isInterrupted()) {
                write(n++);
                try {
                    Thread.sleep(250); // the scenario's pacing: another tool writing four records a second, not a wait for an outcome
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "poison-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** One shape a turn; every few turns one of the earlier items is deleted (a REMOVE record). */
    private void write(int n) {
        Map<String, AttributeValue> item = new HashMap<>(SHAPES.get(n % SHAPES.size()));
        item.put("store", AttributeValue.fromS(STORE));
        item.put("item", AttributeValue.fromS("p-" + n));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
        written.incrementAndGet();
        if (n % 5 == 4) {
            dynamoDb.deleteItem(b -> b.tableName(table).key(Map.of("store", AttributeValue.fromS(STORE),
                    "item", AttributeValue.fromS("p-" + (n - 3)))));
            written.incrementAndGet();
        }
    }

    void finish() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    int written() {
        return written.get();
    }
}
