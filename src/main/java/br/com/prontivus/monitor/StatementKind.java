package br.com.prontivus.monitor;

import java.util.Locale;
import org.jooq.Delete;
import org.jooq.Insert;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.Update;

/** What a timed statement did, as the performance check and the charts group it. */
public enum StatementKind {
    SELECT, INSERT, UPDATE, DELETE, OTHER;

    /** From the jOOQ query when there is one, else from the first keyword of the SQL (plain SQL, PRAGMA…). */
    static StatementKind of(Query query, String sql) {
        if (query instanceof Select<?>) {
            return SELECT;
        }
        if (query instanceof Insert<?>) {
            return INSERT;
        }
        if (query instanceof Update<?>) {
            return UPDATE;
        }
        if (query instanceof Delete<?>) {
            return DELETE;
        }
        return ofSql(sql);
    }

    static StatementKind ofSql(String sql) {
        if (sql == null) {
            return OTHER;
        }
        int i = 0;
        int n = sql.length();
        while (i < n) { // skip blanks, "-- line" and "/* block */" comments and opening parentheses
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return switch (sql.substring(start, i).toUpperCase(Locale.ROOT)) {
            case "SELECT", "WITH", "VALUES", "TABLE" -> SELECT;
            case "INSERT", "REPLACE" -> INSERT;
            case "UPDATE" -> UPDATE;
            case "DELETE" -> DELETE;
            default -> OTHER;
        };
    }
}
