package sandbox.dynamodb.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sandbox.dynamodb.expr.ExpressionTestSupport.item;
import static sandbox.dynamodb.expr.ExpressionTestSupport.update;

import org.junit.jupiter.api.Test;
import sandbox.dynamodb.DynamoException;

class UpdateExpressionTest {

    private static final String ITEM = "{'id':{'S':'a'},'n':{'N':'5'},'s':{'S':'x'},'ss':{'SS':['a','b']},"
            + "'ns':{'NS':['1','2']},'l':{'L':[{'N':'0'},{'N':'1'},{'N':'2'},{'N':'3'}]},'m':{'M':{'k':{'S':'v'}}}}";

    private static void assertInvalid(String expression, String names, String values, String message) {
        assertThatThrownBy(() -> update(expression, names, values, ITEM))
                .isInstanceOf(DynamoException.class).hasMessage(message);
    }

    @Test
    void setWritesValuesAndPaths() {
        assertThat(update("SET a = :v, m.k2 = :v, #n = s", "{'#n':'copy'}", "{':v':{'S':'z'}}", ITEM))
                .isEqualTo(item(ITEM.replace("}}}}", "},'k2':{'S':'z'}}}, 'a':{'S':'z'}, 'copy':{'S':'x'}}")));
    }

    @Test
    void setArithmeticIsExact() {
        assertThat(update("SET n = n + :d", null, "{':d':{'N':'0.1'}}", ITEM).get("n").get("N").asText()).isEqualTo("5.1");
        assertThat(update("SET n = n - :d", null, "{':d':{'N':'7'}}", ITEM).get("n").get("N").asText()).isEqualTo("-2");
        assertThat(update("SET c = if_not_exists(c, :zero) + :one", null, "{':zero':{'N':'0'},':one':{'N':'1'}}", ITEM)
                .get("c").get("N").asText()).isEqualTo("1");
    }

    @Test
    void ifNotExistsKeepsAnExistingValue() {
        assertThat(update("SET s = if_not_exists(s, :v)", null, "{':v':{'S':'new'}}", ITEM).get("s").get("S").asText())
                .isEqualTo("x");
        assertThat(update("SET t = if_not_exists(t, :v)", null, "{':v':{'S':'new'}}", ITEM).get("t").get("S").asText())
                .isEqualTo("new");
    }

    @Test
    void listAppendConcatenatesInOrder() {
        assertThat(update("SET l = list_append(l, :more)", null, "{':more':{'L':[{'N':'4'}]}}", ITEM).get("l").get("L"))
                .hasSize(5);
        assertThat(update("SET l = list_append(:more, l)", null, "{':more':{'L':[{'N':'9'}]}}", ITEM)
                .get("l").get("L").get(0).get("N").asText()).isEqualTo("9");
        assertThat(update("SET e = list_append(if_not_exists(e, :empty), :more)", null,
                "{':empty':{'L':[]},':more':{'L':[{'N':'4'}]}}", ITEM).get("e").get("L")).hasSize(1);
    }

    @Test
    void setListIndexReplacesOrAppends() {
        assertThat(update("SET l[1] = :v", null, "{':v':{'S':'one'}}", ITEM).get("l").get("L").get(1).get("S").asText())
                .isEqualTo("one");
        assertThat(update("SET l[10] = :v", null, "{':v':{'S':'ten'}}", ITEM).get("l").get("L").get(4).get("S").asText())
                .isEqualTo("ten");
    }

    @Test
    void removeDeletesAttributesAndListElements() {
        var out = update("REMOVE s, m.k, l[1], l[3]", null, null, ITEM);
        assertThat(out.has("s")).isFalse();
        assertThat(out.get("m").get("M")).isEmpty();
        assertThat(out.get("l").get("L").toString()).isEqualTo("[{\"N\":\"0\"},{\"N\":\"2\"}]");
        assertThat(update("REMOVE gone", null, null, ITEM)).isEqualTo(item(ITEM));
        assertThat(update("REMOVE m.gone, l[9]", null, null, ITEM)).isEqualTo(item(ITEM));
    }

    @Test
    void removeThroughAPathTheItemCannotHaveIsInvalid() {
        String invalid = "The document path provided in the update expression is invalid for update";
        // into a scalar, a list by name, a map by index, a set, and under an attribute the item lacks
        for (String path : new String[] {"s.x", "l.x", "m[0]", "ss[0]", "n[0]", "gone.x", "gone[0]", "m.k.deeper"}) {
            assertThatThrownBy(() -> update("REMOVE " + path, null, null, ITEM)).as(path)
                    .isInstanceOf(DynamoException.class).hasMessage(invalid);
        }
    }

    @Test
    void removeOnAnItemThatDoesNotExistIsIgnoredWhateverThePath() {
        ExpressionAttributes a = ExpressionTestSupport.attrs(null, null);
        UpdateExpression u = ExpressionParser.update("REMOVE x.y, z[0], w", a);
        assertThat(UpdateApplier.apply(u, item("{'id':{'S':'new'}}"), false)).isEqualTo(item("{'id':{'S':'new'}}"));
    }

    @Test
    void setValuesTakeParenthesesWhereAwsGrammarAllowsThem() {
        String x = "{':x':{'N':'1'}}";
        String y = "{':y':{'N':'2'}}";
        String values = "{':x':{'N':'1'},':y':{'N':'2'}}";
        assertThat(update("SET a = (n + :x)", null, x, ITEM).get("a").get("N").asText()).isEqualTo("6");
        assertThat(update("SET a = (n) - (:y)", null, y, ITEM).get("a").get("N").asText()).isEqualTo("3");
        assertThat(update("SET a = ((n) + :x)", null, x, ITEM).get("a").get("N").asText()).isEqualTo("6");
        assertThat(update("SET a = (:x)", null, x, ITEM).get("a").get("N").asText()).isEqualTo("1");
        assertThat(update("SET a = if_not_exists((gone), (:y)) + :x", null, values, ITEM).get("a").get("N").asText())
                .isEqualTo("3");
        assertThat(update("SET l = list_append((l), :l)", null, "{':l':{'L':[{'N':'4'}]}}", ITEM).get("l").get("L"))
                .hasSize(5);

        assertInvalid("SET a = (n + :x) - :y", null, values, "Invalid UpdateExpression: Syntax error; token: \"-\", near: "
                + "\") - :y\"");
        for (String beyond : new String[] {"SET a = ((n + :x))", "SET a = (((n))) + :x", "SET a = ((n)) + :x"}) {
            assertThatThrownBy(() -> update(beyond, null, x, ITEM)).as(beyond).isInstanceOf(DynamoException.class)
                    .hasMessageStartingWith("Invalid UpdateExpression: Syntax error; token: ");
        }
    }

    @Test
    void addSumsNumbersAndUnitesSets() {
        var out = update("ADD n :d, ss :s, fresh :d, ns :ns", null,
                "{':d':{'N':'-5'},':s':{'SS':['c','a']},':ns':{'NS':['3']}}", ITEM);
        assertThat(out.get("n").get("N").asText()).isEqualTo("0");
        assertThat(out.get("ss").get("SS").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(out.get("fresh").get("N").asText()).isEqualTo("-5");
        assertThat(out.get("ns").get("NS").toString()).isEqualTo("[\"1\",\"2\",\"3\"]");
    }

    @Test
    void deleteRemovesSetMembersAndEmptySets() {
        var out = update("DELETE ss :a, ns :all", null, "{':a':{'SS':['a','zz']},':all':{'NS':['1','2']}}", ITEM);
        assertThat(out.get("ss").get("SS").toString()).isEqualTo("[\"b\"]");
        assertThat(out.has("ns")).isFalse();
    }

    @Test
    void clausesCombineInAnyOrderAndCase() {
        var out = update("remove s set a = :v add n :one", null, "{':v':{'S':'z'},':one':{'N':'1'}}", ITEM);
        assertThat(out.has("s")).isFalse();
        assertThat(out.get("a").get("S").asText()).isEqualTo("z");
        assertThat(out.get("n").get("N").asText()).isEqualTo("6");
    }

    @Test
    void operandsReadTheItemBeforeTheUpdate() {
        var out = update("SET a = n, n = :v", null, "{':v':{'N':'9'}}", ITEM);
        assertThat(out.get("a").get("N").asText()).isEqualTo("5");
        assertThat(out.get("n").get("N").asText()).isEqualTo("9");
    }

    @Test
    void runtimeTypeErrorsAreValidationErrors() {
        assertInvalid("SET s = s + :one", null, "{':one':{'N':'1'}}",
                "An operand in the update expression has an incorrect data type");
        assertInvalid("ADD s :one", null, "{':one':{'N':'1'}}",
                "An operand in the update expression has an incorrect data type");
        assertInvalid("SET x = gone + :one", null, "{':one':{'N':'1'}}",
                "The provided expression refers to an attribute that does not exist in the item");
        assertInvalid("SET gone.x = :one", null, "{':one':{'N':'1'}}",
                "The document path provided in the update expression is invalid for update");
        assertInvalid("SET s = list_append(s, :l)", null, "{':l':{'L':[]}}",
                "An operand in the update expression has an incorrect data type");
        assertInvalid("SET n = :big + :big", null, "{':big':{'N':'9.9999999999999999999999999999999999999E+125'}}",
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void staticErrorsUseAwsMessages() {
        assertInvalid("SET a = :v SET b = :v", null, "{':v':{'N':'1'}}",
                "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
        assertInvalid("SET m = :v, m.k = :v", null, "{':v':{'N':'1'}}", "Invalid UpdateExpression: Two document "
                + "paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, k]");
        assertInvalid("SET a = :v REMOVE a", null, "{':v':{'N':'1'}}", "Invalid UpdateExpression: Two document "
                + "paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
        assertInvalid("ADD a :s", null, "{':s':{'S':'x'}}", "Invalid UpdateExpression: Incorrect operand type for "
                + "operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
        assertInvalid("DELETE a :n", null, "{':n':{'N':'1'}}", "Invalid UpdateExpression: Incorrect operand type for "
                + "operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND");
        assertInvalid("SET a = :v + :w", null, "{':v':{'N':'1'},':w':{'S':'x'}}", "Invalid UpdateExpression: "
                + "Incorrect operand type for operator or function; operator or function: +, operand type: S");
        assertInvalid("SET a = :v + :v + :v", null, "{':v':{'N':'1'}}",
                "Invalid UpdateExpression: Syntax error; token: \"+\", near: \":v + :v\"");
        assertInvalid("ADD a b", null, null, "Invalid UpdateExpression: Syntax error; token: \"b\", near: \"a b\"");
        assertInvalid("PUT a = :v", null, "{':v':{'N':'1'}}",
                "Invalid UpdateExpression: Syntax error; token: \"PUT\", near: \"PUT a\"");
        assertInvalid("SET #s = :v", null, "{':v':{'N':'1'}}", "Invalid UpdateExpression: An expression attribute "
                + "name used in the document path is not defined; attribute name: #s");
        assertInvalid("SET size = :v", null, "{':v':{'N':'1'}}",
                "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: size");
        assertInvalid("SET a = nope(b)", null, null, "Invalid UpdateExpression: Invalid function name; function: nope");
    }
}
