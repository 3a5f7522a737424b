package dev.clusterlab.engine.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a scenario file split into whitespace-separated tokens with their 1-based columns.
 * A token starting with '#' begins a comment that runs to the end of the line.
 */
final class SourceLine {

    record Token(String text, int column) {
        /** The column just after the token, where "expected more" errors point. */
        int end() { return column + text.length(); }
    }

    final String file;
    final int number;
    final String text;
    final List<Token> tokens;
    /** Index (0-based) where the content ends: the comment's start, or the line's length. */
    final int contentEnd;

    SourceLine(String file, int number, String raw) {
        this.file = file;
        this.number = number;
        this.text = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        List<Token> out = new ArrayList<>();
        int i = 0, n = text.length(), end = n;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) i++;
            if (i >= n) break;
            if (text.charAt(i) == '#') {
                end = i;
                break;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
            out.add(new Token(text.substring(start, i), start + 1));
        }
        this.tokens = List.copyOf(out);
        this.contentEnd = end;
    }

    ScenarioSyntaxException error(int column, String message) {
        int clamped = Math.max(1, Math.min(column, text.length() + 1));
        return new ScenarioSyntaxException(file, number, clamped, message);
    }

    ScenarioSyntaxException error(Token token, String message) { return error(token.column(), message); }

    /** Column just after the last token, for "expected more" errors. */
    int endColumn() { return tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).end(); }

    /** The tokens of the content from 0-based index {@code from} on (a token may start inside a word). */
    List<Token> tokensFrom(int from) {
        List<Token> out = new ArrayList<>();
        int i = Math.max(0, from), n = contentEnd;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) i++;
            if (i >= n) break;
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
            out.add(new Token(text.substring(start, i), start + 1));
        }
        return out;
    }
}
