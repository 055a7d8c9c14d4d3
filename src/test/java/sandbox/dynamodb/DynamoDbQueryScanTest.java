package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sandbox.dynamodb.DynamoDbItemsTest.n;
import static sandbox.dynamodb.DynamoDbItemsTest.s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sandbox.SandboxTestSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

class DynamoDbQueryScanTest extends SandboxTestSupport {

    private static DynamoDbClient ddb;

    @BeforeAll
    static void data() {
        ddb = dynamodb();
        ddb.createTable(DynamoDbTablesTest.table("events", true).build());
        // partition "p1": sort keys -5, 0.5, 1, 2, 10, 100 (numeric order, not text order)
        for (String sk : new String[] {"10", "2", "-5", "100", "0.5", "1"}) {
            ddb.putItem(r -> r.tableName("events").item(Map.of("pk", s("p1"), "sk", n(sk), "even",
                    AttributeValue.fromBool(new java.math.BigDecimal(sk).remainder(java.math.BigDecimal.valueOf(2)).signum() == 0))));
        }
        ddb.putItem(r -> r.tableName("events").item(Map.of("pk", s("p2"), "sk", n("1"))));
        ddb.createTable(DynamoDbTablesTest.table("names", false).keySchema(DynamoDbTablesTest.key("pk", "HASH"),
                        DynamoDbTablesTest.key("name", "RANGE"))
                .attributeDefinitions(DynamoDbTablesTest.def("pk", software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S),
                        DynamoDbTablesTest.def("name", software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S)).build());
        for (String name : new String[] {"apple", "apricot", "banana", "Avocado", "ap", "b"}) {
            ddb.putItem(r -> r.tableName("names").item(Map.of("pk", s("fruit"), "name", s(name))));
        }
        ddb.createTable(DynamoDbTablesTest.table("many", false).build());
        for (int i = 0; i < 50; i++) {
            String id = "item-" + i;
            ddb.putItem(r -> r.tableName("many").item(Map.of("id", s(id))));
        }
    }

    private static List<String> sortKeys(QueryResponse r) {
        return r.items().stream().map(i -> i.get("sk").n()).toList();
    }

    private static QueryResponse query(String keyCondition, Map<String, AttributeValue> values) {
        return ddb.query(r -> r.tableName("events").keyConditionExpression(keyCondition).expressionAttributeValues(values));
    }

    @Test
    void queryReturnsOnePartitionInSortKeyOrder() {
        QueryResponse r = query("pk = :p", Map.of(":p", s("p1")));
        assertThat(sortKeys(r)).containsExactly("-5", "0.5", "1", "2", "10", "100");
        assertThat(r.count()).isEqualTo(6);
        assertThat(r.scannedCount()).isEqualTo(6);
        assertThat(r.lastEvaluatedKey()).isEmpty();
        QueryResponse back = ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p1"))).scanIndexForward(false));
        assertThat(sortKeys(back)).containsExactly("100", "10", "2", "1", "0.5", "-5");
    }

    @Test
    void sortKeyConditionsSelectRanges() {
        assertThat(sortKeys(query("pk = :p AND sk < :v", Map.of(":p", s("p1"), ":v", n("1"))))).containsExactly("-5", "0.5");
        assertThat(sortKeys(query("pk = :p AND sk <= :v", Map.of(":p", s("p1"), ":v", n("1"))))).containsExactly("-5", "0.5", "1");
        assertThat(sortKeys(query("pk = :p AND sk > :v", Map.of(":p", s("p1"), ":v", n("2"))))).containsExactly("10", "100");
        assertThat(sortKeys(query("pk = :p AND sk >= :v", Map.of(":p", s("p1"), ":v", n("2"))))).containsExactly("2", "10", "100");
        assertThat(sortKeys(query("sk = :v AND pk = :p", Map.of(":p", s("p1"), ":v", n("1.0"))))).containsExactly("1");
        assertThat(sortKeys(query("pk = :p AND sk BETWEEN :a AND :b", Map.of(":p", s("p1"), ":a", n("0"), ":b", n("10")))))
                .containsExactly("0.5", "1", "2", "10");
        assertThat(sortKeys(query(":v < sk AND pk = :p", Map.of(":p", s("p1"), ":v", n("10"))))).containsExactly("100");
    }

    @Test
    void beginsWithComparesBytesInBothDirections() {
        java.util.function.Function<Boolean, List<String>> q = forward -> ddb.query(r -> r.tableName("names")
                        .keyConditionExpression("pk = :p AND begins_with(#n, :x)").scanIndexForward(forward)
                        .expressionAttributeNames(Map.of("#n", "name"))
                        .expressionAttributeValues(Map.of(":p", s("fruit"), ":x", s("ap"))))
                .items().stream().map(i -> i.get("name").s()).toList();
        assertThat(q.apply(true)).containsExactly("ap", "apple", "apricot");
        assertThat(q.apply(false)).containsExactly("apricot", "apple", "ap");
        assertThat(ddb.query(r -> r.tableName("names").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("fruit")))).items().get(0).get("name").s()).isEqualTo("Avocado");
    }

    @Test
    void limitPagesWithLastEvaluatedKey() {
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p").limit(4)
                    .expressionAttributeValues(Map.of(":p", s("p1"))).exclusiveStartKey(from));
            seen.addAll(sortKeys(r));
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            pages++;
        } while (start != null);
        assertThat(seen).containsExactly("-5", "0.5", "1", "2", "10", "100");
        assertThat(pages).isEqualTo(2);
        QueryResponse exact = ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p").limit(1)
                .expressionAttributeValues(Map.of(":p", s("p2"))));
        assertThat(exact.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("p2"), "sk", n("1")));
        QueryResponse backwards = ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p").limit(2)
                .scanIndexForward(false).exclusiveStartKey(Map.of("pk", s("p1"), "sk", n("10")))
                .expressionAttributeValues(Map.of(":p", s("p1"))));
        assertThat(sortKeys(backwards)).containsExactly("2", "1");
    }

    @Test
    void filterCountsMatchesAndScannedItemsApart() {
        QueryResponse r = ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p")
                .filterExpression("even = :t").expressionAttributeValues(Map.of(":p", s("p1"), ":t", AttributeValue.fromBool(true))));
        assertThat(sortKeys(r)).containsExactly("2", "10", "100");
        assertThat(r.count()).isEqualTo(3);
        assertThat(r.scannedCount()).isEqualTo(6);
        QueryResponse count = ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p").select(Select.COUNT)
                .expressionAttributeValues(Map.of(":p", s("p1"))));
        assertThat(count.hasItems()).isFalse();
        assertThat(count.count()).isEqualTo(6);
        QueryResponse projected = ddb.query(b -> b.tableName("events").keyConditionExpression("pk = :p")
                .projectionExpression("sk").expressionAttributeValues(Map.of(":p", s("p2"))));
        assertThat(projected.items()).containsExactly(Map.of("sk", n("1")));
    }

    @Test
    void legacyKeyConditionsAndQueryFilterWork() {
        QueryResponse r = ddb.query(b -> b.tableName("events").keyConditions(Map.of(
                        "pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("p1")).build(),
                        "sk", Condition.builder().comparisonOperator(ComparisonOperator.GT).attributeValueList(n("1")).build()))
                .queryFilter(Map.of("even", Condition.builder().comparisonOperator(ComparisonOperator.EQ)
                        .attributeValueList(AttributeValue.fromBool(true)).build())));
        assertThat(sortKeys(r)).containsExactly("2", "10", "100");
    }

    @Test
    void badKeyConditionsAreRefused() {
        assertThatThrownBy(() -> query("sk = :v", Map.of(":v", n("1"))))
                .hasMessageStartingWith("Query condition missed key schema element: pk");
        assertThatThrownBy(() -> query("pk = :p OR sk = :v", Map.of(":p", s("p1"), ":v", n("1"))))
                .hasMessageStartingWith("Invalid operator used in KeyConditionExpression: OR");
        assertThatThrownBy(() -> query("pk = :p AND sk = :v", Map.of(":p", s("p1"), ":v", s("1"))))
                .hasMessageStartingWith("One or more parameter values were invalid: Condition parameter type does not "
                        + "match schema type");
        assertThatThrownBy(() -> query("pk < :p", Map.of(":p", s("p1"))))
                .hasMessageStartingWith("Query key condition not supported");
        assertThatThrownBy(() -> query("pk = :p AND sk > :a AND sk < :b", Map.of(":p", s("p1"), ":a", n("1"), ":b", n("2"))))
                .hasMessageStartingWith("Conditions can be of length 1 or 2 only");
        assertThatThrownBy(() -> query("pk = :p AND :a BETWEEN sk AND :b", Map.of(":p", s("p1"), ":a", n("1"), ":b", n("2"))))
                .hasMessageStartingWith("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
                        + "attribute as its first operand");
        assertThatThrownBy(() -> query("pk = :p AND contains(sk, :a)", Map.of(":p", s("p1"), ":a", n("1"))))
                .hasMessageStartingWith("Invalid operator used in KeyConditionExpression: contains");
        assertThatThrownBy(() -> query("pk = :p AND size(sk) > :a", Map.of(":p", s("p1"), ":a", n("1"))))
                .hasMessageStartingWith("KeyConditionExpressions cannot contain nested operations");
        assertThatThrownBy(() -> query("pk = :p AND pk = :p", Map.of(":p", s("p1"))))
                .hasMessageStartingWith("KeyConditionExpressions must only contain one condition per key");
        assertThatThrownBy(() -> ddb.query(b -> b.tableName("events")))
                .hasMessageStartingWith("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        assertThatThrownBy(() -> ddb.query(b -> b.tableName("events").indexName("byOther").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p1")))))
                .hasMessageStartingWith("The table does not have the specified index: byOther");
    }

    @Test
    void scanReadsEverythingAndPages() {
        Set<String> ids = new HashSet<>();
        ddb.scanPaginator(b -> b.tableName("many").limit(7)).items().forEach(i -> ids.add(i.get("id").s()));
        assertThat(ids).hasSize(50);
        ScanResponse filtered = ddb.scan(b -> b.tableName("many").filterExpression("begins_with(id, :p)")
                .expressionAttributeValues(Map.of(":p", s("item-1"))));
        assertThat(filtered.count()).isEqualTo(11);
        assertThat(filtered.scannedCount()).isEqualTo(50);
        assertThat(ddb.scan(b -> b.tableName("many").select(Select.COUNT)).count()).isEqualTo(50);
        assertThat(ddb.scan(b -> b.tableName("events").scanFilter(Map.of("sk", Condition.builder()
                .comparisonOperator(ComparisonOperator.BETWEEN).attributeValueList(n("1"), n("2")).build()))).count())
                .isEqualTo(3);
    }

    @Test
    void scanSegmentsPartitionTheTable() {
        Set<String> all = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 4; segment++) {
            int seg = segment;
            List<String> part = new ArrayList<>();
            ddb.scanPaginator(b -> b.tableName("many").segment(seg).totalSegments(4).limit(5)).items()
                    .forEach(i -> part.add(i.get("id").s()));
            assertThat(part).isNotEmpty();
            total += part.size();
            all.addAll(part);
        }
        assertThat(total).isEqualTo(50);
        assertThat(all).hasSize(50);
        assertThatThrownBy(() -> ddb.scan(b -> b.tableName("many").segment(4).totalSegments(4)))
                .hasMessageStartingWith("The Segment parameter is zero-based and must be less than parameter "
                        + "TotalSegments: Segment: 4 is not less than TotalSegments: 4");
        assertThatThrownBy(() -> ddb.scan(b -> b.tableName("many").segment(1)))
                .hasMessageStartingWith("The TotalSegments parameter is required but was not present in the request "
                        + "when Segment parameter is present");
    }

    @Test
    void pagesStopAtOneMegabyte() {
        ddb.createTable(DynamoDbTablesTest.table("big-items", false).build());
        String payload = "x".repeat(100 * 1024);
        for (int i = 0; i < 15; i++) {
            String id = "big-" + i;
            ddb.putItem(r -> r.tableName("big-items").item(Map.of("id", s(id), "p", s(payload))));
        }
        ScanResponse first = ddb.scan(b -> b.tableName("big-items"));
        assertThat(first.count()).isEqualTo(11);
        assertThat(first.lastEvaluatedKey()).isNotEmpty();
        ScanResponse second = ddb.scan(b -> b.tableName("big-items").exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(second.count()).isEqualTo(4);
        assertThat(second.lastEvaluatedKey()).isEmpty();
    }
}
