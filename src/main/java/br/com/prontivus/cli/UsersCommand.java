package br.com.prontivus.cli;

import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.DomainException;
import br.com.prontivus.clinic.StaffRole;
import br.com.prontivus.clinic.StaffService;
import br.com.prontivus.clinic.StaffUser;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "users", description = {"Staff accounts.",
        "Changing accounts needs an administrator's password (--as): it is read first, then the new",
        "user's password; from the terminal without echo, or as two lines of standard input."},
        subcommands = {UsersCommand.Add.class, UsersCommand.Passwd.class, UsersCommand.ListCmd.class})
final class UsersCommand {

    /**
     * Checks the administrator's password (wrong → exit 2, "Wrong login or password"; a reception
     * user → exit 4) and returns the actor the change is recorded under.
     */
    static Actor administrator(CliContext ctx, String login) {
        char[] password = Passwords.read(ctx, "Password of " + login, false);
        StaffUser admin;
        try {
            admin = ctx.services().staff().authenticate(login, password);
        } finally {
            StaffService.wipe(password);
        }
        if (admin.role() != StaffRole.ADMIN) {
            throw new DomainException.Conflict("error.user.not_admin", admin.login());
        }
        return new Actor(admin.id(), admin.login(), admin.role());
    }

    @Command(name = "add", description = "Create a staff account.")
    static final class Add extends ContextCommand {
        @Parameters(paramLabel = "LOGIN", description = "3 to 32 lower-case letters, digits, '.', '-' or '_'.")
        String login;
        @Option(names = "--name", required = true, paramLabel = "TEXT", description = "Full name.")
        String name;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "reception or admin.")
        String role;
        @Option(names = "--as", required = true, paramLabel = "ADMIN_LOGIN", description = "Administrator authorising the change.")
        String as;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            StaffRole staffRole = StaffRole.parse(role); // refuse a typo before asking for passwords
            Actor admin = administrator(ctx, as);
            char[] password = Passwords.read(ctx, "Password for " + login, true);
            try {
                StaffUser user = ctx.services().staff().add(admin, login, name, staffRole, password);
                if (json) {
                    ctx.out().println(Json.write(Views.user(user)));
                } else {
                    ctx.out().println("User " + user.login() + " (" + user.role().dbValue() + ") created: " + user.id());
                }
            } finally {
                StaffService.wipe(password);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "passwd", description = "Set a staff member's password.")
    static final class Passwd extends ContextCommand {
        @Parameters(paramLabel = "LOGIN", description = "Whose password.")
        String login;
        @Option(names = "--as", required = true, paramLabel = "ADMIN_LOGIN", description = "Administrator authorising the change.")
        String as;

        @Override
        protected int run(CliContext ctx) {
            var staff = ctx.services().staff();
            if (staff.get(login).isEmpty()) {
                throw new DomainException.NotFound("error.user.not_found", login);
            }
            Actor admin = administrator(ctx, as);
            char[] password = Passwords.read(ctx, "New password for " + login, true);
            try {
                staff.changePassword(admin, login, password);
            } finally {
                StaffService.wipe(password);
            }
            ctx.out().println("Password of " + login.strip() + " changed.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List staff accounts (never their passwords).")
    static final class ListCmd extends ContextCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        protected int run(CliContext ctx) {
            List<StaffUser> users = ctx.services().staff().list();
            if (json) {
                ctx.out().println(Json.write(users.stream().map(Views::user).toList()));
            } else {
                TextTable table = new TextTable("LOGIN", "NAME", "ROLE", "ACTIVE", "ID");
                users.forEach(u -> table.row(u.login(), u.fullName(), u.role().dbValue(), u.active() ? "yes" : "no", u.id()));
                table.print(ctx.out());
            }
            return ExitCodes.OK;
        }
    }
}
