package br.com.prontivus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import patients (RFC 4180, per-line rejections, batches) and export, including the round trip. */
class CliImportExportTest {

    @TempDir
    Path dir;

    private CliHarness clinic(String name) {
        return new CliHarness(dir.resolve(name)).init();
    }

    private Path file(String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void importsTheValidLinesAndReportsEachRejectedLine() throws Exception {
        CliHarness cli = clinic("a");
        cli.run("patients", "add", "--name", "Já Cadastrada", "--cpf", "13579246828").ok();
        Path csv = file("patients.csv", String.join("\r\n",
                "name,cpf,birth_date,phone,email,notes",                            // 1
                "Maria da Silva,123.456.789-09,1980-05-17,(11) 98765-4321,maria@x.com.br,", // 2 ok
                "José Bad Cpf,123.456.789-00,1970-01-01,,,",                         // 3 bad CPF
                ",98765432100,1990-02-02,,,",                                        // 4 missing name
                "\"Souza, Ana\",111.444.777-35,,,,\"linha 1",                        // 5 ok, quoted comma
                "linha 2 com \"\"aspas\"\"\"",                                       // 6 (same record as 5)
                "Repetida,11144477735,,,,",                                          // 7 CPF repeated in the file
                "Data Ruim,39053344705,17/05/1980,,,",                               // 8 bad date
                "Já Existe,13579246828,,,,",                                         // 9 CPF already in the database
                "Sem CPF,,2000-01-01,,,",                                            // 10 ok
                "Curta,1",                                                           // 11 wrong field count
                "") );
        long outboxBefore = cli.count("SELECT count(*) FROM outbox WHERE table_name = 'patients' AND kind = 'insert'");

        var r = cli.run("import", "patients", csv.toString(), "--batch-size", "2").expect(4);
        assertThat(r.out().strip()).isEqualTo("imported 3, rejected 6");
        List<String> lines = r.err().lines().toList();
        assertThat(lines).extracting(l -> l.substring(0, l.indexOf(':')))
                .containsExactly("line 3", "line 4", "line 7", "line 8", "line 9", "line 11");
        assertThat(lines.get(0)).contains("Invalid CPF 123.456.789-00");
        assertThat(lines.get(1)).contains("full_name is required");
        assertThat(lines.get(2)).contains("CPF 111.444.777-35 already appears on line 5");
        assertThat(lines.get(3)).contains("Invalid date 17/05/1980 in birth_date");
        assertThat(lines.get(4)).contains("already registered for patient Já Cadastrada");
        assertThat(lines.get(5)).contains("2 fields but the header has 6");

        assertThat(cli.count("SELECT count(*) FROM patients")).isEqualTo(4);
        assertThat(cli.string("SELECT notes FROM patients WHERE cpf = '11144477735'"))
                .isEqualTo("linha 1\r\nlinha 2 com \"aspas\"");
        assertThat(cli.string("SELECT full_name FROM patients WHERE cpf = '11144477735'")).isEqualTo("Souza, Ana");
        assertThat(cli.string("SELECT phone FROM patients WHERE cpf = '12345678909'")).isEqualTo("11987654321");
        assertThat(cli.count("SELECT count(*) FROM outbox WHERE table_name = 'patients' AND kind = 'insert'"))
                .isEqualTo(outboxBefore + 3);
        assertThat(cli.count("SELECT count(*) FROM audit_log WHERE action = 'patient.import'")).isEqualTo(3);
        // the imported patients are searchable like registered ones
        assertThat(cli.run("patients", "search", "souza", "--json").ok().json()).hasSize(1);

        // importing the same file again: every CPF is now taken, only the CPF-less line goes in again
        JsonNode again = cli.run("import", "patients", csv.toString(), "--json").expect(4).json();
        assertThat(again.get("imported").asInt()).isEqualTo(1);
        assertThat(again.get("rejected")).extracting(n -> n.get("line").asInt())
                .containsExactly(2, 3, 4, 5, 7, 8, 9, 11);
        assertThat(again.get("rejected").get(0).get("reason").asText()).contains("already registered");
    }

    @Test
    void aCleanFileExitsZero() throws Exception {
        CliHarness cli = clinic("b");
        Path csv = file("ok.csv", "\uFEFFfull_name,social_name,sex\nAna Lima,,female\nBruno Reis,Bia,\n");
        var r = cli.run("import", "patients", csv.toString()).ok();
        assertThat(r.out().strip()).isEqualTo("imported 2, rejected 0");
        assertThat(r.err()).isEmpty();
        assertThat(cli.string("SELECT social_name FROM patients WHERE full_name = 'Bruno Reis'")).isEqualTo("Bia");
    }

    @Test
    void aBrokenFileImportsNothing() throws Exception {
        CliHarness cli = clinic("c");
        long before = cli.count("SELECT count(*) FROM patients");

        Path missing = dir.resolve("nope.csv");
        var r = cli.run("import", "patients", missing.toString()).expect(2);
        assertThat(r.err()).contains(missing.toString()).contains("no such file");

        Path unterminated = file("bad.csv", "name,notes\nAna,ok\nBia,\"never closed\n");
        assertThat(cli.run("import", "patients", unterminated.toString()).expect(2).err())
                .contains("Malformed CSV", "line 3");
        Path unknownColumn = file("col.csv", "name,brith_date\nAna,2000-01-01\n");
        assertThat(cli.run("import", "patients", unknownColumn.toString()).expect(2).err())
                .contains("Unknown column brith_date");
        Path noName = file("noname.csv", "cpf\n12345678909\n");
        assertThat(cli.run("import", "patients", noName.toString()).expect(2).err()).contains("full_name");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "name\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(cli.run("import", "patients", latin1.toString()).expect(2).err()).contains("UTF-8");
        assertThat(cli.count("SELECT count(*) FROM patients")).isEqualTo(before);
    }

    @Test
    void exportedPatientsImportCleanlyIntoANewClinic() throws Exception {
        CliHarness source = clinic("source");
        source.run("patients", "add", "--name", "Maria da Silva", "--cpf", "12345678909", "--birth-date", "1980-05-17",
                "--sex", "female", "--phone", "11987654321", "--email", "maria@x.com.br", "--address",
                "Rua A, 10, apto \"3\"", "--notes", "alergia: dipirona\nusa óculos").ok();
        source.run("patients", "add", "--name", "José Santos", "--social-name", "Zé").ok();

        Path csv = dir.resolve("export.csv");
        assertThat(source.run("export", "patients", "--format", "csv", "--output", csv.toString()).ok().out())
                .contains("exported 2 patients");
        String header = Files.readAllLines(csv).getFirst();
        assertThat(header).isEqualTo(String.join(",", Views.PATIENT_COLUMNS));
        assertThat(header).startsWith("id,clinic_id,full_name,social_name,cpf,birth_date");

        CliHarness target = clinic("target");
        target.run("import", "patients", csv.toString()).ok();
        JsonNode a = source.run("patients", "list", "--json").ok().json();
        JsonNode b = target.run("patients", "list", "--json").ok().json();
        assertThat(b).hasSize(2);
        for (int i = 0; i < 2; i++) {
            for (String column : List.of("full_name", "social_name", "cpf", "birth_date", "sex", "phone", "email",
                    "address", "notes")) {
                assertThat(b.get(i).get(column)).as(column).isEqualTo(a.get(i).get(column));
            }
            assertThat(b.get(i).get("id")).isNotEqualTo(a.get(i).get("id"));
        }

        // stdout CSV parses back with the same parser; JSON is an array of rows keyed by column
        String stdoutCsv = source.run("export", "patients", "--format", "csv").ok().out();
        List<List<String>> rows = new ArrayList<>();
        try (Csv.Parser p = new Csv.Parser(new StringReader(stdoutCsv))) {
            for (Csv.Row row; (row = p.next()) != null; ) {
                rows.add(row.fields());
            }
        }
        assertThat(rows).hasSize(3);
        assertThat(rows).anySatisfy(row -> assertThat(row)
                .contains("alergia: dipirona\nusa óculos", "Rua A, 10, apto \"3\""));
        JsonNode json = source.run("export", "patients", "--format", "json").ok().json();
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).has("full_name")).isTrue();
    }

    @Test
    void exportsAppointments() throws Exception {
        CliHarness cli = clinic("d");
        String patient = cli.run("patients", "add", "--name", "Maria", "--json").ok().json().get("id").asText();
        cli.run("practitioners", "add", "--name", "Dr. João").ok();
        cli.run("appointments", "add", "--patient", patient, "--practitioner", "Dr. João", "--start",
                "2026-12-01T09:00", "--type", "consulta").ok();

        String csv = cli.run("export", "appointments", "--format", "csv").ok().out();
        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(String.join(",", Views.APPOINTMENT_COLUMNS));
        assertThat(csv).contains("2026-12-01T12:00:00Z", "consulta", "scheduled");
        JsonNode json = cli.run("export", "appointments", "--format", "json").ok().json();
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("patient_id").asText()).isEqualTo(patient);

        // no rows: still a header, so a script can tell the columns
        CliHarness empty = clinic("e");
        assertThat(empty.run("export", "appointments", "--format", "csv").ok().out().strip())
                .isEqualTo(String.join(",", Views.APPOINTMENT_COLUMNS));
        assertThat(empty.run("export", "patients", "--format", "json").ok().json()).isEmpty();
        empty.run("export", "patients", "--format", "xml").expect(2);
    }
}
