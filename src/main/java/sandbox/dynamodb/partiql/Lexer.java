package sandbox.dynamodb.partiql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PartiQL statement into tokens: bare words, "quoted names", 'strings' (a doubled quote is a
 * quote), numbers, {@code ?}, punctuation, {@code << >>} bag brackets; {@code --} and {@code /* *}{@code /}
 * comments are skipped. An unexpected character becomes an INVALID token for the parser to report.
 */
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
            if (src.startsWith("--", i)) {
                int eol = src.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
                continue;
            }
            if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            int start = i;
            if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Token.Kind.WORD, src.substring(start, i), start));
            } else if (Character.isDigit(c)) {
                i = numberEnd(src, i);
                out.add(new Token(Token.Kind.NUMBER, src.substring(start, i), start));
            } else if (c == '\'' || c == '"') {
                StringBuilder text = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = src.charAt(i++);
                    if (d == c) {
                        if (i < n && src.charAt(i) == c) {
                            text.append(c);
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        text.append(d);
                    }
                }
                Token.Kind kind = !closed ? Token.Kind.INVALID : c == '\'' ? Token.Kind.STRING : Token.Kind.QUOTED_NAME;
                out.add(new Token(kind, text.toString(), start));
            } else {
                Token.Kind kind = symbol(src, i);
                i += kind == Token.Kind.LBAG || kind == Token.Kind.RBAG || kind == Token.Kind.LE
                        || kind == Token.Kind.GE || (kind == Token.Kind.NE) ? 2 : 1;
                out.add(new Token(kind, src.substring(start, i), start));
            }
        }
        out.add(new Token(Token.Kind.EOF, "<EOF>", n));
        return out;
    }

    private static int numberEnd(String src, int i) {
        int n = src.length();
        while (i < n && Character.isDigit(src.charAt(i))) {
            i++;
        }
        if (i + 1 < n && src.charAt(i) == '.' && Character.isDigit(src.charAt(i + 1))) {
            i++;
            while (i < n && Character.isDigit(src.charAt(i))) {
                i++;
            }
        }
        if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (src.charAt(j) == '+' || src.charAt(j) == '-')) {
                j++;
            }
            if (j < n && Character.isDigit(src.charAt(j))) {
                i = j;
                while (i < n && Character.isDigit(src.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    private static Token.Kind symbol(String src, int i) {
        char c = src.charAt(i);
        char next = i + 1 < src.length() ? src.charAt(i + 1) : '\0';
        return switch (c) {
            case '{' -> Token.Kind.LBRACE;
            case '}' -> Token.Kind.RBRACE;
            case '[' -> Token.Kind.LBRACKET;
            case ']' -> Token.Kind.RBRACKET;
            case '(' -> Token.Kind.LPAREN;
            case ')' -> Token.Kind.RPAREN;
            case ',' -> Token.Kind.COMMA;
            case '.' -> Token.Kind.DOT;
            case ':' -> Token.Kind.COLON;
            case ';' -> Token.Kind.SEMICOLON;
            case '*' -> Token.Kind.STAR;
            case '?' -> Token.Kind.PARAM;
            case '+' -> Token.Kind.PLUS;
            case '-' -> Token.Kind.MINUS;
            case '=' -> Token.Kind.EQ;
            case '!' -> next == '=' ? Token.Kind.NE : Token.Kind.INVALID;
            case '<' -> next == '<' ? Token.Kind.LBAG : next == '=' ? Token.Kind.LE : next == '>' ? Token.Kind.NE : Token.Kind.LT;
            case '>' -> next == '>' ? Token.Kind.RBAG : next == '=' ? Token.Kind.GE : Token.Kind.GT;
            default -> Token.Kind.INVALID;
        };
    }
}
