package sandbox.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sandbox.core.AwsException;

class FilterPolicyTest {

    private static Map<String, MessageAttribute> attrs(String... nameTypeValue) {
        Map<String, MessageAttribute> m = new LinkedHashMap<>();
        for (int i = 0; i < nameTypeValue.length; i += 3) {
            m.put(nameTypeValue[i], new MessageAttribute(nameTypeValue[i + 1], nameTypeValue[i + 2], null));
        }
        return m;
    }

    private static boolean matches(String policy, Map<String, MessageAttribute> attributes) {
        return FilterPolicy.parse(policy, FilterPolicy.Scope.MessageAttributes, "").matches(attributes, "body");
    }

    private static boolean bodyMatches(String policy, String body) {
        return FilterPolicy.parse(policy, FilterPolicy.Scope.MessageBody, "").matches(Map.of(), body);
    }

    private static String rejection(String policy, FilterPolicy.Scope scope) {
        return assertThatThrownBy(() -> FilterPolicy.parse(policy, scope, "Invalid parameter: "))
                .isInstanceOf(AwsException.class).actual().getMessage();
    }

    @Test
    void exactStringMatchesOnlyThatStringAttribute() {
        String p = "{\"store\":[\"example_corp\",\"other\"]}";
        assertThat(matches(p, attrs("store", "String", "example_corp"))).isTrue();
        assertThat(matches(p, attrs("store", "String", "Example_Corp"))).isFalse();
        assertThat(matches(p, attrs("other", "String", "example_corp"))).isFalse();
    }

    @Test
    void exactNumberMatchesNumberAttributesNumerically() {
        String p = "{\"price\":[100]}";
        assertThat(matches(p, attrs("price", "Number", "100.0"))).isTrue();
        assertThat(matches(p, attrs("price", "Number", "1e2"))).isTrue();
        assertThat(matches(p, attrs("price", "String", "100"))).isFalse();
    }

    @Test
    void prefixSuffixAndEqualsIgnoreCase() {
        assertThat(matches("{\"sku\":[{\"prefix\":\"AB-\"}]}", attrs("sku", "String", "AB-12"))).isTrue();
        assertThat(matches("{\"sku\":[{\"prefix\":\"AB-\"}]}", attrs("sku", "String", "XAB-12"))).isFalse();
        assertThat(matches("{\"sku\":[{\"suffix\":\"-12\"}]}", attrs("sku", "String", "AB-12"))).isTrue();
        assertThat(matches("{\"k\":[{\"equals-ignore-case\":\"low\"}]}", attrs("k", "String", "LOW"))).isTrue();
    }

    @Test
    void anythingButNeedsTheAttributeAndExcludesValues() {
        String p = "{\"level\":[{\"anything-but\":[\"debug\",\"info\"]}]}";
        assertThat(matches(p, attrs("level", "String", "error"))).isTrue();
        assertThat(matches(p, attrs("level", "String", "info"))).isFalse();
        assertThat(matches(p, attrs())).isFalse();
        assertThat(matches("{\"sku\":[{\"anything-but\":{\"prefix\":\"tmp\"}}]}", attrs("sku", "String", "tmp-1")))
                .isFalse();
        assertThat(matches("{\"n\":[{\"anything-but\":5}]}", attrs("n", "Number", "6"))).isTrue();
        assertThat(matches("{\"n\":[{\"anything-but\":5}]}", attrs("n", "Number", "5.0"))).isFalse();
    }

    @Test
    void numericRangesCompareNumberAttributes() {
        String p = "{\"qty\":[{\"numeric\":[\">=\",0,\"<\",10]}]}";
        assertThat(matches(p, attrs("qty", "Number", "0"))).isTrue();
        assertThat(matches(p, attrs("qty", "Number", "9.99"))).isTrue();
        assertThat(matches(p, attrs("qty", "Number", "10"))).isFalse();
        assertThat(matches(p, attrs("qty", "String", "5"))).isFalse();
        assertThat(matches("{\"qty\":[{\"numeric\":[\"=\",3]}]}", attrs("qty", "Number", "3.00"))).isTrue();
    }

    @Test
    void existsChecksPresenceOnly() {
        assertThat(matches("{\"a\":[{\"exists\":true}]}", attrs("a", "String", "x"))).isTrue();
        assertThat(matches("{\"a\":[{\"exists\":true}]}", attrs("b", "String", "x"))).isFalse();
        assertThat(matches("{\"a\":[{\"exists\":false}]}", attrs("b", "String", "x"))).isTrue();
        assertThat(matches("{\"a\":[{\"exists\":false}]}", attrs("a", "String", "x"))).isFalse();
    }

    @Test
    void keysAreAndedValuesAreOredAndOrBranches() {
        String p = "{\"a\":[\"1\",\"2\"],\"b\":[\"x\"]}";
        assertThat(matches(p, attrs("a", "String", "2", "b", "String", "x"))).isTrue();
        assertThat(matches(p, attrs("a", "String", "2", "b", "String", "y"))).isFalse();
        String or = "{\"$or\":[{\"a\":[\"1\"]},{\"b\":[\"x\"]}]}";
        assertThat(matches(or, attrs("b", "String", "x"))).isTrue();
        assertThat(matches(or, attrs("a", "String", "2"))).isFalse();
    }

    @Test
    void stringArrayAttributesMatchWhenAnyElementMatches() {
        String p = "{\"tags\":[\"red\"]}";
        assertThat(matches(p, attrs("tags", "String.Array", "[\"blue\",\"red\"]"))).isTrue();
        assertThat(matches(p, attrs("tags", "String.Array", "[\"blue\"]"))).isFalse();
    }

    @Test
    void cidrMatchesAddressesInTheNetwork() {
        String p = "{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}";
        assertThat(matches(p, attrs("ip", "String", "10.0.0.7"))).isTrue();
        assertThat(matches(p, attrs("ip", "String", "10.0.1.7"))).isFalse();
        assertThat(matches(p, attrs("ip", "String", "not-an-ip"))).isFalse();
    }

    @Test
    void bodyScopeMatchesNestedJsonAndRejectsNonJsonBodies() {
        String p = "{\"item\":{\"stock\":[{\"numeric\":[\"<\",5]}],\"sku\":[{\"prefix\":\"A\"}]}}";
        assertThat(bodyMatches(p, "{\"item\":{\"sku\":\"A-1\",\"stock\":2}}")).isTrue();
        assertThat(bodyMatches(p, "{\"item\":{\"sku\":\"A-1\",\"stock\":7}}")).isFalse();
        assertThat(bodyMatches(p, "{\"item\":[{\"sku\":\"B\",\"stock\":1},{\"sku\":\"A\",\"stock\":1}]}")).isTrue();
        assertThat(bodyMatches(p, "plain text")).isFalse();
    }

    @Test
    void emptyPolicyMeansNoFilter() {
        assertThat(FilterPolicy.parse("{}", FilterPolicy.Scope.MessageAttributes, "")).isNull();
        assertThat(FilterPolicy.parse("", FilterPolicy.Scope.MessageAttributes, "")).isNull();
    }

    @Test
    void invalidPoliciesAreRejectedWithAwsReasons() {
        FilterPolicy.Scope attrs = FilterPolicy.Scope.MessageAttributes;
        assertThat(rejection("{not json", attrs)).isEqualTo("Invalid parameter: FilterPolicy: failed to parse JSON.");
        assertThat(rejection("{\"a\":[]}", attrs)).isEqualTo("Invalid parameter: FilterPolicy: Empty arrays are not allowed");
        assertThat(rejection("{\"a\":\"x\"}", attrs))
                .isEqualTo("Invalid parameter: FilterPolicy: \"a\" must be an object or an array");
        assertThat(rejection("{\"a\":{\"b\":[\"x\"]}}", attrs)).isEqualTo(
                "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy");
        assertThat(rejection("{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}", attrs))
                .isEqualTo("Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys");
        assertThat(rejection("{\"a\":[{\"wildcard\":\"x\"}]}", attrs))
                .isEqualTo("Invalid parameter: FilterPolicy: Unrecognized match type wildcard");
        assertThat(rejection("{\"a\":[{\"numeric\":[\">\",\"x\"]}]}", attrs))
                .isEqualTo("Invalid parameter: FilterPolicy: Value of > must be numeric");
        assertThat(rejection("{\"a\":[{\"numeric\":[\">\",5,\"<\",1]}]}", attrs))
                .isEqualTo("Invalid parameter: FilterPolicy: Bottom must be less than top");
        assertThat(rejection("{\"a\":[{\"exists\":\"yes\"}]}", attrs))
                .isEqualTo("Invalid parameter: FilterPolicy: exists match pattern must be either true or false.");
        assertThat(rejection("{\"a\":[{\"prefix\":1}]}", attrs))
                .isEqualTo("Invalid parameter: FilterPolicy: prefix match pattern must be a string");
        String complex = "{\"a\":[1,2,3,4,5,6],\"b\":[1,2,3,4,5,6],\"c\":[1,2,3,4,5]}";
        assertThat(rejection(complex, attrs)).isEqualTo("Invalid parameter: FilterPolicy: Filter policy is too complex");
    }

    @Test
    void policiesAndBodiesNestedThousandsDeepAreRefusedOrUnmatchedNotAStackOverflow() {
        String deepPolicy = "{\"a\":".repeat(2000) + "[\"x\"]" + "}".repeat(2000);
        assertThat(rejection(deepPolicy, FilterPolicy.Scope.MessageBody))
                .isEqualTo("Invalid parameter: FilterPolicy: Filter policy is too complex");
        String deepOr = "{\"$or\":[".repeat(1000) + "{\"a\":[\"x\"]}" + "]}".repeat(1000);
        assertThat(rejection(deepOr, FilterPolicy.Scope.MessageAttributes))
                .isEqualTo("Invalid parameter: FilterPolicy: Filter policy is too complex");
        assertThat(bodyMatches("{\"a\":[\"x\"]}", "{\"b\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"a\":\"x\"}"))
                .isFalse();
    }
}
