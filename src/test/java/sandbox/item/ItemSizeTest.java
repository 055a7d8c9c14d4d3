package sandbox.item;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sandbox.core.Json;

class ItemSizeTest {

    private static long size(String json) {
        return ItemSize.of(Json.parse(json));
    }

    @Test
    void stringCountsUtf8BytesOfNameAndValue() {
        assertThat(size("{\"id\":{\"S\":\"Fred\"}}")).isEqualTo(6);
        assertThat(size("{\"n\":{\"S\":\"é€😀\"}}")).isEqualTo(1 + 2 + 3 + 4);
        assertThat(size("{\"é\":{\"S\":\"\"}}")).isEqualTo(2);
    }

    @Test
    void numberCountsOneBytePerTwoSignificantDigitsPlusOne() {
        assertThat(ItemSize.numberSize("0")).isEqualTo(1);
        assertThat(ItemSize.numberSize("7")).isEqualTo(2);
        assertThat(ItemSize.numberSize("12")).isEqualTo(2);
        assertThat(ItemSize.numberSize("123")).isEqualTo(3);
        assertThat(ItemSize.numberSize("123.45")).isEqualTo(4);
        assertThat(ItemSize.numberSize("-100")).isEqualTo(2);
        assertThat(ItemSize.numberSize("0.00012")).isEqualTo(2);
        assertThat(ItemSize.numberSize("1.5E+10")).isEqualTo(2);
        assertThat(size("{\"qty\":{\"N\":\"12345\"}}")).isEqualTo(3 + 4);
    }

    @Test
    void binaryCountsRawBytesNotBase64Text() {
        // "aGVsbG8=" is "hello"
        assertThat(size("{\"b\":{\"B\":\"aGVsbG8=\"}}")).isEqualTo(1 + 5);
        assertThat(size("{\"b\":{\"B\":\"AAEC\"}}")).isEqualTo(1 + 3);
        assertThat(size("{\"b\":{\"B\":\"AA==\"}}")).isEqualTo(1 + 1);
    }

    @Test
    void booleanAndNullCostOneByte() {
        assertThat(size("{\"ok\":{\"BOOL\":true},\"no\":{\"NULL\":true}}")).isEqualTo(2 + 1 + 2 + 1);
    }

    @Test
    void listsAndMapsCostThreeBytesPlusTheirElements() {
        assertThat(size("{\"l\":{\"L\":[]}}")).isEqualTo(1 + 3);
        assertThat(size("{\"l\":{\"L\":[{\"S\":\"ab\"},{\"N\":\"1\"}]}}")).isEqualTo(1 + 3 + 2 + 2);
        assertThat(size("{\"m\":{\"M\":{\"k\":{\"S\":\"v\"},\"in\":{\"M\":{}}}}}"))
                .isEqualTo(1 + 3 + (1 + 1) + (2 + 3));
    }

    @Test
    void setsCostTheSumOfTheirElements() {
        assertThat(size("{\"ss\":{\"SS\":[\"a\",\"bc\"]}}")).isEqualTo(2 + 1 + 2);
        assertThat(size("{\"ns\":{\"NS\":[\"1\",\"123\"]}}")).isEqualTo(2 + 2 + 3);
        assertThat(size("{\"bs\":{\"BS\":[\"AAEC\",\"AA==\"]}}")).isEqualTo(2 + 3 + 1);
    }
}
