package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    private static List<Csv.Row> parse(String text) throws Exception {
        List<Csv.Row> rows = new ArrayList<>();
        try (Csv.Parser p = new Csv.Parser(new StringReader(text))) {
            for (Csv.Row r; (r = p.next()) != null; ) {
                rows.add(r);
            }
        }
        return rows;
    }

    @Test
    void rfc4180() throws Exception {
        List<Csv.Row> rows = parse("\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"multi\r\nline\",\n3,,");
        assertThat(rows).extracting(Csv.Row::line).containsExactly(1, 2, 4, 6);
        assertThat(rows.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(rows.get(1).fields()).containsExactly("1", "x, y", "say \"hi\"");
        assertThat(rows.get(2).fields()).containsExactly("2", "multi\r\nline", "");
        assertThat(rows.get(3).fields()).containsExactly("3", "", "");
        assertThat(parse("\"\"\n")).extracting(Csv.Row::fields).containsExactly(List.of(""));
    }

    @Test
    void malformed() {
        assertThatThrownBy(() -> parse("a\n\"open\nnever closed")).isInstanceOf(Csv.MalformedException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> parse("a,b\nx\"y,z")).isInstanceOf(Csv.MalformedException.class);
        assertThatThrownBy(() -> parse("\"a\"b,c")).isInstanceOf(Csv.MalformedException.class);
    }

    @Test
    void writesWhatItReads() throws Exception {
        List<String> fields = Arrays.asList("plain", "with, comma", "with \"quote\"", "two\nlines", " padded ", null, "");
        StringWriter out = new StringWriter();
        Csv.writeRow(out, fields);
        assertThat(out.toString()).endsWith("\r\n");
        assertThat(parse(out.toString()).getFirst().fields())
                .containsExactly("plain", "with, comma", "with \"quote\"", "two\nlines", " padded ", "", "");
    }
}
