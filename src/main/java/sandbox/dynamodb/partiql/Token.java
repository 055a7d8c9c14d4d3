package sandbox.dynamodb.partiql;

/** One lexical token of a PartiQL statement. */
record Token(Kind kind, String text, int start) {

    enum Kind {
        WORD, QUOTED_NAME, STRING, NUMBER, PARAM, LBRACE, RBRACE, LBRACKET, RBRACKET, LPAREN, RPAREN,
        LBAG, RBAG, COMMA, DOT, COLON, STAR, EQ, NE, LT, LE, GT, GE, PLUS, MINUS, SEMICOLON, INVALID, EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** A bare word that is this keyword, in any case. */
    boolean isKeyword(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    boolean isComparator() {
        return switch (kind) {
            case EQ, NE, LT, LE, GT, GE -> true;
            default -> false;
        };
    }
}
