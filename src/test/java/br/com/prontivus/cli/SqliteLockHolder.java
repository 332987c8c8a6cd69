package br.com.prontivus.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Run in a child JVM by the tests: takes an exclusive lock on a SQLite file, says "locked" on
 * stdout, and holds it until its stdin closes (or it is killed). Stands in for "another program
 * holds the database".
 */
public final class SqliteLockHolder {

    private SqliteLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 0");
            s.execute("BEGIN EXCLUSIVE");
            // a write makes the lock real in WAL mode too (readers keep reading, writers must wait)
            s.execute("CREATE TABLE IF NOT EXISTS lock_probe(x)");
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold the lock until the parent closes our stdin
            }
            s.execute("ROLLBACK");
        }
    }
}
