package br.com.prontivus.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, small enough to read in one sitting (no new dependency for ~100 lines): fields
 * separated by commas, records by CRLF or LF, a field in double quotes may hold commas, line breaks
 * and doubled quotes ({@code ""}). A UTF-8 byte-order mark before the header is skipped (Excel
 * writes one). Records are read one at a time, so a 100,000-line file is never held in memory.
 */
final class Csv {

    private Csv() {
    }

    /** One record and the physical line of the file where it starts (1-based; the header is line 1). */
    record Row(int line, List<String> fields) {
    }

    /** A quote where none may be, or a file ending inside a quoted field. */
    static final class MalformedException extends Exception {
        private final int line;

        MalformedException(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    static final class Parser implements AutoCloseable {
        private final java.io.Reader in;
        private int line = 1;
        private int pushedBack = -2;
        private boolean first = true;

        Parser(java.io.Reader in) {
            this.in = in;
        }

        private int read() throws IOException {
            if (pushedBack != -2) {
                int c = pushedBack;
                pushedBack = -2;
                return c;
            }
            int c = in.read();
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    c = in.read();
                }
            }
            return c;
        }

        /** The next record, or null at the end of the file. Blank lines are skipped. */
        Row next() throws IOException, MalformedException {
            while (true) {
                int start = line;
                List<String> fields = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                int c = read();
                if (c == -1) {
                    return null;
                }
                if (c == '\n' || c == '\r') {
                    endOfLine(c);
                    continue; // a blank line is no record
                }
                boolean quoted = false;
                boolean afterQuote = false; // a quoted field has closed; only a separator may follow
                boolean fieldStart = true;
                while (true) {
                    if (quoted) {
                        if (c == -1) {
                            throw new MalformedException(start, "a quoted field opened on line " + start + " never closes");
                        }
                        if (c == '"') {
                            int n = read();
                            if (n == '"') {
                                field.append('"');
                            } else {
                                quoted = false;
                                afterQuote = true;
                                c = n;
                                continue;
                            }
                        } else {
                            field.append((char) c);
                            if (c == '\n') {
                                line++;
                            } else if (c == '\r') {
                                int n = read();
                                if (n == '\n') {
                                    field.append('\n');
                                } else {
                                    pushedBack = n;
                                }
                                line++;
                            }
                        }
                        c = read();
                        continue;
                    }
                    if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                        afterQuote = false;
                        fieldStart = true;
                        c = read();
                        continue;
                    }
                    if (c == -1 || c == '\n' || c == '\r') {
                        fields.add(field.toString());
                        if (c != -1) {
                            endOfLine(c);
                        }
                        return new Row(start, fields);
                    }
                    if (afterQuote) {
                        throw new MalformedException(line, "text after the closing quote of a field");
                    }
                    if (c == '"') {
                        if (!fieldStart) {
                            throw new MalformedException(line, "a quote inside an unquoted field (quote the whole field and double the quote)");
                        }
                        quoted = true;
                    } else {
                        field.append((char) c);
                    }
                    fieldStart = false;
                    c = read();
                }
            }
        }

        private void endOfLine(int c) throws IOException {
            line++;
            if (c == '\r') {
                int n = read();
                if (n != '\n') {
                    pushedBack = n;
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Writes one record, quoting only the fields that need it; null is an empty field. Lines end in CRLF (RFC 4180). */
    static void writeRow(Writer out, List<?> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object value = fields.get(i);
            out.write(quote(value == null ? "" : value.toString()));
        }
        out.write("\r\n");
    }

    static String quote(String field) {
        boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0 || (!field.isEmpty()
                && (Character.isWhitespace(field.charAt(0)) || Character.isWhitespace(field.charAt(field.length() - 1))));
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
