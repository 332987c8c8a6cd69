package br.com.prontivus.cli;

import br.com.prontivus.clinic.Cpf;
import br.com.prontivus.clinic.Patient;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "patients", description = "Register, change and find patients.",
        subcommands = {PatientsCommand.Add.class, PatientsCommand.Update.class, PatientsCommand.Delete.class,
                PatientsCommand.Get.class, PatientsCommand.ListCmd.class, PatientsCommand.Search.class})
final class PatientsCommand {

    static void print(CliContext ctx, boolean json, Patient p) {
        if (json) {
            ctx.out().println(Json.write(Views.patient(p)));
        } else {
            ctx.out().println(p.id() + "  " + p.fullName()
                    + (p.cpf() == null ? "" : "  CPF " + new Cpf(p.cpf()).formatted())
                    + (p.birthDate() == null ? "" : "  born " + p.birthDate()));
        }
    }

    static void print(CliContext ctx, boolean json, List<Patient> patients) {
        if (json) {
            ctx.out().println(Json.write(patients.stream().map(Views::patient).toList()));
            return;
        }
        TextTable table = new TextTable("ID", "NAME", "CPF", "BIRTH DATE", "PHONE");
        patients.forEach(p -> table.row(p.id(), p.fullName(), p.cpf() == null ? "" : new Cpf(p.cpf()).formatted(),
                p.birthDate(), p.phone()));
        table.print(ctx.out());
    }

    @Command(name = "add", description = "Register a patient.")
    static final class Add extends ContextCommand {
        @Mixin
        PatientFields fields;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            print(ctx, json, ctx.services().patients().register(ctx.actor(), fields.draft()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "update", description = "Change a patient's fields (only those given).")
    static final class Update extends ContextCommand {
        @Parameters(paramLabel = "ID", description = "Patient id.")
        UUID id;
        @Mixin
        PatientFields fields;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            var patients = ctx.services().patients();
            Patient current = patients.require(id);
            print(ctx, json, patients.update(ctx.actor(), id, fields.over(current.toDraft())));
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete a patient (kept as a tombstone for sync).")
    static final class Delete extends ContextCommand {
        @Parameters(paramLabel = "ID", description = "Patient id.")
        UUID id;

        @Override
        protected int run(CliContext ctx) {
            ctx.services().patients().delete(ctx.actor(), id);
            ctx.out().println("Deleted patient " + id);
            return ExitCodes.OK;
        }
    }

    @Command(name = "get", description = "Show one patient.")
    static final class Get extends ContextCommand {
        @Parameters(paramLabel = "ID", description = "Patient id.")
        UUID id;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            print(ctx, json, ctx.services().patients().require(id));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List patients in name order.")
    static final class ListCmd extends ContextCommand {
        @Option(names = "--limit", defaultValue = "100", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--offset", defaultValue = "0", description = "Skip this many.")
        int offset;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            if (limit < 1 || offset < 0) {
                throw CliException.badInput("--limit must be at least 1 and --offset at least 0");
            }
            print(ctx, json, ctx.services().patients().list(limit, offset));
            return ExitCodes.OK;
        }
    }

    @Command(name = "search", description = "Find patients by name prefix (accents and case ignored), CPF or phone.")
    static final class Search extends ContextCommand {
        @Parameters(paramLabel = "QUERY", arity = "1..*", description = "Words of the name, or digits of CPF/phone.")
        List<String> query;
        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            print(ctx, json, ctx.services().patients().search(String.join(" ", query), Math.max(1, limit)));
            return ExitCodes.OK;
        }
    }
}
