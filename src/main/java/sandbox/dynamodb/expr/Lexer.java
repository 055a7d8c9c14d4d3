package sandbox.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; an unexpected character becomes an INVALID token for the parser to report. */
final class Lexer {

    private Lexer() {
    }

    static List<Token> tokens(String src) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            Token.Kind kind;
            if (isWordChar(c)) {
                while (i < n && isWordChar(src.charAt(i))) {
                    i++;
                }
                String word = src.substring(start, i);
                kind = Character.isDigit(c) ? (word.chars().allMatch(Character::isDigit) ? Token.Kind.NUMBER
                        : Token.Kind.INVALID) : Token.Kind.NAME;
            } else if (c == '#' || c == ':') {
                i++;
                while (i < n && isWordChar(src.charAt(i))) {
                    i++;
                }
                kind = i == start + 1 ? Token.Kind.INVALID : c == '#' ? Token.Kind.NAME_REF : Token.Kind.VALUE_REF;
            } else {
                i++;
                kind = switch (c) {
                    case '(' -> Token.Kind.LPAREN;
                    case ')' -> Token.Kind.RPAREN;
                    case '[' -> Token.Kind.LBRACKET;
                    case ']' -> Token.Kind.RBRACKET;
                    case ',' -> Token.Kind.COMMA;
                    case '.' -> Token.Kind.DOT;
                    case '+' -> Token.Kind.PLUS;
                    case '-' -> Token.Kind.MINUS;
                    case '=' -> Token.Kind.EQ;
                    case '<' -> {
                        if (i < n && src.charAt(i) == '=') {
                            i++;
                            yield Token.Kind.LE;
                        }
                        if (i < n && src.charAt(i) == '>') {
                            i++;
                            yield Token.Kind.NE;
                        }
                        yield Token.Kind.LT;
                    }
                    case '>' -> {
                        if (i < n && src.charAt(i) == '=') {
                            i++;
                            yield Token.Kind.GE;
                        }
                        yield Token.Kind.GT;
                    }
                    default -> Token.Kind.INVALID;
                };
            }
            out.add(new Token(kind, src.substring(start, i), start, i));
        }
        out.add(new Token(Token.Kind.EOF, "<EOF>", n, n));
        return out;
    }

    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
}
