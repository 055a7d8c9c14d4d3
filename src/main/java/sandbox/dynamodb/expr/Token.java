package sandbox.dynamodb.expr;

/** One lexical token of an expression, with its place in the source (for "near" in syntax errors). */
record Token(Kind kind, String text, int start, int end) {

    enum Kind {
        NAME, NAME_REF, VALUE_REF, NUMBER, LPAREN, RPAREN, LBRACKET, RBRACKET, COMMA, DOT,
        EQ, NE, LT, LE, GT, GE, PLUS, MINUS, INVALID, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** A bare word that is this keyword, in any case (AND, or, Between...). */
    boolean isKeyword(String keyword) {
        return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }

    boolean isComparator() {
        return switch (kind) {
            case EQ, NE, LT, LE, GT, GE -> true;
            default -> false;
        };
    }
}
