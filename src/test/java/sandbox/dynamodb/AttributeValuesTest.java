package sandbox.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import sandbox.core.Json;

class AttributeValuesTest {

    private static com.fasterxml.jackson.databind.node.ObjectNode value(String json) {
        return AttributeValues.value(Json.parse(json.replace('\'', '"')));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "5.0, 5", "0.00, 0", "-0, 0", "1e3, 1000", "1.5E+2, 150", "+7, 7", "-0.000120, -0.00012", ".5, 0.5",
            "12345678901234567890123456789012345678, 12345678901234567890123456789012345678",
            "1E+125, 100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "1E-130, 0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
    })
    void numbersAreNormalised(String in, String out) {
        assertThat(AttributeValues.canonicalNumber(in)).isEqualTo(out);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "123456789012345678901234567890123456789 | Attempting to store more than 38 significant digits in a Number",
            "1E+126 | Number overflow. Attempting to store a number with magnitude larger than supported range",
            "-1E+126 | Number overflow. Attempting to store a number with magnitude larger than supported range",
            "1E-131 | Number underflow. Attempting to store a number with magnitude smaller than supported range",
            "abc | A value provided cannot be converted into a number",
            "0x10 | A value provided cannot be converted into a number",
            "NaN | A value provided cannot be converted into a number",
            "'' | A value provided cannot be converted into a number",
    })
    void badNumbersAreRefused(String in, String message) {
        assertThatThrownBy(() -> AttributeValues.canonicalNumber(in)).isInstanceOf(DynamoException.class)
                .hasMessage(message);
    }

    @Test
    void setsAreSortedSoEqualSetsAreEqualJson() {
        assertThat(value("{'NS':['10','2','1.0']}")).isEqualTo(value("{'NS':['1','10','2.00']}"));
        assertThat(value("{'SS':['b','a']}").toString()).isEqualTo("{\"SS\":[\"a\",\"b\"]}");
    }

    @Test
    void invalidValuesUseAwsMessages() {
        assertThatThrownBy(() -> value("{'SS':[]}"))
                .hasMessage("One or more parameter values were invalid: An string set  may not be empty");
        assertThatThrownBy(() -> value("{'NS':[]}"))
                .hasMessage("One or more parameter values were invalid: An number set  may not be empty");
        assertThatThrownBy(() -> value("{'SS':['a','a']}"))
                .hasMessage("One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
        assertThatThrownBy(() -> value("{'NS':['1','1.0']}")).hasMessage("Input collection contains duplicates");
        assertThatThrownBy(() -> value("{}")).hasMessage(
                "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        assertThatThrownBy(() -> value("{'S':'a','N':'1'}")).hasMessage("Supplied AttributeValue has more than one "
                + "datatypes set, must contain exactly one of the supported datatypes");
        assertThatThrownBy(() -> value("{'NULL':false}")).hasMessage(
                "One or more parameter values were invalid: Null attribute value types must have the value of true");
        assertThatThrownBy(() -> value("{'M':{'x':{'NS':['1','x']}}}"))
                .hasMessage("A value provided cannot be converted into a number");
    }

    @Test
    void sizesFollowDynamoDbRules() {
        assertThat(AttributeValues.itemSize(AttributeValues.item(Json.parse("{\"id\":{\"S\":\"Fred\"}}")))).isEqualTo(6);
        assertThat(AttributeValues.numberSize("12345")).isEqualTo(4);
        assertThat(AttributeValues.numberSize("-0.00012")).isEqualTo(2);
        assertThat(AttributeValues.valueSize(value("{'B':'AQID'}"))).isEqualTo(3);
        assertThat(AttributeValues.valueSize(value("{'BOOL':false}"))).isEqualTo(1);
        assertThat(AttributeValues.utf8Length("é€😀")).isEqualTo(9);
    }

    @Test
    void orderingIsByBytesAndNumericValue() {
        assertThat(AttributeValues.compare(value("{'N':'10'}"), value("{'N':'9'}"))).isPositive();
        assertThat(AttributeValues.compare(value("{'S':'Z'}"), value("{'S':'a'}"))).isNegative();
        // U+FFFD sorts after U+10000 in UTF-16 order but before it in UTF-8 byte order
        assertThat(AttributeValues.compare(value("{'S':'\uFFFD'}"), value("{'S':'\uD800\uDC00'}"))).isNegative();
        assertThat(AttributeValues.compare(value("{'B':'/w=='}"), value("{'B':'AQ=='}"))).isPositive();
    }
}
