package br.com.prontivus.cli;

import br.com.prontivus.clinic.Cpf;
import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.clinic.PatientDraft;
import br.com.prontivus.clinic.PatientService;
import br.com.prontivus.i18n.Messages;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Bring data in from files.", subcommands = ImportCommand.Patients.class)
final class ImportCommand {

    /** Columns a patients file may have, as exported; {@code name} is accepted for {@code full_name}. */
    static final List<String> COLUMNS = List.of("full_name", "social_name", "cpf", "birth_date", "sex", "phone",
            "email", "address", "notes");
    /** Columns of an export that belong to the source clinic's rows and are not imported. */
    static final Set<String> IGNORED = Set.of("id", "clinic_id", "row_version", "updated_at", "deleted");

    @Command(name = "patients", description = {
            "Register the patients of a CSV file (UTF-8, RFC 4180: comma-separated, fields with commas,",
            "quotes or line breaks in double quotes). The header row names the columns: full_name (or name),",
            "social_name, cpf, birth_date (YYYY-MM-DD), sex, phone, email, address, notes, in any order;",
            "id, clinic_id, row_version, updated_at and deleted (as exported) are ignored.",
            "Each line is checked as a registration is (CPF check digits, CPF not already registered nor",
            "repeated in the file, dates, e-mail...). Rejected lines are reported as 'line N: reason' on",
            "stderr; the valid ones are imported in batches, one transaction each.",
            "",
            "Exit code: 0 when every line was imported; 4 when some lines were rejected (the valid ones",
            "are imported all the same: fix the rejected lines and import only those); 2 when the file is",
            "missing, not UTF-8, malformed CSV or has an unknown column (then nothing is imported)."})
    static final class Patients extends ContextCommand {
        @Parameters(paramLabel = "FILE.csv", description = "The CSV file.")
        Path file;
        @Option(names = "--batch-size", defaultValue = "1000", paramLabel = "N",
                description = "Patients per transaction (default ${DEFAULT-VALUE}).")
        int batchSize;
        @Option(names = "--json", description = "Print JSON: {imported, rejected: [{line, reason}]}.")
        boolean json;

        private record Line(int line, PatientDraft draft) {
        }

        private record Rejected(int line, String reason) {
        }

        @Override
        protected int run(CliContext ctx) {
            if (batchSize < 1 || batchSize > 100_000) {
                throw CliException.badInput("--batch-size must be between 1 and 100000");
            }
            if (!Files.isRegularFile(file)) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.import.no_file", file.toString());
            }
            List<Rejected> rejected = new ArrayList<>();
            List<Line> valid = read(ctx, rejected);

            PatientService patients = ctx.services().patients();
            int imported = 0;
            for (int from = 0; from < valid.size(); from += batchSize) {
                List<Line> batch = valid.subList(from, Math.min(valid.size(), from + batchSize));
                for (PatientService.BatchRow row : patients.registerBatch(ctx.actor(),
                        batch.stream().map(Line::draft).toList())) {
                    if (row.registered()) {
                        imported++;
                    } else {
                        rejected.add(new Rejected(batch.get(row.index()).line(), row.error().localized(Locale.getDefault())));
                    }
                }
            }
            rejected.sort(java.util.Comparator.comparingInt(Rejected::line));

            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", file.toString());
                m.put("imported", imported);
                m.put("rejected", rejected.stream().map(r -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("line", r.line());
                    e.put("reason", r.reason());
                    return e;
                }).toList());
                ctx.out().println(Json.write(m));
            } else {
                rejected.forEach(r -> ctx.err().println("line " + r.line() + ": " + r.reason()));
                ctx.out().println("imported " + imported + ", rejected " + rejected.size());
            }
            return rejected.isEmpty() ? ExitCodes.OK : ExitCodes.CONFLICT;
        }

        /** Parses and checks the whole file before anything is written: a malformed file imports nothing. */
        private List<Line> read(CliContext ctx, List<Rejected> rejected) {
            LocalDate today = LocalDate.now(ctx.app().clock());
            List<Line> valid = new ArrayList<>();
            Map<String, Integer> cpfLines = new HashMap<>();
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 Csv.Parser csv = new Csv.Parser(reader)) {
                Csv.Row header = csv.next();
                if (header == null) {
                    throw CliException.localized(ExitCodes.BAD_INPUT, "error.import.empty", file.toString());
                }
                int[] index = columns(header.fields());
                Csv.Row row;
                while ((row = csv.next()) != null) {
                    if (row.fields().size() != header.fields().size()) {
                        rejected.add(new Rejected(row.line(), Messages.get("error.import.field_count",
                                String.valueOf(row.fields().size()), String.valueOf(header.fields().size()))));
                        continue;
                    }
                    try {
                        PatientDraft draft = draft(row.fields(), index).normalized(today);
                        if (draft.cpf() != null) {
                            Integer first = cpfLines.putIfAbsent(draft.cpf(), row.line());
                            if (first != null) {
                                rejected.add(new Rejected(row.line(), Messages.get("error.import.cpf_repeated",
                                        new Cpf(draft.cpf()).formatted(), String.valueOf(first))));
                                continue;
                            }
                        }
                        valid.add(new Line(row.line(), draft));
                    } catch (DomainException e) {
                        rejected.add(new Rejected(row.line(), e.localized(Locale.getDefault())));
                    }
                }
            } catch (Csv.MalformedException e) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.import.csv", file.toString(),
                        String.valueOf(e.line()), e.getMessage());
            } catch (CharacterCodingException e) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.import.unreadable", file.toString(),
                        "not UTF-8 text (save it as CSV UTF-8)");
            } catch (IOException e) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.import.unreadable", file.toString(),
                        String.valueOf(e.getMessage()));
            }
            return valid;
        }

        /** For each of {@link #COLUMNS}, its position in the header, or -1. */
        private int[] columns(List<String> header) {
            int[] index = new int[COLUMNS.size()];
            java.util.Arrays.fill(index, -1);
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (name.equals("name")) {
                    name = "full_name";
                }
                int known = COLUMNS.indexOf(name);
                if (known >= 0) {
                    index[known] = i;
                } else if (!IGNORED.contains(name)) {
                    throw CliException.localized(ExitCodes.BAD_INPUT, "error.import.unknown_column",
                            header.get(i).strip(), file.toString(), "name, " + String.join(", ", COLUMNS));
                }
            }
            if (index[0] < 0) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.import.no_name_column", file.toString());
            }
            return index;
        }

        private static PatientDraft draft(List<String> fields, int[] index) {
            String birth = field(fields, index[3]);
            LocalDate birthDate;
            try {
                birthDate = birth == null ? null : LocalDate.parse(birth.strip());
            } catch (DateTimeParseException e) {
                throw new DomainException.InvalidInput("birth_date", "error.import.date", birth, "birth_date");
            }
            return new PatientDraft(field(fields, index[0]), field(fields, index[1]), field(fields, index[2]),
                    birthDate, field(fields, index[4]), field(fields, index[5]), field(fields, index[6]),
                    field(fields, index[7]), field(fields, index[8]));
        }

        private static String field(List<String> fields, int i) {
            if (i < 0) {
                return null;
            }
            String value = fields.get(i);
            return value.isBlank() ? null : value;
        }
    }
}
