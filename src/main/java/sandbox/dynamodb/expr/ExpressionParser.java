package sandbox.dynamodb.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import sandbox.core.Json;
import sandbox.dynamodb.AttributeValues;
import sandbox.dynamodb.DynamoException;

/**
 * Recursive-descent parser for DynamoDB's expression grammar. Precedence, loosest first: OR, AND, NOT,
 * then comparisons / BETWEEN / IN / functions, then parentheses. Errors are ValidationExceptions with
 * AWS's wording ("Invalid ConditionExpression: Syntax error; token: ..., near: ..."); errors AWS finds
 * after the syntax check (reserved words, undefined placeholders, operand types) are reported only
 * when the whole expression parsed.
 */
public final class ExpressionParser {

    static final int MAX_EXPRESSION_BYTES = 4096;
    static final int MAX_IN_OPERANDS = 100;
    /** AWS: at most 300 operators and functions in an expression. */
    static final int MAX_OPERATORS = 300;
    /**
     * Parentheses and SET functions nested deeper than this are refused before the parser recurses on (four frames a
     * level, whose size the JIT decides: 300 levels overflowed a 512 KB stack). Deeper than 301, AWS refuses too (more
     * than 300 operators, or redundant parentheses); between the two this is the sandbox's own limit.
     */
    static final int MAX_NESTING = 50;
    private static final Set<String> CONDITION_FUNCTIONS =
            Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
    private static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
    private static final Set<String> TYPE_NAMES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");

    private final String src;
    private final String kind;
    private final ExpressionAttributes attrs;
    private final List<Token> tokens;
    /** For each '(' the index of its ')', -1 when unclosed: where a group ends without scanning for it again. */
    private final int[] closing;
    private int operators;
    private int nesting;
    /** Whether the last SET operand parsed was in parentheses. */
    private boolean operandInParens;
    private final Set<Condition> parenthesized = Collections.newSetFromMap(new IdentityHashMap<>());
    private int pos;
    private final Map<Check, DynamoException> deferred = new EnumMap<>(Check.class);

    /** Errors AWS reports after the syntax check, in the order it reports them. */
    private enum Check { PARENS, UNKNOWN_FUNCTION, MISUSED_FUNCTION, RESERVED, UNDEFINED, OPERAND_COUNT, DISTINCT, FUNCTION }

    private ExpressionParser(String src, String kind, ExpressionAttributes attrs) {
        this.src = src;
        this.kind = kind;
        this.attrs = attrs;
        if (src.isBlank()) {
            throw invalid("The expression can not be empty;");
        }
        int bytes = src.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EXPRESSION_BYTES) {
            throw invalid("Expression size has exceeded the maximum allowed size; expression size: " + bytes);
        }
        this.tokens = Lexer.tokens(src);
        this.closing = new int[tokens.size()];
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            closing[i] = -1;
            if (tokens.get(i).is(Token.Kind.LPAREN)) {
                open.push(i);
            } else if (tokens.get(i).is(Token.Kind.RPAREN) && !open.isEmpty()) {
                closing[open.pop()] = i;
            }
        }
    }

    /**
     * Parses a condition.
     *
     * @param kind the parameter name for messages: ConditionExpression, FilterExpression or KeyConditionExpression
     */
    public static Condition condition(String text, String kind, ExpressionAttributes attrs) {
        ExpressionParser p = new ExpressionParser(text, kind, attrs);
        Condition c = p.parseOr();
        p.expect(Token.Kind.EOF);
        p.finish();
        return c;
    }

    public static UpdateExpression update(String text, ExpressionAttributes attrs) {
        ExpressionParser p = new ExpressionParser(text, "UpdateExpression", attrs);
        UpdateExpression u = p.parseUpdate();
        p.finish();
        return u;
    }

    public static List<DocPath> projection(String text, ExpressionAttributes attrs) {
        ExpressionParser p = new ExpressionParser(text, "ProjectionExpression", attrs);
        List<DocPath> paths = new ArrayList<>();
        paths.add(p.parsePath());
        while (p.peek().is(Token.Kind.COMMA)) {
            p.next();
            paths.add(p.parsePath());
        }
        p.expect(Token.Kind.EOF);
        p.finish();
        p.checkOverlaps(paths);
        return paths;
    }

    // ---- conditions

    private Condition parseOr() {
        Condition left = parseAnd();
        while (peek().isKeyword("OR")) {
            next();
            operator();
            left = new Condition.Or(left, parseAnd());
        }
        return left;
    }

    private Condition parseAnd() {
        Condition left = parseNot();
        while (peek().isKeyword("AND")) {
            next();
            operator();
            left = new Condition.And(left, parseNot());
        }
        return left;
    }

    private Condition parseNot() {
        if (peek().isKeyword("NOT")) {
            next();
            operator();
            return new Condition.Not(parseNot());
        }
        return parsePrimary();
    }

    private Condition parsePrimary() {
        Token t = peek();
        if (t.is(Token.Kind.LPAREN) && !startsComparison(tokenAfterParens(pos))) {
            next();
            nest();
            Condition inner = parseOr();
            expect(Token.Kind.RPAREN);
            nesting--;
            if (parenthesized.contains(inner)) {
                defer(Check.PARENS, invalid("The expression has redundant parentheses;"));
            }
            parenthesized.add(inner);
            return inner;
        }
        if (t.is(Token.Kind.NAME) && peekAt(1).is(Token.Kind.LPAREN) && !t.text().equals("size")
                && !startsComparison(tokenAfterCall())) {
            if (CONDITION_FUNCTIONS.contains(t.text())) {
                return parseConditionFunction();
            }
            next();
            operator();
            parseArguments();
            defer(UPDATE_FUNCTIONS.contains(t.text()) ? Check.MISUSED_FUNCTION : Check.UNKNOWN_FUNCTION,
                    invalid(UPDATE_FUNCTIONS.contains(t.text())
                            ? "The function is not allowed to be used this way in an expression; function: " + t.text()
                            : "Invalid function name; function: " + t.text()));
            return new Condition.True();
        }
        Operand left = parseConditionOperand();
        Token op = peek();
        if (op.isComparator()) {
            next();
            operator();
            Operand right = parseConditionOperand();
            checkDistinct(op.text(), left, right);
            if (!op.is(Token.Kind.EQ) && !op.is(Token.Kind.NE)) {
                requireOrdered(op.text(), left);
                requireOrdered(op.text(), right);
            }
            return new Condition.Compare(op.text(), left, right);
        }
        if (op.isKeyword("BETWEEN")) {
            next();
            operator();
            Operand low = parseConditionOperand();
            expectKeyword("AND");
            Operand high = parseConditionOperand();
            requireOrdered("BETWEEN", left);
            requireOrdered("BETWEEN", low);
            requireOrdered("BETWEEN", high);
            if (low instanceof Operand.ValueRef lo && high instanceof Operand.ValueRef hi
                    && !AttributeValues.type(lo.value()).equals(AttributeValues.type(hi.value()))) {
                defer(Check.FUNCTION, invalid("The BETWEEN operator requires same data type for lower and upper bounds; "
                        + "lower bound operand: AttributeValue: " + brief(lo.value()) + ", upper bound operand: AttributeValue: "
                        + brief(hi.value())));
            } else if (low instanceof Operand.ValueRef lo && high instanceof Operand.ValueRef hi
                    && AttributeValues.isOrdered(lo.value()) && AttributeValues.compare(lo.value(), hi.value()) > 0) {
                defer(Check.FUNCTION, invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + "lower bound operand: AttributeValue: " + brief(lo.value()) + ", upper bound operand: AttributeValue: "
                        + brief(hi.value())));
            }
            return new Condition.Between(left, low, high);
        }
        if (op.isKeyword("IN")) {
            next();
            operator();
            expect(Token.Kind.LPAREN);
            List<Operand> candidates = new ArrayList<>();
            candidates.add(parseConditionOperand());
            while (peek().is(Token.Kind.COMMA)) {
                next();
                candidates.add(parseConditionOperand());
            }
            expect(Token.Kind.RPAREN);
            if (candidates.size() > MAX_IN_OPERANDS) {
                defer(Check.FUNCTION, invalid("The IN operator is provided with too many operands; number of operands: "
                        + candidates.size()));
            }
            return new Condition.In(left, candidates);
        }
        if (left instanceof Operand.Size) {
            defer(Check.MISUSED_FUNCTION, invalid("The function is not allowed to be used this way in an expression; "
                    + "function: size"));
            return new Condition.True();
        }
        throw syntax(op);
    }

    private void checkDistinct(String operator, Operand first, Operand second) {
        if (first instanceof Operand.PathRef a && second instanceof Operand.PathRef b && a.path().equals(b.path())) {
            defer(Check.DISTINCT, invalid("The first operand must be distinct from the remaining operands for this "
                    + "operator or function; operator: " + operator + ", first operand: " + a.path().listForm()));
        }
    }

    /** The token just after the function call starting at the current token. */
    private Token tokenAfterCall() {
        return tokenAfterParens(pos + 1);
    }

    /** The token just after the parenthesised group opening at {@code open} (EOF when it is never closed). */
    private Token tokenAfterParens(int open) {
        int close = open < closing.length ? closing[open] : -1;
        return close < 0 ? tokens.get(tokens.size() - 1) : tokens.get(Math.min(close + 1, tokens.size() - 1));
    }

    private static boolean startsComparison(Token t) {
        return t.isComparator() || t.isKeyword("BETWEEN") || t.isKeyword("IN");
    }

    private static String brief(ObjectNode v) {
        return "{" + AttributeValues.type(v) + ":" + AttributeValues.inner(v).asText() + "}";
    }

    private Condition parseConditionFunction() {
        Token name = next();
        operator();
        List<Operand> args = parseArguments();
        String f = name.text();
        switch (f) {
            case "attribute_exists", "attribute_not_exists" -> {
                if (!arity(f, args, 1)) {
                    return new Condition.True();
                }
                return new Condition.Exists(pathArgument(f, args.get(0)), f.equals("attribute_exists"));
            }
            case "attribute_type" -> {
                if (!arity(f, args, 2)) {
                    return new Condition.True();
                }
                DocPath path = pathArgument(f, args.get(0));
                if (args.get(1) instanceof Operand.ValueRef v) {
                    if (!AttributeValues.type(v.value()).equals("S")) {
                        defer(Check.FUNCTION, operandType(f, AttributeValues.type(v.value())));
                    } else if (!TYPE_NAMES.contains(v.value().get("S").textValue())) {
                        defer(Check.FUNCTION, invalid("Invalid attribute type name found; type: " + v.value().get("S").textValue()
                                + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"));
                    }
                } else {
                    defer(Check.FUNCTION, operandType(f, "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"));
                }
                return new Condition.AttributeType(path, args.get(1));
            }
            case "begins_with" -> {
                if (!arity(f, args, 2)) {
                    return new Condition.True();
                }
                checkDistinct(f, args.get(0), args.get(1));
                for (Operand a : args) {
                    if (a instanceof Operand.ValueRef v) {
                        String type = AttributeValues.type(v.value());
                        if (!type.equals("S") && !type.equals("B")) {
                            defer(Check.FUNCTION, operandType(f, type));
                        }
                    }
                }
                return new Condition.BeginsWith(args.get(0), args.get(1));
            }
            default -> {
                if (!arity(f, args, 2)) {
                    return new Condition.True();
                }
                checkDistinct(f, args.get(0), args.get(1));
                return new Condition.Contains(args.get(0), args.get(1));
            }
        }
    }

    private List<Operand> parseArguments() {
        expect(Token.Kind.LPAREN);
        List<Operand> args = new ArrayList<>();
        args.add(parseConditionOperand());
        while (peek().is(Token.Kind.COMMA)) {
            next();
            args.add(parseConditionOperand());
        }
        expect(Token.Kind.RPAREN);
        return args;
    }

    private boolean arity(String f, List<Operand> args, int n) {
        if (args.size() == n) {
            return true;
        }
        defer(Check.OPERAND_COUNT, invalid("Incorrect number of operands for operator or function; operator or function: "
                + f + ", number of operands: " + args.size()));
        return false;
    }

    private DocPath pathArgument(String f, Operand a) {
        if (a instanceof Operand.PathRef p) {
            return p.path();
        }
        defer(Check.FUNCTION, invalid("Operator or function requires a document path; operator or function: " + f));
        return DocPath.of("?");
    }

    /** A comparison operand: a path, a :value or size(path), possibly in parentheses. */
    private Operand parseConditionOperand() {
        Token t = peek();
        if (t.is(Token.Kind.LPAREN)) {
            next();
            nest();
            if (peek().is(Token.Kind.LPAREN) && tokenAfterParens(pos).is(Token.Kind.RPAREN)) {
                defer(Check.PARENS, invalid("The expression has redundant parentheses;"));
            }
            Operand inner = parseConditionOperand();
            expect(Token.Kind.RPAREN);
            nesting--;
            return inner;
        }
        if (t.is(Token.Kind.NAME) && peekAt(1).is(Token.Kind.LPAREN)) {
            next();
            operator();
            String f = t.text();
            if (f.equals("size")) {
                List<Operand> args = parseArguments();
                arity(f, args, 1);
                return new Operand.Size(pathArgument(f, args.get(0)));
            }
            if (CONDITION_FUNCTIONS.contains(f) || UPDATE_FUNCTIONS.contains(f)) {
                parseArguments();
                defer(Check.MISUSED_FUNCTION, invalid("The function is not allowed to be used this way in an expression; function: " + f));
                return new Operand.PathRef(DocPath.of(f));
            }
            parseArguments();
            defer(Check.UNKNOWN_FUNCTION, invalid("Invalid function name; function: " + f));
            return new Operand.PathRef(DocPath.of(f));
        }
        if (t.is(Token.Kind.VALUE_REF)) {
            return valueRef(next());
        }
        return new Operand.PathRef(parsePath());
    }

    private void requireOrdered(String op, Operand o) {
        if (o instanceof Operand.ValueRef v && !AttributeValues.isOrdered(v.value())) {
            defer(Check.FUNCTION, operandType(op, AttributeValues.type(v.value())));
        }
    }

    private DynamoException operandType(String f, String type) {
        return invalid("Incorrect operand type for operator or function; operator or function: " + f
                + ", operand type: " + type);
    }

    // ---- update expressions

    private UpdateExpression parseUpdate() {
        List<UpdateExpression.Set> sets = new ArrayList<>();
        List<DocPath> removes = new ArrayList<>();
        List<UpdateExpression.AddOrDelete> adds = new ArrayList<>();
        List<UpdateExpression.AddOrDelete> deletes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        do {
            Token clause = next();
            String section = clause.is(Token.Kind.NAME) ? clause.text().toUpperCase(Locale.ROOT) : "";
            if (!List.of("SET", "REMOVE", "ADD", "DELETE").contains(section)) {
                throw syntax(clause);
            }
            if (!seen.add(section)) {
                defer(Check.FUNCTION, invalid("The \"" + section + "\" section can only be used once in an update expression;"));
            }
            do {
                switch (section) {
                    case "SET" -> {
                        DocPath path = parsePath();
                        expect(Token.Kind.EQ);
                        sets.add(new UpdateExpression.Set(path, parseSetValue()));
                    }
                    case "REMOVE" -> removes.add(parsePath());
                    default -> {
                        DocPath path = parsePath();
                        Token v = peek();
                        if (!v.is(Token.Kind.VALUE_REF)) {
                            throw syntax(v);
                        }
                        next();
                        Operand.ValueRef value = valueRef(v);
                        String type = value.value() == null ? "N" : AttributeValues.type(value.value());
                        boolean ok = section.equals("ADD") ? List.of("N", "SS", "NS", "BS").contains(type)
                                : List.of("SS", "NS", "BS").contains(type);
                        if (!ok) {
                            defer(Check.FUNCTION, invalid("Incorrect operand type for operator or function; operator: " + section
                                    + ", operand type: " + AttributeValues.typeWord(value.value()) + ", typeSet: ALLOWED_FOR_"
                                    + section + "_OPERAND"));
                        }
                        (section.equals("ADD") ? adds : deletes).add(new UpdateExpression.AddOrDelete(path, value));
                    }
                }
            } while (peek().is(Token.Kind.COMMA) && next() != null);
        } while (!peek().is(Token.Kind.EOF));
        UpdateExpression u = new UpdateExpression(sets, removes, adds, deletes);
        checkOverlaps(u.targets());
        return u;
    }

    /**
     * A SET value as AWS's grammar has it: {@code operand}, {@code operand + operand} or {@code operand - operand},
     * each operand optionally in one pair of parentheses, or the whole value in one pair: {@code (a + :x)},
     * {@code (a) - (:y)}, but not {@code (a + :x) - :y}.
     */
    private Operand parseSetValue() {
        if (peek().is(Token.Kind.LPAREN)) {
            next();
            Operand inner = parseArithmetic();
            boolean wholeValue = inner instanceof Operand.Arithmetic || operandInParens;
            expect(Token.Kind.RPAREN);
            return wholeValue ? inner : continueArithmetic(inner);
        }
        return parseArithmetic();
    }

    private Operand parseArithmetic() {
        return continueArithmetic(parseOperandInParens());
    }

    private Operand continueArithmetic(Operand left) {
        Token t = peek();
        if (t.is(Token.Kind.PLUS) || t.is(Token.Kind.MINUS)) {
            next();
            operator();
            Operand right = parseOperandInParens();
            for (Operand o : List.of(left, right)) {
                if (o instanceof Operand.ValueRef v && !AttributeValues.type(v.value()).equals("N")) {
                    defer(Check.FUNCTION, operandType(t.text(), AttributeValues.type(v.value())));
                }
            }
            return new Operand.Arithmetic(left, t.is(Token.Kind.MINUS), right);
        }
        return left;
    }

    /** An operand, optionally in one pair of parentheses ({@link #operandInParens} says which). */
    private Operand parseOperandInParens() {
        if (peek().is(Token.Kind.LPAREN)) {
            next();
            Operand o = parseSetOperand();
            expect(Token.Kind.RPAREN);
            operandInParens = true;
            return o;
        }
        Operand o = parseSetOperand();
        operandInParens = false;
        return o;
    }

    private Operand parseSetOperand() {
        Token t = peek();
        if (t.is(Token.Kind.VALUE_REF)) {
            return valueRef(next());
        }
        if (t.is(Token.Kind.NAME) && peekAt(1).is(Token.Kind.LPAREN)) {
            next();
            operator();
            String f = t.text();
            expect(Token.Kind.LPAREN);
            nest();
            List<Operand> args = new ArrayList<>();
            args.add(parseOperandInParens());
            while (peek().is(Token.Kind.COMMA)) {
                next();
                args.add(parseOperandInParens());
            }
            expect(Token.Kind.RPAREN);
            nesting--;
            switch (f) {
                case "if_not_exists" -> {
                    arity(f, args, 2);
                    return new Operand.IfNotExists(pathArgument(f, args.get(0)), args.get(args.size() - 1));
                }
                case "list_append" -> {
                    arity(f, args, 2);
                    for (Operand o : args) {
                        if (o instanceof Operand.ValueRef v && !AttributeValues.type(v.value()).equals("L")) {
                            defer(Check.FUNCTION, operandType(f, AttributeValues.type(v.value())));
                        }
                    }
                    return new Operand.ListAppend(args.get(0), args.get(args.size() - 1));
                }
                default -> {
                    if (CONDITION_FUNCTIONS.contains(f) || f.equals("size")) {
                        defer(Check.MISUSED_FUNCTION, invalid("The function is not allowed in an update expression; function: " + f));
                        return args.get(0);
                    }
                    defer(Check.UNKNOWN_FUNCTION, invalid("Invalid function name; function: " + f));
                    return args.get(0);
                }
            }
        }
        return new Operand.PathRef(parsePath());
    }

    private void checkOverlaps(List<DocPath> paths) {
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (paths.get(i).overlaps(paths.get(j))) {
                    defer(Check.FUNCTION, invalid("Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                            + paths.get(i).listForm() + ", path two: " + paths.get(j).listForm()));
                    finish();
                }
            }
        }
    }

    // ---- paths and placeholders

    private DocPath parsePath() {
        List<Object> elements = new ArrayList<>();
        elements.add(pathName());
        while (true) {
            Token t = peek();
            if (t.is(Token.Kind.DOT)) {
                next();
                elements.add(pathName());
            } else if (t.is(Token.Kind.LBRACKET)) {
                next();
                Token n = next();
                if (!n.is(Token.Kind.NUMBER) || n.text().length() > 9) {
                    throw syntax(n);
                }
                expect(Token.Kind.RBRACKET);
                elements.add(Integer.parseInt(n.text()));
            } else {
                return new DocPath(elements);
            }
        }
    }

    private String pathName() {
        Token t = next();
        if (t.is(Token.Kind.NAME_REF)) {
            String name = attrs.name(t.text());
            if (name == null) {
                defer(Check.UNDEFINED, invalid("An expression attribute name used in the document path is not defined; attribute name: "
                        + t.text()));
                return t.text();
            }
            return name;
        }
        if (t.is(Token.Kind.NAME)) {
            if (ReservedWords.isReserved(t.text())) {
                defer(Check.RESERVED, invalid("Attribute name is a reserved keyword; reserved keyword: " + t.text()));
            }
            return t.text();
        }
        throw syntax(t);
    }

    private Operand.ValueRef valueRef(Token t) {
        ObjectNode v = attrs.value(t.text());
        if (v == null) {
            defer(Check.UNDEFINED, invalid("An expression attribute value used in expression is not defined; attribute value: "
                    + t.text()));
            v = Json.object().put("NULL", true);
        }
        return new Operand.ValueRef(t.text(), v);
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
        Token t = peek();
        if (!t.is(k)) {
            throw syntax(t);
        }
        next();
    }

    private void expectKeyword(String keyword) {
        Token t = peek();
        if (!t.isKeyword(keyword)) {
            throw syntax(t);
        }
        next();
    }

    /** Counts one operator or function against AWS's limit of {@value #MAX_OPERATORS}. */
    private void operator() {
        if (++operators > MAX_OPERATORS) {
            throw invalid("The expression contains too many operators; operator count: " + operators);
        }
    }

    /**
     * One more level of parentheses or SET functions; past {@link #MAX_NESTING} the expression is refused with AWS's
     * reason where AWS has one (redundant parentheses, more than 300 operators), else with the sandbox's.
     */
    private void nest() {
        if (++nesting > MAX_NESTING) {
            for (int i = 0; i + 1 < tokens.size(); i++) {
                if (closing[i] > 0 && closing[i + 1] > 0 && closing[i + 1] + 1 == closing[i]) {
                    throw invalid("The expression has redundant parentheses;");
                }
            }
            int count = operatorTokens();
            if (count > MAX_OPERATORS) {
                throw invalid("The expression contains too many operators; operator count: " + count);
            }
            throw invalid("The expression is nested too deeply for the sandbox; nesting: " + nesting + ", at most "
                    + MAX_NESTING);
        }
    }

    /** The operators and functions the whole expression names (the AND of a BETWEEN is part of it). */
    private int operatorTokens() {
        int n = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean call = t.is(Token.Kind.NAME) && i + 1 < tokens.size() && tokens.get(i + 1).is(Token.Kind.LPAREN);
            if (t.isComparator() || t.is(Token.Kind.PLUS) || t.is(Token.Kind.MINUS) || t.isKeyword("AND")
                    || t.isKeyword("OR") || t.isKeyword("NOT") || t.isKeyword("IN") || call) {
                n++;
            }
        }
        return n;
    }

    private void defer(Check check, DynamoException e) {
        deferred.putIfAbsent(check, e);
    }

    private void finish() {
        if (!deferred.isEmpty()) {
            throw deferred.values().iterator().next();
        }
    }

    private DynamoException invalid(String detail) {
        return DynamoException.validation("Invalid " + kind + ": " + detail);
    }

    /** {@code Syntax error; token: "x", near: "a x b"}: the bad token with its neighbours as written. */
    private DynamoException syntax(Token t) {
        int index = tokens.indexOf(t);
        int from = index > 0 ? tokens.get(index - 1).start() : t.start();
        int to = t.is(Token.Kind.EOF) ? src.length()
                : index + 1 < tokens.size() - 1 ? tokens.get(index + 1).end() : t.end();
        return invalid("Syntax error; token: \"" + t.text() + "\", near: \"" + src.substring(from, to) + "\"");
    }
}
