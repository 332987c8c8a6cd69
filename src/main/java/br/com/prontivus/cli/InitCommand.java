package br.com.prontivus.cli;

import br.com.prontivus.clinic.StaffService;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = {
        "First run: create the clinic, this device's identity and the first administrator.",
        "The password is read from the terminal (twice) or from one line of standard input."})
final class InitCommand extends ContextCommand {

    @Option(names = "--clinic", required = true, paramLabel = "NAME", description = "Clinic name.")
    String clinic;

    @Option(names = "--admin", required = true, paramLabel = "USER", description = "Login of the first administrator.")
    String admin;

    @Option(names = "--admin-name", paramLabel = "NAME", description = "Full name of the administrator.")
    String adminName;

    @Option(names = "--device-name", paramLabel = "NAME", description = "Name of this desktop (default: host name).")
    String deviceName;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    protected int run(CliContext ctx) {
        char[] password = Passwords.read(ctx, "Password for " + admin, true);
        try {
            var result = ctx.app().init(clinic, admin, adminName, password,
                    deviceName != null ? deviceName : hostName());
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("clinic_id", result.identity().clinicId());
                m.put("device_id", result.identity().deviceId());
                m.put("admin", Views.user(result.admin()));
                ctx.out().println(Json.write(m));
            } else {
                ctx.out().println("Clinic " + clinic.strip() + " created (" + result.identity().clinicId() + ").");
                ctx.out().println("This device: " + result.identity().deviceId());
                ctx.out().println("Administrator: " + result.admin().login());
            }
            return ExitCodes.OK;
        } finally {
            StaffService.wipe(password);
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "desktop";
        }
    }
}
