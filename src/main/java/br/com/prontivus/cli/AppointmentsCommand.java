package br.com.prontivus.cli;

import br.com.prontivus.clinic.Appointment;
import br.com.prontivus.clinic.AppointmentService;
import br.com.prontivus.clinic.AppointmentStatus;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.Practitioner;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "appointments", description = "Book, move and follow appointments through the day.",
        subcommands = {AppointmentsCommand.Add.class, AppointmentsCommand.Move.class, AppointmentsCommand.Cancel.class,
                AppointmentsCommand.CheckIn.class, AppointmentsCommand.Status.class, AppointmentsCommand.ListCmd.class})
final class AppointmentsCommand {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    static final String START_HELP = "Start: local date-time in the clinic's time zone (2026-12-01T09:00) "
            + "or with an offset (2026-12-01T09:00-03:00).";

    /** A local date-time is read in the clinic's zone; one with an offset or zone is taken as it is. */
    static Instant parseStart(String text, ZoneId zone) {
        String s = text.strip().replace(' ', 'T');
        try {
            return LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return ZonedDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e) {
                    throw CliException.badInput("Invalid --start " + text
                            + ": use 2026-12-01T09:00 (clinic time) or 2026-12-01T09:00-03:00");
                }
            }
        }
    }

    static void print(CliContext ctx, boolean json, Appointment a) {
        if (json) {
            ctx.out().println(Json.write(Views.appointment(a)));
            return;
        }
        ZoneId zone = ctx.services().appointments().zone();
        String patient = ctx.services().patients().get(a.patientId()).map(Patient::displayName).orElse("?");
        String practitioner = ctx.services().practitioners().get(a.practitionerId())
                .map(Practitioner::fullName).orElse("?");
        ctx.out().println(a.id() + "  " + DAY_TIME.format(a.startsAt().atZone(zone)) + "-"
                + TIME.format(a.endsAt().atZone(zone)) + "  " + practitioner + "  " + patient + "  "
                + a.type() + "  " + a.status().dbValue());
    }

    @Command(name = "add", description = "Book an appointment.")
    static final class Add extends ContextCommand {
        @Option(names = "--patient", required = true, paramLabel = "ID", description = "Patient id.")
        UUID patient;
        @Option(names = "--practitioner", required = true, paramLabel = "ID|NAME",
                description = "Practitioner id, or full name (case and accents ignored).")
        String practitioner;
        @Option(names = "--start", required = true, paramLabel = "DATE-TIME", description = START_HELP)
        String start;
        @Option(names = "--duration", defaultValue = "30", paramLabel = "MINUTES",
                description = "Duration in minutes (default ${DEFAULT-VALUE}).")
        int duration;
        @Option(names = "--type", required = true, paramLabel = "TEXT", description = "Type, e.g. consulta, retorno.")
        String type;
        @Option(names = "--notes", paramLabel = "TEXT", description = "Notes.")
        String notes;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            var services = ctx.services();
            Instant at = parseStart(start, services.appointments().zone());
            UUID practitionerId = services.practitioners().find(practitioner).id();
            Appointment a = services.appointments().book(ctx.actor(),
                    new AppointmentService.Booking(patient, practitionerId, at, duration, type, notes));
            print(ctx, json, a);
            return ExitCodes.OK;
        }
    }

    @Command(name = "move", description = "Move a scheduled or confirmed appointment.")
    static final class Move extends ContextCommand {
        @Parameters(paramLabel = "ID", description = "Appointment id.")
        UUID id;
        @Option(names = "--start", required = true, paramLabel = "DATE-TIME", description = START_HELP)
        String start;
        @Option(names = "--duration", paramLabel = "MINUTES", description = "New duration (default: unchanged).")
        Integer duration;
        @Option(names = "--practitioner", paramLabel = "ID|NAME",
                description = "Another practitioner, free at the new time (default: unchanged).")
        String practitioner;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            var appointments = ctx.services().appointments();
            UUID to = practitioner == null ? null : ctx.services().practitioners().find(practitioner).id();
            print(ctx, json, appointments.move(ctx.actor(), id, parseStart(start, appointments.zone()), duration, to));
            return ExitCodes.OK;
        }
    }

    @Command(name = "cancel", description = "Cancel an appointment (its time becomes free).")
    static final class Cancel extends ContextCommand {
        @Parameters(paramLabel = "ID", description = "Appointment id.")
        UUID id;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            print(ctx, json, ctx.services().appointments().cancel(ctx.actor(), id));
            return ExitCodes.OK;
        }
    }

    @Command(name = "checkin", description = "The patient has arrived.")
    static final class CheckIn extends ContextCommand {
        @Parameters(paramLabel = "ID", description = "Appointment id.")
        UUID id;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            print(ctx, json, ctx.services().appointments().checkIn(ctx.actor(), id));
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", description = {"Move an appointment along its life cycle:",
            "scheduled -> confirmed -> checked_in -> in_service -> completed, or cancelled / no_show."})
    static final class Status extends ContextCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Appointment id.")
        UUID id;
        @Parameters(index = "1", paramLabel = "STATUS",
                description = "confirmed, checked_in, in_service, completed, cancelled or no_show.")
        String status;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            AppointmentStatus target = AppointmentStatus.parse(status);
            print(ctx, json, ctx.services().appointments().changeStatus(ctx.actor(), id, target));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Appointments of one day (clinic time), in start order.")
    static final class ListCmd extends ContextCommand {
        @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "The day.")
        LocalDate date;
        @Option(names = "--practitioner", paramLabel = "ID|NAME", description = "Only this practitioner.")
        String practitioner;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            var services = ctx.services();
            UUID practitionerId = practitioner == null ? null : services.practitioners().find(practitioner).id();
            List<Appointment> day = services.appointments().listDay(date, practitionerId);
            if (json) {
                ctx.out().println(Json.write(day.stream().map(Views::appointment).toList()));
                return ExitCodes.OK;
            }
            ZoneId zone = services.appointments().zone();
            Map<UUID, String> practitioners = new HashMap<>();
            services.practitioners().list().forEach(p -> practitioners.put(p.id(), p.fullName()));
            Map<UUID, String> patients = new HashMap<>();
            TextTable table = new TextTable("ID", "START", "END", "PRACTITIONER", "PATIENT", "TYPE", "STATUS");
            for (Appointment a : day) {
                String patient = patients.computeIfAbsent(a.patientId(), id -> services.patients().get(id)
                        .map(Patient::displayName).orElse("?"));
                table.row(a.id(), TIME.format(a.startsAt().atZone(zone)), TIME.format(a.endsAt().atZone(zone)),
                        practitioners.getOrDefault(a.practitionerId(), "?"), patient, a.type(), a.status().dbValue());
            }
            table.print(ctx.out());
            return ExitCodes.OK;
        }
    }
}
