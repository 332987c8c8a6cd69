package br.com.prontivus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** Minimal RFC 4180 CSV (quotes, doubled quotes, commas and line breaks inside quotes) for the benchmark's file. */
final class Csv {

    private Csv() {
    }

    static void writeRow(Writer out, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            String f = fields[i];
            if (f == null) {
                continue;
            }
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                out.write('"');
                out.write(f.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(f);
            }
        }
        out.write("\r\n");
    }

    /** The next record, or null at the end of the input; empty fields come back as null. */
    static String[] readRow(BufferedReader in, int expectedFields) throws IOException {
        String line = in.readLine();
        if (line == null) {
            return null;
        }
        List<String> fields = new ArrayList<>(expectedFields);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i == line.length()) {
                if (quoted) { // a line break inside quotes belongs to the field
                    String next = in.readLine();
                    if (next == null) {
                        throw new IOException("Unterminated quoted field");
                    }
                    field.append('\n');
                    line = next;
                    i = 0;
                    continue;
                }
                fields.add(field.isEmpty() ? null : field.toString());
                return fields.toArray(String[]::new);
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.isEmpty() ? null : field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
    }
}
