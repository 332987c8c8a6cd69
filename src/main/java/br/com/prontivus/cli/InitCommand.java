package br.com.prontivus.cli;

import br.com.prontivus.app.Enrolment;
import br.com.prontivus.app.Prontivus;
import br.com.prontivus.app.ServerLink;
import br.com.prontivus.clinic.ClinicIdentity;
import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.clinic.StaffService;
import br.com.prontivus.config.Mode;
import br.com.prontivus.config.PostgresTarget;
import br.com.prontivus.i18n.Messages;
import br.com.prontivus.store.PostgresDatabase;
import br.com.prontivus.sync.SyncEngine;
import br.com.prontivus.sync.SyncRefusedException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = {
        "First run of this desktop. Either creates the clinic, this device and the first administrator",
        "(--clinic NAME --admin USER; the password is read from the terminal, twice, or from one line of",
        "standard input), or enrols this desktop in a clinic that exists on the server (--join ID) and",
        "downloads its data in chunks, showing progress; an interrupted download continues with",
        "`prontivus sync now` (or by running the same init --join again).",
        "With a server configured, a new clinic is pushed at once (or by the next sync when the server",
        "is unreachable); its id is the one `prontivus server grant` gave this installation's role."})
final class InitCommand extends ContextCommand {

    @Option(names = "--clinic", paramLabel = "NAME", description = "Clinic name (new clinic).")
    String clinic;

    @Option(names = "--admin", paramLabel = "USER", description = "Login of the first administrator (new clinic).")
    String admin;

    @Option(names = "--admin-name", paramLabel = "NAME", description = "Full name of the administrator.")
    String adminName;

    @Option(names = "--clinic-id", paramLabel = "ID",
            description = "Id the server granted to the new clinic (default: the one granted to this role, else a new id).")
    String clinicId;

    @Option(names = "--join", paramLabel = "CLINIC_ID", description = "Enrol in an existing clinic and download its data.")
    String join;

    @Option(names = "--chunk-rows", paramLabel = "N", defaultValue = "5000",
            description = "With --join: rows per table per downloaded chunk (default 5000; smaller on slow links).")
    int chunkRows;

    @Option(names = "--device-name", paramLabel = "NAME", description = "Name of this desktop (default: host name).")
    String deviceName;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    protected int run(CliContext ctx) {
        if (join != null) {
            if (clinic != null || admin != null || clinicId != null) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.init.join_exclusive");
            }
            return join(ctx, SyncCli.uuid(join, "--join"));
        }
        if (clinic == null || admin == null) {
            throw CliException.localized(ExitCodes.BAD_INPUT, "error.init.needs_clinic");
        }
        return create(ctx);
    }

    private int create(CliContext ctx) {
        Prontivus app = ctx.app();
        UUID id = clinicId == null ? null : SyncCli.uuid(clinicId, "--clinic-id");
        boolean hybrid = app.mode() == Mode.HYBRID && ctx.config().postgres().isPresent();
        String unreachable = null;
        if (hybrid && app.identity().isEmpty()) {
            PostgresTarget target = ctx.config().postgres().get();
            if (ServerLink.probe(ctx.config(), target) instanceof ServerLink.Reachability.Unreachable u) {
                unreachable = u.reason();
            } else {
                PostgresDatabase server = app.server().orElseThrow();
                Enrolment.RoleView role = roleOrNull(server);
                if (role == null) {
                    unreachable = Messages.get("init.server_not_setup"); // created here, pushed after setup
                } else {
                    id = checkCreate(server, role, id);
                }
            }
        }
        char[] password = Passwords.read(ctx, "Password for " + admin, true);
        var result = create(ctx, app, id, password);
        ClinicIdentity identity = result.identity();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clinic_id", identity.clinicId());
        m.put("device_id", identity.deviceId());
        m.put("admin", Views.user(result.admin()));
        if (!json) {
            ctx.out().println("Clinic " + clinic.strip() + " created (" + identity.clinicId() + ").");
            ctx.out().println("This device: " + identity.deviceId());
            ctx.out().println("Administrator: " + result.admin().login());
        }
        if (hybrid) {
            Map<String, Object> push = new LinkedHashMap<>();
            if (unreachable != null) {
                push.put("pushed", false);
                push.put("reason", unreachable);
                if (!json) {
                    ctx.out().println(Messages.get("init.push_later", unreachable));
                }
            } else {
                try {
                    SyncEngine.Report report = app.syncEngine().orElseThrow().syncNow();
                    push.put("pushed", report.ok());
                    push.put("ops", report.pushed());
                    push.put("reason", report.error());
                    if (!json) {
                        ctx.out().println(report.ok() ? Messages.get("init.pushed", report.pushed())
                                : Messages.get("init.push_later", report.error()));
                    }
                } catch (SyncRefusedException e) {
                    push.put("pushed", false);
                    push.put("reason", e.getMessage());
                    if (!json) {
                        ctx.out().println(Messages.get("init.push_later", e.getMessage()));
                    }
                }
            }
            m.put("server", push);
        }
        if (json) {
            ctx.out().println(Json.write(m));
        }
        return ExitCodes.OK;
    }

    private br.com.prontivus.clinic.ClinicSetup.Result create(CliContext ctx, Prontivus app, UUID id, char[] password) {
        try {
            return app.init(id, clinic, admin, adminName, password, deviceName != null ? deviceName : hostName());
        } finally {
            StaffService.wipe(password);
        }
    }

    /** The clinic id to create with, as the server's grants allow; refuses what the server would refuse. */
    private static UUID checkCreate(PostgresDatabase server, Enrolment.RoleView role, UUID wanted) {
        UUID id = wanted;
        if (id == null && !role.privileged()) {
            if (role.granted().isEmpty()) {
                throw CliException.localized(ExitCodes.CONFLICT, "error.init.no_grant", role.role());
            }
            if (role.granted().size() > 1) {
                throw CliException.localized(ExitCodes.BAD_INPUT, "error.init.many_grants", role.role());
            }
            id = role.granted().getFirst();
        }
        if (id != null && !role.privileged() && !role.granted().contains(id)) {
            throw CliException.localized(ExitCodes.CONFLICT, "error.init.not_granted", role.role(), id);
        }
        if (id != null && Enrolment.clinicExists(server, id)) {
            throw CliException.localized(ExitCodes.CONFLICT, "error.init.exists_on_server", id);
        }
        return id;
    }

    private static Enrolment.RoleView role(PostgresDatabase server) {
        Enrolment.RoleView role = roleOrNull(server);
        if (role == null) {
            throw CliException.localized(ExitCodes.CONFLICT, "error.server.not_setup");
        }
        return role;
    }

    private static Enrolment.RoleView roleOrNull(PostgresDatabase server) {
        try {
            return Enrolment.role(server);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private int join(CliContext ctx, UUID id) {
        if (chunkRows < 50 || chunkRows > 100_000) {
            throw CliException.badInput("--chunk-rows must be between 50 and 100000 (got " + chunkRows + ")");
        }
        Prontivus app = ctx.app();
        if (app.mode() != Mode.HYBRID || ctx.config().postgres().isEmpty()) {
            throw CliException.localized(ExitCodes.BAD_INPUT, "error.join.no_server");
        }
        Optional<ClinicIdentity> existing = app.identity();
        if (existing.isPresent() && !existing.get().clinicId().equals(id)) {
            throw new DomainException.Conflict("error.clinic.exists", existing.get().clinicId());
        }
        PostgresTarget target = ctx.config().postgres().get();
        if (ServerLink.probe(ctx.config(), target) instanceof ServerLink.Reachability.Unreachable u) {
            throw CliException.localized(ExitCodes.FAILURE, "error.migrate.unreachable", target.maskedUrl(), u.reason());
        }
        PostgresDatabase server = app.server().orElseThrow();
        Enrolment.RoleView role = role(server);
        if (!Enrolment.clinicExists(server, id)) {
            throw CliException.localized(ExitCodes.NOT_FOUND, "error.join.unknown_clinic", id, role.role());
        }
        ClinicIdentity identity = existing.orElseGet(() -> app.join(id, deviceName != null ? deviceName : hostName()));
        if (!json) {
            ctx.out().println(Messages.get(existing.isPresent() ? "init.join.resuming" : "init.join.enrolled",
                    identity.deviceId(), id));
        }
        SyncEngine engine = app.bootstrapEngine(chunkRows).orElseThrow();
        engine.observer(SyncCommand.progress(ctx, 0));
        SyncEngine.Report report;
        try {
            report = engine.syncNow();
        } catch (SyncRefusedException e) {
            throw new CliException(ExitCodes.CONFLICT, Messages.get("error.sync.refused", e.getMessage()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clinic_id", id);
        m.put("device_id", identity.deviceId());
        m.put("clinic_name", app.clinicName());
        m.put("complete", report.ok());
        m.put("sync", SyncCli.report(report));
        if (json) {
            ctx.out().println(Json.write(m));
        }
        if (!report.ok()) {
            ctx.err().println("prontivus: " + Messages.get("error.join.interrupted", report.error()));
            return ExitCodes.FAILURE;
        }
        if (!json) {
            ctx.out().println(Messages.get("init.join.done", app.clinicName(), report.pulled(), report.cursor()));
        }
        return ExitCodes.OK;
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "desktop";
        }
    }
}
