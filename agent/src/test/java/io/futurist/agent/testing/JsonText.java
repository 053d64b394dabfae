package io.futurist.agent.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) for what the command line prints, so that the tests check
 * that the output <em>is</em> JSON rather than that it looks like it. Objects become
 * {@code Map<String, Object>} in field order, arrays {@code List<Object>}, integers
 * {@code Long}, other numbers {@code BigDecimal}, and {@code null} the {@link #NULL} marker.
 * Anything not JSON — trailing text, a duplicate key, a bare control character — is an
 * {@code IllegalArgumentException} that says where.
 */
public final class JsonText {

    /** What a JSON {@code null} reads as (maps and lists here hold no Java nulls). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final String text;
    private int at;

    private JsonText(String text) {
        this.text = text;
    }

    /** Reads one JSON value that makes up the whole of {@code text} (whitespace around it allowed). */
    public static Object parse(String text) {
        JsonText reader = new JsonText(text);
        reader.skipSpace();
        Object value = reader.value();
        reader.skipSpace();
        if (reader.at != text.length()) {
            throw reader.error("text after the JSON value");
        }
        return value;
    }

    private Object value() {
        if (at >= text.length()) {
            throw error("a value expected");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected '" + c + "'");
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> fields = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (peek('}')) {
            at++;
            return Collections.unmodifiableMap(fields);
        }
        while (true) {
            skipSpace();
            if (!peek('"')) {
                throw error("a field name expected");
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (fields.put(key, value()) != null) {
                throw error("duplicate field '" + key + "'");
            }
            skipSpace();
            if (peek(',')) {
                at++;
                continue;
            }
            expect('}');
            return Collections.unmodifiableMap(fields);
        }
    }

    private List<Object> array() {
        List<Object> items = new ArrayList<>();
        at++;
        skipSpace();
        if (peek(']')) {
            at++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            skipSpace();
            items.add(value());
            skipSpace();
            if (peek(',')) {
                at++;
                continue;
            }
            expect(']');
            return Collections.unmodifiableList(items);
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("unterminated escape");
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case '"':
                case '\\':
                case '/':
                    out.append(escaped);
                    break;
                case 'b':
                    out.append('\b');
                    break;
                case 'f':
                    out.append('\f');
                    break;
                case 'n':
                    out.append('\n');
                    break;
                case 'r':
                    out.append('\r');
                    break;
                case 't':
                    out.append('\t');
                    break;
                case 'u':
                    if (at + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException e) {
                        throw error("bad \\u escape");
                    }
                    at += 4;
                    break;
                default:
                    throw error("bad escape \\" + escaped);
            }
        }
    }

    private Object number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        if (peek('0')) {
            at++;
        } else if (!digits()) {
            throw error("digits expected");
        }
        boolean integer = true;
        if (peek('.')) {
            at++;
            integer = false;
            if (!digits()) {
                throw error("digits expected after '.'");
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            integer = false;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (!digits()) {
                throw error("digits expected in the exponent");
            }
        }
        String number = text.substring(start, at);
        return integer ? (Object) Long.parseLong(number) : new BigDecimal(number);
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected text");
        }
        at += word.length();
        return value;
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("'" + c + "' expected");
        }
        at++;
    }

    private void skipSpace() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        int from = Math.max(0, at - 30);
        int to = Math.min(text.length(), at + 30);
        return new IllegalArgumentException("not JSON: " + what + " at offset " + at + ": ..." + text.substring(from, to) + "...");
    }
}
