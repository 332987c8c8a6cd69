package br.com.prontivus.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", description = "Write the clinic's data out, as CSV (header = column names) or JSON.",
        subcommands = {ExportCommand.Patients.class, ExportCommand.Appointments.class})
final class ExportCommand {

    private static final int PAGE = 1_000;

    enum Format { csv, json }

    static final class Target {
        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "csv or json.")
        Format format;
        @Option(names = "--output", paramLabel = "FILE", description = "Write to this file (default: standard output).")
        Path output;
    }

    @Command(name = "patients", description = "Every live patient, in name order. The CSV imports back with 'import patients'.")
    static final class Patients extends ContextCommand {
        @Mixin
        Target target;

        @Override
        protected int run(CliContext ctx) {
            var patients = ctx.services().patients();
            return export(ctx, target, "patients", Views.PATIENT_COLUMNS, (limit, offset) -> patients.list(limit, offset).stream()
                    .map(Views::patient).toList());
        }
    }

    @Command(name = "appointments", description = "Every live appointment, in start order (times in UTC, ISO-8601).")
    static final class Appointments extends ContextCommand {
        @Mixin
        Target target;

        @Override
        protected int run(CliContext ctx) {
            var appointments = ctx.services().appointments();
            return export(ctx, target, "appointments", Views.APPOINTMENT_COLUMNS, (limit, offset) -> appointments.list(limit, offset).stream()
                    .map(Views::appointment).toList());
        }
    }

    /** Pages through the rows so a large clinic is never held in memory at once. */
    private static int export(CliContext ctx, Target target, String what, List<String> columns,
                              BiFunction<Integer, Integer, List<Map<String, Object>>> page) {
        int count;
        if (target.output == null) {
            count = write(ctx.out(), target.format, columns, page);
            ctx.out().flush();
        } else {
            // Written beside the target and moved into place: a failed export never leaves half a file.
            Path out = target.output.toAbsolutePath();
            Path tmp = out.resolveSibling(out.getFileName() + ".part");
            try {
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    count = write(w, target.format, columns, page);
                }
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more
                }
                throw CliException.badInput("Cannot write " + target.output + ": " + e.getMessage());
            }
            ctx.out().println("exported " + count + " " + what + " to " + target.output);
        }
        return ExitCodes.OK;
    }

    private static int write(Writer out, Format format, List<String> columns, BiFunction<Integer, Integer, List<Map<String, Object>>> page) {
        int count = 0;
        try {
            if (format == Format.json) {
                try (SequenceWriter seq = Json.MAPPER.writer()
                        .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                        .writeValuesAsArray(out)) {
                    for (List<Map<String, Object>> rows; !(rows = page.apply(PAGE, count)).isEmpty(); ) {
                        seq.writeAll(rows);
                        count += rows.size();
                    }
                }
                out.write(System.lineSeparator());
            } else {
                Csv.writeRow(out, columns);
                for (List<Map<String, Object>> rows; !(rows = page.apply(PAGE, count)).isEmpty(); ) {
                    for (Map<String, Object> row : rows) {
                        Csv.writeRow(out, columns.stream().map(row::get).toList());
                    }
                    count += rows.size();
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the export", e);
        }
        return count;
    }
}
