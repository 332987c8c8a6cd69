package br.com.prontivus.cli;

import br.com.prontivus.clinic.Practitioner;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "practitioners", description = "The doctors and other professionals who take appointments.",
        subcommands = {PractitionersCommand.Add.class, PractitionersCommand.ListCmd.class})
final class PractitionersCommand {

    @Command(name = "add", description = "Add a practitioner.")
    static final class Add extends ContextCommand {
        @Option(names = "--name", required = true, paramLabel = "TEXT", description = "Full name.")
        String name;
        @Option(names = "--specialty", paramLabel = "TEXT", description = "Specialty, e.g. Cardiologia.")
        String specialty;
        @Option(names = "--council-registration", paramLabel = "TEXT",
                description = "Council registration, e.g. CRM-SP 123456.")
        String councilRegistration;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            Practitioner p = ctx.services().practitioners().add(ctx.actor(), name, specialty, councilRegistration);
            if (json) {
                ctx.out().println(Json.write(Views.practitioner(p)));
            } else {
                ctx.out().println(p.id() + "  " + p.fullName()
                        + (p.specialty() == null ? "" : "  " + p.specialty())
                        + (p.councilRegistration() == null ? "" : "  " + p.councilRegistration()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List practitioners in name order.")
    static final class ListCmd extends ContextCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            List<Practitioner> all = ctx.services().practitioners().list();
            if (json) {
                ctx.out().println(Json.write(all.stream().map(Views::practitioner).toList()));
            } else {
                TextTable table = new TextTable("ID", "NAME", "SPECIALTY", "REGISTRATION", "ACTIVE");
                all.forEach(p -> table.row(p.id(), p.fullName(), p.specialty(), p.councilRegistration(),
                        p.active() ? "yes" : "no"));
                table.print(ctx.out());
            }
            return ExitCodes.OK;
        }
    }
}
