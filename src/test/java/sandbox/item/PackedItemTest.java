package sandbox.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import sandbox.core.Json;

class PackedItemTest {

    private static final List<String> ITEMS = List.of(
            "{}",
            "{\"s\":{\"S\":\"abc\"},\"empty\":{\"S\":\"\"}}",
            "{\"n\":{\"N\":\"-12.5\"},\"zero\":{\"N\":\"0\"},\"big\":{\"N\":\"12345678901234567890123456789012345678\"}}",
            "{\"b\":{\"B\":\"aGVsbG8=\"},\"b2\":{\"B\":\"AAEC\"}}",
            "{\"t\":{\"BOOL\":true},\"f\":{\"BOOL\":false},\"nul\":{\"NULL\":true}}",
            "{\"l\":{\"L\":[]},\"l2\":{\"L\":[{\"S\":\"a\"},{\"N\":\"1\"},{\"L\":[{\"BOOL\":true}]},{\"M\":{\"k\":{\"NULL\":true}}}]}}",
            "{\"m\":{\"M\":{}},\"m2\":{\"M\":{\"in\":{\"M\":{\"deep\":{\"SS\":[\"x\",\"y\"]}}},\"é\":{\"S\":\"€\"}}}}",
            "{\"ss\":{\"SS\":[\"a\",\"bc\",\"é€😀\"]},\"ns\":{\"NS\":[\"1\",\"2.5\",\"-3\"]},\"bs\":{\"BS\":[\"AA==\",\"AAEC\"]}}",
            "{\"unicode 名前\":{\"S\":\"é€😀 mixed\"}}",
            "{\"esc\\\"aped\":{\"S\":\"a \\\"quoted\\\" \\\\ back\\nline\\u0001 </tag>\"}}",
            "{\"store\":{\"S\":\"st-001\"},\"item\":{\"S\":\"sku-0000001\"},\"quantity\":{\"N\":\"42\"},"
                    + "\"updatedAt\":{\"S\":\"2026-01-01T00:00:01.001Z\"},\"source\":{\"S\":\"s3://inventory-bench/incoming/file-0001.csv\"}}");

    @Test
    void everyAttributeTypeRoundTripsToAnEqualTree() {
        for (String json : ITEMS) {
            JsonNode tree = Json.parse(json);
            PackedItem packed = PackedItem.of(tree);
            assertThat(packed.toJson()).as(json).isEqualTo(tree);
            assertThat(Json.text(packed.toJson())).as("attribute order kept").isEqualTo(Json.text(tree));
        }
    }

    @Test
    void writesTheSameJsonAsTheTreeWhenSerialisedInAResponse() {
        for (String json : ITEMS) {
            JsonNode tree = Json.parse(json);
            ObjectNode response = Json.object();
            response.putPOJO("Item", PackedItem.of(tree));
            assertThat(Json.text(response)).as(json).isEqualTo("{\"Item\":" + Json.text(tree) + "}");
            // the UTF-8 generator copies stored UTF-8 as it is (the tree path escapes supplementary characters)
            assertThat(Json.parse(Json.bytes(response)).get("Item")).as("UTF-8 generator").isEqualTo(tree);
        }
    }

    @Test
    void sizeFromThePackedFormIsTheSizeOfTheTree() {
        for (String json : ITEMS) {
            JsonNode tree = Json.parse(json);
            assertThat(ItemSize.of(PackedItem.of(tree))).as(json).isEqualTo(ItemSize.of(tree));
        }
        assertThat(ItemSize.of(PackedItem.of(Json.parse("{\"id\":{\"S\":\"Fred\"}}")))).isEqualTo(6);
        assertThat(ItemSize.of((PackedItem) null)).isZero();
    }

    @Test
    void aLoneSurrogateSurvivesWhereUtf8CannotHoldIt() {
        ObjectNode tree = Json.object();
        tree.putObject("lone").put("S", "a\uD800b");
        tree.putObject("x\uDC00").putArray("SS").add("\uDBFF").add("ok");
        PackedItem packed = PackedItem.of(tree);
        assertThat(packed.toJson()).isEqualTo(tree);
        assertThat(ItemSize.of(packed)).isEqualTo(ItemSize.of(tree));
    }

    @Test
    void longAndManyNamesStayInline() {
        ObjectNode tree = Json.object();
        tree.putObject("n".repeat(AttributeNames.MAX_LENGTH + 1)).put("S", "v");
        for (int i = 0; i < 300; i++) {
            tree.putObject("name-" + i).put("N", Integer.toString(i));
        }
        assertThat(PackedItem.of(tree).toJson()).isEqualTo(tree);
    }

    @Test
    void packsThePipelinesItemInAboutAHundredBytes() {
        PackedItem packed = PackedItem.of(Json.parse(ITEMS.get(ITEMS.size() - 1)));
        int json = Json.bytes(Json.parse(ITEMS.get(ITEMS.size() - 1))).length;
        assertThat(packed.packedLength()).isLessThanOrEqualTo(110).isLessThan(json * 2 / 3);
    }

    @Test
    void equalContentIsEqualAndTheTreeIsACopy() {
        JsonNode tree = Json.parse(ITEMS.get(5));
        PackedItem a = PackedItem.of(tree);
        assertThat(a).isEqualTo(PackedItem.of(tree.deepCopy())).hasSameHashCodeAs(PackedItem.of(tree));
        ObjectNode copy = a.toJson();
        copy.putObject("added").put("S", "x");
        assertThat(a.toJson()).isEqualTo(tree);
    }

    @Test
    void refusesWhatIsNotAnAttributeValue() {
        assertThatThrownBy(() -> PackedItem.of(Json.parse("{\"a\":{\"X\":\"1\"}}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackedItem.of(Json.parse("{\"a\":{\"S\":1}}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackedItem.of(Json.parse("[]"))).isInstanceOf(IllegalArgumentException.class);
    }
}
