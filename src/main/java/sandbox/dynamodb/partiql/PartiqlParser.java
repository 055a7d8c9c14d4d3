package sandbox.dynamodb.partiql;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sandbox.core.Json;
import sandbox.dynamodb.AttributeValues;
import sandbox.dynamodb.DynamoException;
import sandbox.dynamodb.expr.Condition;
import sandbox.dynamodb.expr.DocPath;
import sandbox.dynamodb.expr.Operand;
import sandbox.dynamodb.expr.UpdateExpression;

/**
 * Recursive-descent parser for the single-item statements of PartiQL for DynamoDB (see {@link Statement}).
 * Conditions are built in the expression model; precedence, loosest first: OR, AND, NOT, comparisons.
 * Errors are ValidationExceptions worded as AWS words them.
 */
public final class PartiqlParser {

    static final int MAX_STATEMENT_CHARS = 8192;
    /** Parentheses and NOTs nested deeper than this are refused before the recursion could exhaust the stack. */
    static final int MAX_CONDITION_NESTING = 50;
    private static final String MALFORMED = "Statement wasn't well formed, can't be processed: ";

    private final List<Token> tokens;
    private final List<ObjectNode> parameters;
    private int pos;
    private int nextParameter;
    private int conditionNesting;

    private PartiqlParser(String src, List<ObjectNode> parameters) {
        this.tokens = Lexer.tokens(src);
        this.parameters = parameters;
    }

    /**
     * @param parameters the request's {@code Parameters}, validated and canonical, in {@code ?} order
     */
    public static Statement parse(String statement, List<ObjectNode> parameters) {
        if (statement.isBlank()) {
            throw malformed("Unexpected end of statement");
        }
        PartiqlParser p = new PartiqlParser(statement, parameters);
        Statement s = p.statement();
        if (p.peek().is(Token.Kind.SEMICOLON)) {
            p.next();
        }
        if (!p.peek().is(Token.Kind.EOF)) {
            throw p.unexpected(p.peek());
        }
        return s;
    }

    private Statement statement() {
        Token first = next();
        if (first.isKeyword("SELECT")) {
            return select();
        }
        if (first.isKeyword("INSERT")) {
            expectKeyword("INTO");
            String table = tableName();
            expectKeyword("VALUE");
            // the item itself is no level: its attributes are level 1
            ObjectNode item = value("root", 0);
            if (!item.has("M")) {
                throw DynamoException.validation("Unsupported operation: Inserting an item of type "
                        + AttributeValues.type(item) + " is not supported; the item must be a map");
            }
            return new Statement.Insert(table, (ObjectNode) item.get("M"));
        }
        if (first.isKeyword("UPDATE")) {
            return update();
        }
        if (first.isKeyword("DELETE")) {
            expectKeyword("FROM");
            String table = tableName();
            Condition where = where();
            Statement.Returning returning = returning();
            if (returning != Statement.Returning.NONE && returning != Statement.Returning.ALL_OLD) {
                throw DynamoException.validation("Invalid returning clause: " + returning.clause()
                        + ". Only RETURNING ALL OLD * is allowed in DELETE statements.");
            }
            return new Statement.Delete(table, where, returning);
        }
        throw malformed("Expected data manipulation");
    }

    private Statement select() {
        List<DocPath> paths = null;
        if (peek().is(Token.Kind.STAR)) {
            next();
        } else {
            paths = new ArrayList<>();
            paths.add(path());
            while (peek().is(Token.Kind.COMMA)) {
                next();
                paths.add(path());
            }
        }
        expectKeyword("FROM");
        String table = tableName();
        Condition where = null;
        if (peek().isKeyword("WHERE")) {
            next();
            where = or();
        }
        return new Statement.Select(table, paths, where);
    }

    private Statement update() {
        String table = tableName();
        List<UpdateExpression.Set> sets = new ArrayList<>();
        List<DocPath> removes = new ArrayList<>();
        List<UpdateExpression.AddOrDelete> adds = new ArrayList<>();
        List<UpdateExpression.AddOrDelete> deletes = new ArrayList<>();
        boolean any = false;
        // AWS accepts "SET a = 1, b = 2", "SET a = 1 SET b = 2" and SET/REMOVE in any order
        while (peek().isKeyword("SET") || peek().isKeyword("REMOVE")) {
            boolean set = next().isKeyword("SET");
            do {
                if (set) {
                    setAction(sets, adds, deletes);
                } else {
                    removes.add(path());
                }
            } while (peek().is(Token.Kind.COMMA) && next() != null);
            any = true;
        }
        if (!any) {
            throw unexpected(peek());
        }
        Condition where = where();
        return new Statement.Update(table, new UpdateExpression(sets, removes, adds, deletes), where, returning());
    }

    /** {@code path = value}, {@code path = a + b}, {@code list_append(a, b)}, {@code set_add(path, <<..>>)}. */
    private void setAction(List<UpdateExpression.Set> sets, List<UpdateExpression.AddOrDelete> adds,
                           List<UpdateExpression.AddOrDelete> deletes) {
        DocPath target = path();
        expect(Token.Kind.EQ);
        Token t = peek();
        if (t.is(Token.Kind.WORD) && peekAt(1).is(Token.Kind.LPAREN)) {
            String f = next().text().toLowerCase(java.util.Locale.ROOT);
            expect(Token.Kind.LPAREN);
            Operand first = setOperand();
            expect(Token.Kind.COMMA);
            Operand second = setOperand();
            expect(Token.Kind.RPAREN);
            switch (f) {
                case "list_append" -> sets.add(new UpdateExpression.Set(target, new Operand.ListAppend(first, second)));
                case "set_add", "set_delete" -> {
                    if (!(first instanceof Operand.PathRef p) || !p.path().equals(target)
                            || !(second instanceof Operand.ValueRef v)) {
                        throw DynamoException.validation(f + " must name the attribute being set and a set value");
                    }
                    (f.equals("set_add") ? adds : deletes).add(new UpdateExpression.AddOrDelete(target, v));
                }
                default -> throw DynamoException.validation("Unsupported function in SET: " + f);
            }
            return;
        }
        Operand left = setOperand();
        if (peek().is(Token.Kind.PLUS) || peek().is(Token.Kind.MINUS)) {
            boolean minus = next().is(Token.Kind.MINUS);
            sets.add(new UpdateExpression.Set(target, new Operand.Arithmetic(left, minus, setOperand())));
        } else {
            sets.add(new UpdateExpression.Set(target, left));
        }
    }

    private Operand setOperand() {
        return startsValue(peek()) ? valueRef() : new Operand.PathRef(path());
    }

    private Condition where() {
        expectKeyword("WHERE");
        return or();
    }

    private Statement.Returning returning() {
        if (!peek().isKeyword("RETURNING")) {
            return Statement.Returning.NONE;
        }
        next();
        Token which = next();
        Token age = next();
        expect(Token.Kind.STAR);
        boolean all = which.isKeyword("ALL");
        if (!all && !which.isKeyword("MODIFIED")) {
            throw unexpected(which);
        }
        if (age.isKeyword("OLD")) {
            return all ? Statement.Returning.ALL_OLD : Statement.Returning.MODIFIED_OLD;
        }
        if (age.isKeyword("NEW")) {
            return all ? Statement.Returning.ALL_NEW : Statement.Returning.MODIFIED_NEW;
        }
        throw unexpected(age);
    }

    // ---- conditions

    private Condition or() {
        Condition left = and();
        while (peek().isKeyword("OR")) {
            next();
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (peek().isKeyword("AND")) {
            next();
            left = new Condition.And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (peek().isKeyword("NOT")) {
            next();
            nest();
            Condition inner = new Condition.Not(not());
            conditionNesting--;
            return inner;
        }
        return primary();
    }

    private Condition primary() {
        Token t = peek();
        if (t.is(Token.Kind.LPAREN)) {
            next();
            nest();
            Condition inner = or();
            expect(Token.Kind.RPAREN);
            conditionNesting--;
            return inner;
        }
        if (t.is(Token.Kind.WORD) && peekAt(1).is(Token.Kind.LPAREN) && !t.text().equalsIgnoreCase("size")) {
            return function();
        }
        Operand left = conditionOperand();
        Token op = peek();
        if (op.isComparator()) {
            next();
            return new Condition.Compare(op.is(Token.Kind.NE) ? "<>" : op.text(), left, conditionOperand());
        }
        if (op.isKeyword("BETWEEN")) {
            next();
            Operand low = conditionOperand();
            expectKeyword("AND");
            return new Condition.Between(left, low, conditionOperand());
        }
        if (op.isKeyword("IN")) {
            next();
            Token open = next();
            Token.Kind close = open.is(Token.Kind.LBRACKET) ? Token.Kind.RBRACKET : Token.Kind.RPAREN;
            if (!open.is(Token.Kind.LBRACKET) && !open.is(Token.Kind.LPAREN)) {
                throw unexpected(open);
            }
            List<Operand> candidates = new ArrayList<>();
            candidates.add(conditionOperand());
            while (peek().is(Token.Kind.COMMA)) {
                next();
                candidates.add(conditionOperand());
            }
            expect(close);
            return new Condition.In(left, candidates);
        }
        if (op.isKeyword("IS") && left instanceof Operand.PathRef p) {
            next();
            boolean negated = peek().isKeyword("NOT") && next() != null;
            Token what = next();
            if (what.isKeyword("MISSING")) {
                return new Condition.Exists(p.path(), negated);
            }
            if (what.isKeyword("NULL")) {
                Condition isNull = new Condition.AttributeType(p.path(), literal(Json.object().put("S", "NULL")));
                return negated ? new Condition.Not(isNull) : isNull;
            }
            throw unexpected(what);
        }
        throw unexpected(op);
    }

    private Condition function() {
        Token name = next();
        String f = name.text().toLowerCase(java.util.Locale.ROOT);
        expect(Token.Kind.LPAREN);
        List<Operand> args = new ArrayList<>();
        args.add(conditionOperand());
        while (peek().is(Token.Kind.COMMA)) {
            next();
            args.add(conditionOperand());
        }
        expect(Token.Kind.RPAREN);
        int arity = f.startsWith("attribute_") && !f.equals("attribute_type") ? 1 : 2;
        if (args.size() != arity) {
            throw DynamoException.validation("Incorrect number of operands for operator or function; operator or "
                    + "function: " + f + ", number of operands: " + args.size());
        }
        return switch (f) {
            case "attribute_exists", "attribute_not_exists" ->
                    new Condition.Exists(pathArgument(f, args.get(0)), f.equals("attribute_exists"));
            case "attribute_type" -> new Condition.AttributeType(pathArgument(f, args.get(0)), args.get(1));
            case "begins_with" -> new Condition.BeginsWith(args.get(0), args.get(1));
            case "contains" -> new Condition.Contains(args.get(0), args.get(1));
            default -> throw DynamoException.validation("Unsupported function: " + name.text());
        };
    }

    private static DocPath pathArgument(String f, Operand a) {
        if (a instanceof Operand.PathRef p) {
            return p.path();
        }
        throw DynamoException.validation("Operator or function requires a document path; operator or function: " + f);
    }

    private Operand conditionOperand() {
        Token t = peek();
        if (t.isKeyword("size") && peekAt(1).is(Token.Kind.LPAREN)) {
            next();
            next();
            DocPath p = path();
            expect(Token.Kind.RPAREN);
            return new Operand.Size(p);
        }
        return startsValue(t) ? valueRef() : new Operand.PathRef(path());
    }

    // ---- values

    private static boolean startsValue(Token t) {
        return switch (t.kind()) {
            case STRING, NUMBER, PARAM, LBRACE, LBRACKET, LBAG, MINUS -> true;
            case WORD -> t.isKeyword("true") || t.isKeyword("false") || t.isKeyword("null");
            default -> false;
        };
    }

    private Operand.ValueRef valueRef() {
        int at = peek().start();
        return new Operand.ValueRef("@" + at, value("root", 1));
    }

    private void nest() {
        if (++conditionNesting > MAX_CONDITION_NESTING) {
            throw malformed("Expression nesting is deeper than " + MAX_CONDITION_NESTING + " levels");
        }
    }

    private static Operand.ValueRef literal(ObjectNode v) {
        return new Operand.ValueRef("literal", v);
    }

    /**
     * A literal or a bound parameter, as a canonical attribute value.
     *
     * @param path  where it is, for AWS's message about nesting ({@code root.a[0]})
     * @param level its level in the item, an attribute's value being 1
     */
    private ObjectNode value(String path, int level) {
        if (level > AttributeValues.MAX_NESTING_LEVELS) {
            throw DynamoException.validation("Nesting Levels have exceeded supported limits under " + path);
        }
        Token t = next();
        switch (t.kind()) {
            case PARAM -> {
                if (nextParameter >= parameters.size()) {
                    throw DynamoException.validation("Number of parameters in request and statement don't match.");
                }
                return parameters.get(nextParameter++);
            }
            case STRING -> {
                return Json.object().put("S", t.text());
            }
            case NUMBER -> {
                return AttributeValues.value(Json.object().put("N", t.text()));
            }
            case MINUS -> {
                Token n = next();
                if (!n.is(Token.Kind.NUMBER)) {
                    throw unexpected(n);
                }
                return AttributeValues.value(Json.object().put("N", "-" + n.text()));
            }
            case LBRACE -> {
                return map(path, level);
            }
            case LBRACKET -> {
                ObjectNode out = Json.object();
                ArrayNode list = out.putArray("L");
                if (!peek().is(Token.Kind.RBRACKET)) {
                    do {
                        list.add(value(path + "[" + list.size() + "]", level + 1));
                    } while (peek().is(Token.Kind.COMMA) && next() != null);
                }
                expect(Token.Kind.RBRACKET);
                return out;
            }
            case LBAG -> {
                return bag();
            }
            case WORD -> {
                if (t.isKeyword("null")) {
                    return Json.object().put("NULL", true);
                }
                if (t.isKeyword("true") || t.isKeyword("false")) {
                    return Json.object().put("BOOL", t.isKeyword("true"));
                }
                throw unexpected(t);
            }
            default -> throw unexpected(t);
        }
    }

    private ObjectNode map(String path, int level) {
        Map<String, ObjectNode> members = new LinkedHashMap<>();
        if (!peek().is(Token.Kind.RBRACE)) {
            do {
                Token key = next();
                if (!key.is(Token.Kind.STRING) && !key.is(Token.Kind.QUOTED_NAME)) {
                    throw unexpected(key);
                }
                expect(Token.Kind.COLON);
                if (members.put(key.text(), value(path + "." + key.text(), level + 1)) != null) {
                    throw DynamoException.validation("Duplicate attribute name in the item: " + key.text());
                }
            } while (peek().is(Token.Kind.COMMA) && next() != null);
        }
        expect(Token.Kind.RBRACE);
        ObjectNode out = Json.object();
        ObjectNode m = out.putObject("M");
        members.forEach(m::set);
        return out;
    }

    /** {@code <<'a', 'b'>>} or {@code <<1, 2>>}: a string or number set. */
    private ObjectNode bag() {
        List<ObjectNode> members = new ArrayList<>();
        if (!peek().is(Token.Kind.RBAG)) {
            do {
                if (peek().is(Token.Kind.PARAM)) {
                    throw DynamoException.validation("Unsupported data type in Bag");
                }
                members.add(value("root", 1));
            } while (peek().is(Token.Kind.COMMA) && next() != null);
        }
        expect(Token.Kind.RBAG);
        if (members.isEmpty()) {
            throw DynamoException.validation("Empty bags are not supported");
        }
        String type = AttributeValues.type(members.get(0));
        if (!type.equals("S") && !type.equals("N")
                || members.stream().anyMatch(m -> !AttributeValues.type(m).equals(type))) {
            throw DynamoException.validation("DynamoDB only supports either numbers or strings in bags");
        }
        ObjectNode raw = Json.object();
        ArrayNode set = raw.putArray(type + "S");
        members.forEach(m -> set.add(AttributeValues.inner(m).textValue()));
        return AttributeValues.value(raw);
    }

    // ---- names

    private String tableName() {
        Token t = next();
        if (!t.is(Token.Kind.QUOTED_NAME) && !t.is(Token.Kind.WORD)) {
            throw unexpected(t);
        }
        if (t.text().isEmpty()) {
            throw DynamoException.validation("Path component cannot be an empty string");
        }
        if (peek().is(Token.Kind.DOT)) {
            throw DynamoException.validation("The sandbox has no secondary indexes: \"table\".\"index\" is not supported");
        }
        return t.text();
    }

    private DocPath path() {
        List<Object> elements = new ArrayList<>();
        elements.add(name());
        while (true) {
            if (peek().is(Token.Kind.DOT)) {
                next();
                elements.add(name());
            } else if (peek().is(Token.Kind.LBRACKET)) {
                next();
                Token n = next();
                if (!n.is(Token.Kind.NUMBER) || !n.text().chars().allMatch(Character::isDigit) || n.text().length() > 9) {
                    throw unexpected(n);
                }
                expect(Token.Kind.RBRACKET);
                elements.add(Integer.parseInt(n.text()));
            } else {
                return new DocPath(elements);
            }
        }
    }

    private String name() {
        Token t = next();
        if (t.is(Token.Kind.QUOTED_NAME) || t.is(Token.Kind.WORD) && !Keywords.isReserved(t.text())) {
            return t.text();
        }
        throw unexpected(t);
    }

    // ---- tokens and errors

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (!t.is(Token.Kind.EOF)) {
            pos++;
        }
        return t;
    }

    private void expect(Token.Kind k) {
        Token t = next();
        if (!t.is(k)) {
            throw unexpected(t);
        }
    }

    private void expectKeyword(String keyword) {
        Token t = next();
        if (!t.isKeyword(keyword)) {
            throw unexpected(t);
        }
    }

    private DynamoException unexpected(Token t) {
        if (t.is(Token.Kind.EOF)) {
            return malformed("Unexpected end of statement");
        }
        if (t.is(Token.Kind.INVALID)) {
            return malformed("Unexpected character at position " + t.start() + ": " + t.text());
        }
        return malformed("Unexpected " + (t.is(Token.Kind.WORD) ? "keyword" : "token") + " at position "
                + t.start() + ": " + t.text());
    }

    private static DynamoException malformed(String detail) {
        return DynamoException.validation(MALFORMED + detail);
    }
}
