package br.com.prontivus.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a SQLite script into statements for the rollback runner (the JDBC driver executes one
 * statement per call). Semicolons inside quotes, identifiers, comments and the BEGIN ... END body
 * of a CREATE TRIGGER (including CASE ... END inside it) do not end a statement. Statements that
 * contain only comments are dropped.
 */
final class SqliteStatementSplitter {

    private SqliteStatementSplitter() {
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        List<String> leadingWords = new ArrayList<>();
        boolean hasContent = false;
        int depth = 0;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                end = end < 0 ? n : end + 1;
                current.append(script, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                current.append(script, i, end);
                i = end;
            } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = script.indexOf(close, i + 1);
                end = end < 0 ? n : end + 1;
                current.append(script, i, end);
                hasContent = true;
                i = end;
            } else if (isWordChar(c)) {
                int end = i;
                while (end < n && isWordChar(script.charAt(end))) {
                    end++;
                }
                String word = script.substring(i, end).toUpperCase(Locale.ROOT);
                if (leadingWords.size() < 3) {
                    leadingWords.add(word);
                }
                if (isTrigger(leadingWords)) {
                    if (word.equals("BEGIN") || word.equals("CASE")) {
                        depth++;
                    } else if (word.equals("END") && depth > 0) {
                        depth--;
                    }
                }
                current.append(script, i, end);
                hasContent = true;
                i = end;
            } else if (c == ';' && depth == 0) {
                if (hasContent) {
                    statements.add(current.toString().strip());
                }
                current.setLength(0);
                leadingWords.clear();
                hasContent = false;
                i++;
            } else {
                current.append(c);
                if (!Character.isWhitespace(c)) {
                    hasContent = true;
                }
                i++;
            }
        }
        if (hasContent) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean isTrigger(List<String> words) {
        if (words.size() < 2 || !words.get(0).equals("CREATE")) {
            return false;
        }
        if (words.get(1).equals("TRIGGER")) {
            return true;
        }
        return words.size() == 3 && (words.get(1).equals("TEMP") || words.get(1).equals("TEMPORARY"))
                && words.get(2).equals("TRIGGER");
    }
}
