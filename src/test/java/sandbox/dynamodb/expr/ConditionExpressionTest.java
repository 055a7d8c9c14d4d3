package sandbox.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sandbox.dynamodb.expr.ExpressionTestSupport.matches;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sandbox.dynamodb.DynamoException;

class ConditionExpressionTest {

    private static final String ITEM = "{'id':{'S':'a'},'n':{'N':'5'},'s':{'S':'hello'},'b':{'B':'AQID'},"
            + "'t':{'BOOL':true},'z':{'NULL':true},'ss':{'SS':['x','y']},'ns':{'NS':['1','2']},"
            + "'l':{'L':[{'S':'e0'},{'M':{'deep':{'N':'7'}}}]},'m':{'M':{'k':{'S':'v'},'innr':{'M':{'c':{'N':'3'}}}}}}";

    private static void assertInvalid(String expression, String names, String values, String message) {
        assertThatThrownBy(() -> matches(expression, names, values, ITEM))
                .isInstanceOf(DynamoException.class)
                .hasMessage(message)
                .extracting(e -> ((DynamoException) e).code()).isEqualTo("ValidationException");
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "n = :v | {':v':{'N':'5'}} | true",
            "n = :v | {':v':{'N':'5.0'}} | true",
            "n = :v | {':v':{'N':'50E-1'}} | true",
            "n = :v | {':v':{'S':'5'}} | false",
            "n <> :v | {':v':{'S':'5'}} | true",
            "n <> :v | {':v':{'N':'5'}} | false",
            "n < :v | {':v':{'N':'10'}} | true",
            "n < :v | {':v':{'N':'-10'}} | false",
            "n <= :v | {':v':{'N':'5'}} | true",
            "n > :v | {':v':{'N':'4.99999'}} | true",
            "n >= :v | {':v':{'N':'6'}} | false",
            "n < :v | {':v':{'S':'9'}} | false",
            "s < :v | {':v':{'S':'help'}} | true",
            "s > :v | {':v':{'S':'Hello'}} | true",
            "s >= :v | {':v':{'S':'hello'}} | true",
            "b < :v | {':v':{'B':'/w=='}} | true",
            "b > :v | {':v':{'B':'AQI='}} | true",
            "t = :v | {':v':{'BOOL':true}} | true",
            "z = :v | {':v':{'NULL':true}} | true",
            "ss = :v | {':v':{'SS':['y','x']}} | true",
            "ns = :v | {':v':{'NS':['2.0','1']}} | true",
            "gone = :v | {':v':{'N':'5'}} | false",
            "gone <> :v | {':v':{'N':'5'}} | true",
            "gone < :v | {':v':{'N':'5'}} | false",
            "n BETWEEN :a AND :b | {':a':{'N':'1'},':b':{'N':'5'}} | true",
            "n BETWEEN :a AND :b | {':a':{'N':'6'},':b':{'N':'9'}} | false",
            "s BETWEEN :a AND :b | {':a':{'S':'a'},':b':{'S':'z'}} | true",
            "s BETWEEN :a AND :b | {':a':{'N':'1'},':b':{'N':'9'}} | false",
            "n IN (:a, :b) | {':a':{'N':'1'},':b':{'N':'5'}} | true",
            "n IN (:a) | {':a':{'S':'5'}} | false",
            "l[0] = :v | {':v':{'S':'e0'}} | true",
            "l[1].deep = :v | {':v':{'N':'7'}} | true",
            "m.innr.c = :v | {':v':{'N':'3'}} | true",
            "m.k[0] = :v | {':v':{'S':'v'}} | false",
            "l[5] = :v | {':v':{'S':'e0'}} | false",
    })
    void comparesLikeDynamoDb(String expression, String values, boolean expected) {
        assertThat(matches(expression, values, ITEM)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "attribute_exists(n) | | true",
            "attribute_exists(gone) | | false",
            "attribute_not_exists(gone) | | true",
            "attribute_exists(m.innr.c) | | true",
            "attribute_exists(l[1].deep) | | true",
            "attribute_not_exists(l[2]) | | true",
            "attribute_type(n, :t) | {':t':{'S':'N'}} | true",
            "attribute_type(ss, :t) | {':t':{'S':'SS'}} | true",
            "attribute_type(s, :t) | {':t':{'S':'N'}} | false",
            "begins_with(s, :p) | {':p':{'S':'hel'}} | true",
            "begins_with(s, :p) | {':p':{'S':'ell'}} | false",
            "begins_with(b, :p) | {':p':{'B':'AQ=='}} | true",
            "begins_with(n, :p) | {':p':{'S':'5'}} | false",
            "contains(s, :p) | {':p':{'S':'ell'}} | true",
            "contains(ss, :p) | {':p':{'S':'y'}} | true",
            "contains(ss, :p) | {':p':{'S':'q'}} | false",
            "contains(ns, :p) | {':p':{'N':'2.0'}} | true",
            "contains(ns, :p) | {':p':{'S':'2'}} | false",
            "contains(l, :p) | {':p':{'S':'e0'}} | true",
            "contains(n, :p) | {':p':{'N':'5'}} | false",
            "size(s) = :v | {':v':{'N':'5'}} | true",
            "size(b) = :v | {':v':{'N':'3'}} | true",
            "size(ss) = :v | {':v':{'N':'2'}} | true",
            "size(l) > :v | {':v':{'N':'1'}} | true",
            "size(m) = :v | {':v':{'N':'2'}} | true",
            "size(n) = :v | {':v':{'N':'1'}} | false",
            "size(gone) < :v | {':v':{'N':'1'}} | false",
    })
    void functionsBehaveAsDocumented(String expression, String values, boolean expected) {
        assertThat(matches(expression, values, ITEM)).isEqualTo(expected);
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        // a OR b AND c  ==  a OR (b AND c)
        String values = "{':yes':{'N':'5'},':no':{'N':'6'}}";
        assertThat(matches("n = :yes OR n = :no AND n = :no", values, ITEM)).isTrue();
        assertThat(matches("(n = :yes OR n = :no) AND n = :no", values, ITEM)).isFalse();
        // NOT a AND b  ==  (NOT a) AND b
        assertThat(matches("NOT n = :no AND n = :yes", values, ITEM)).isTrue();
        assertThat(matches("NOT (n = :no OR n = :yes)", values, ITEM)).isFalse();
        assertThat(matches("NOT NOT n = :yes", "{':yes':{'N':'5'}}", ITEM)).isTrue();
    }

    @Test
    void operandsMayBeParenthesised() {
        assertThat(matches("(n) = :v", "{':v':{'N':'5'}}", ITEM)).isTrue();
        assertThat(matches("((n) = :v) AND (size(s)) BETWEEN (:a) AND :b",
                "{':v':{'N':'5'},':a':{'N':'1'},':b':{'N':'9'}}", ITEM)).isTrue();
        assertInvalid("((n)) = :v", null, "{':v':{'N':'5'}}",
                "Invalid ConditionExpression: The expression has redundant parentheses;");
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(matches("n between :a and :b or not n in (:a)", "{':a':{'N':'1'},':b':{'N':'9'}}", ITEM)).isTrue();
    }

    @Test
    void conditionOnMissingItemSeesNoAttributes() {
        assertThat(matches("attribute_not_exists(id)", null, null)).isTrue();
        assertThat(matches("attribute_exists(id)", null, null)).isFalse();
    }

    @Test
    void pipelineConditionWritesNewOrOlderItemsOnly() {
        String expr = "attribute_not_exists(#s) OR #u < :u";
        String names = "{'#s':'store','#u':'updatedAt'}";
        String values = "{':u':{'S':'2024-05-02T10:00:00Z'}}";
        assertThat(matches(expr, names, values, null)).isTrue();
        assertThat(matches(expr, names, values,
                "{'store':{'S':'s1'},'updatedAt':{'S':'2024-05-01T10:00:00Z'}}")).isTrue();
        assertThat(matches(expr, names, values,
                "{'store':{'S':'s1'},'updatedAt':{'S':'2024-05-02T10:00:00Z'}}")).isFalse();
        assertThat(matches(expr, names, values,
                "{'store':{'S':'s1'},'updatedAt':{'S':'2024-05-03T10:00:00Z'}}")).isFalse();
    }

    @Test
    void namePlaceholdersStandForAnyAttributeName() {
        assertThat(matches("#a.#b = :v", "{'#a':'m','#b':'k'}", "{':v':{'S':'v'}}", ITEM)).isTrue();
        assertThat(matches("#dotted = :v", "{'#dotted':'m.k'}", "{':v':{'S':'v'}}",
                "{'m.k':{'S':'v'}}")).isTrue();
    }

    @Test
    void syntaxErrorsNameTheTokenAndItsNeighbours() {
        assertInvalid("n = = :v", null, "{':v':{'N':'1'}}",
                "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :v\"");
        assertInvalid("n = :v AND", null, "{':v':{'N':'1'}}",
                "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
        assertInvalid("n", null, null, "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"n\"");
        assertInvalid("n = :v)", null, "{':v':{'N':'1'}}",
                "Invalid ConditionExpression: Syntax error; token: \")\", near: \":v)\"");
        assertInvalid("n $ :v", null, "{':v':{'N':'1'}}",
                "Invalid ConditionExpression: Syntax error; token: \"$\", near: \"n $ :v\"");
        assertInvalid("n BETWEEN :v", null, "{':v':{'N':'1'}}",
                "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":v\"");
    }

    @Test
    void emptyExpressionIsRefused() {
        assertInvalid("  ", null, null, "Invalid ConditionExpression: The expression can not be empty;");
    }

    @Test
    void reservedWordsUsedBareAreRefused() {
        assertInvalid("status = :v", null, "{':v':{'N':'1'}}",
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
        assertInvalid("m.Name = :v", null, "{':v':{'N':'1'}}",
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Name");
        assertThat(ReservedWords.isReserved("TIMESTAMP")).isTrue();
        assertThat(ReservedWords.isReserved("updatedAt")).isFalse();
    }

    @Test
    void undefinedPlaceholdersAreRefused() {
        assertInvalid("#nope = :v", null, "{':v':{'N':'1'}}", "Invalid ConditionExpression: An expression attribute "
                + "name used in the document path is not defined; attribute name: #nope");
        assertInvalid("n = :nope", null, "{':v':{'N':'1'}}", "Invalid ConditionExpression: An expression attribute "
                + "value used in expression is not defined; attribute value: :nope");
    }

    @Test
    void unusedPlaceholdersAreRefused() {
        assertInvalid("n = :v", "{'#x':'n'}", "{':v':{'N':'1'}}",
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}");
        assertInvalid("n = :v", null, "{':v':{'N':'1'},':w':{'N':'2'},':z':{'N':'2'}}",
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w, :z}");
    }

    @Test
    void badPlaceholderMapsAreRefused() {
        assertThatThrownBy(() -> ExpressionTestSupport.attrs("{'x':'n'}", null))
                .hasMessage("ExpressionAttributeNames contains invalid key: Syntax error; key: \"x\"");
        assertThatThrownBy(() -> ExpressionTestSupport.attrs(null, "{'v':{'N':'1'}}"))
                .hasMessage("ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
        assertThatThrownBy(() -> ExpressionTestSupport.attrs(null, "{':v':{'SS':[]}}"))
                .hasMessage("ExpressionAttributeValues contains invalid value: One or more parameter values were "
                        + "invalid: An string set  may not be empty for key :v");
        assertThatThrownBy(() -> ExpressionTestSupport.attrs(null, "{}"))
                .hasMessage("ExpressionAttributeValues must not be empty");
        assertThatThrownBy(() -> ExpressionAttributes.of(null, ExpressionTestSupport.json("{':v':{'N':'1'}}"), false))
                .hasMessage("ExpressionAttributeValues can only be specified when using expressions");
    }

    @Test
    void functionMisuseIsRefused() {
        assertInvalid("nope(n)", null, null, "Invalid ConditionExpression: Invalid function name; function: nope");
        assertInvalid("size(n)", null, null, "Invalid ConditionExpression: The function is not allowed to be used "
                + "this way in an expression; function: size");
        assertInvalid("begins_with(s, :v) = :v", null, "{':v':{'S':'h'}}", "Invalid ConditionExpression: The "
                + "function is not allowed to be used this way in an expression; function: begins_with");
        assertInvalid("nope(n) = :v", null, "{':v':{'S':'h'}}",
                "Invalid ConditionExpression: Invalid function name; function: nope");
        assertInvalid("begins_with(s)", null, null, "Invalid ConditionExpression: Incorrect number of operands for "
                + "operator or function; operator or function: begins_with, number of operands: 1");
        assertInvalid("attribute_type(s, n)", null, null, "Invalid ConditionExpression: Incorrect operand type for "
                + "operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
        assertInvalid("attribute_exists(:v)", null, "{':v':{'N':'1'}}",
                "Invalid ConditionExpression: Operator or function requires a document path; operator or function: "
                        + "attribute_exists");
        assertInvalid("attribute_exists(n, s)", null, null, "Invalid ConditionExpression: Incorrect number of "
                + "operands for operator or function; operator or function: attribute_exists, number of operands: 2");
        assertInvalid("begins_with(s, :v)", null, "{':v':{'N':'1'}}", "Invalid ConditionExpression: Incorrect "
                + "operand type for operator or function; operator or function: begins_with, operand type: N");
        assertInvalid("attribute_type(s, :v)", null, "{':v':{'S':'STRING'}}", "Invalid ConditionExpression: "
                + "Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        assertInvalid("n < :v", null, "{':v':{'BOOL':true}}", "Invalid ConditionExpression: Incorrect operand type "
                + "for operator or function; operator or function: <, operand type: BOOL");
        assertInvalid("size(s) = if_not_exists(s, :v)", null, "{':v':{'N':'1'}}", "Invalid ConditionExpression: "
                + "The function is not allowed to be used this way in an expression; function: if_not_exists");
    }

    @Test
    void operandsMustBeDistinct() {
        assertInvalid("n = n", null, null, "Invalid ConditionExpression: The first operand must be distinct from the "
                + "remaining operands for this operator or function; operator: =, first operand: [n]");
        assertInvalid("contains(l[0], l[0])", null, null, "Invalid ConditionExpression: The first operand must be "
                + "distinct from the remaining operands for this operator or function; operator: contains, first operand: [l, [0]]");
        assertThat(matches("n = #n", "{'#n':'s'}", null, ITEM)).isFalse();
    }

    @Test
    void betweenBoundsMustHaveOneType() {
        assertInvalid("n BETWEEN :a AND :b", null, "{':a':{'N':'1'},':b':{'S':'x'}}", "Invalid ConditionExpression: "
                + "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: "
                + "AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}");
    }

    @Test
    void laterChecksAreReportedInAwsOrder() {
        // a bad function name is reported before a reserved word, which is reported before an undefined value
        assertInvalid("status = :nope AND nope(n)", null, null,
                "Invalid ConditionExpression: Invalid function name; function: nope");
        assertInvalid("#x = :nope AND status = :v", "{'#x':'n'}", "{':v':{'N':'1'}}",
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
    }

    @Test
    void redundantParenthesesAreRefused() {
        assertInvalid("((n = :v))", null, "{':v':{'N':'1'}}",
                "Invalid ConditionExpression: The expression has redundant parentheses;");
        assertThat(matches("((n = :v) AND (s = :s))", "{':v':{'N':'5'},':s':{'S':'hello'}}", ITEM)).isTrue();
    }

    @Test
    void inAcceptsAtMostOneHundredOperands() {
        StringBuilder list = new StringBuilder();
        StringBuilder values = new StringBuilder("{");
        for (int i = 0; i < 101; i++) {
            list.append(i == 0 ? "" : ", ").append(":v").append(i);
            values.append(i == 0 ? "" : ",").append("':v").append(i).append("':{'N':'").append(i).append("'}");
        }
        values.append('}');
        assertInvalid("n IN (" + list + ")", null, values.toString(),
                "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101");
        String hundred = list.substring(0, list.lastIndexOf(","));
        String hundredValues = values.toString().replace(",':v100':{'N':'100'}", "");
        assertThat(matches("n IN (" + hundred + ")", hundredValues, ITEM)).isTrue();
    }

    @Test
    void betweenNeedsOrderedBounds() {
        assertInvalid("n BETWEEN :hi AND :lo", null, "{':lo':{'N':'1'},':hi':{'N':'9'}}", "Invalid ConditionExpression: "
                + "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound "
                + "operand: AttributeValue: {N:9}, upper bound operand: AttributeValue: {N:1}");
    }

    @Test
    void filterAndKeyConditionErrorsNameTheirParameter() {
        ExpressionAttributes a = ExpressionTestSupport.attrs(null, null);
        assertThatThrownBy(() -> ExpressionParser.condition("a = ", "FilterExpression", a))
                .hasMessageStartingWith("Invalid FilterExpression: Syntax error;");
        assertThatThrownBy(() -> ExpressionParser.condition("a = ", "KeyConditionExpression", a))
                .hasMessageStartingWith("Invalid KeyConditionExpression: Syntax error;");
    }

    @Test
    void projectionPathsMustNotOverlap() {
        ExpressionAttributes a = ExpressionTestSupport.attrs(null, null);
        assertThatThrownBy(() -> ExpressionParser.projection("m, m.k", a))
                .hasMessage("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
                        + "rewrite one of these paths; path one: [m], path two: [m, k]");
        assertThat(Projection.of(ExpressionParser.projection("s, m.innr.c, l[1], id", a))
                .apply(ExpressionTestSupport.item(ITEM)))
                .isEqualTo(ExpressionTestSupport.item("{'id':{'S':'a'},'s':{'S':'hello'},"
                        + "'m':{'M':{'innr':{'M':{'c':{'N':'3'}}}}},'l':{'L':[{'M':{'deep':{'N':'7'}}}]}}"));
    }
}
