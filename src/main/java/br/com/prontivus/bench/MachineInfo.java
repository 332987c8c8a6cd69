package br.com.prontivus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import oshi.SystemInfo;

/** What the figures were measured on: they mean little without it. */
final class MachineInfo {

    private MachineInfo() {
    }

    static Map<String, Object> collect(Path dataDir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("logical_cores", Runtime.getRuntime().availableProcessors());
        m.put("memory_gib", memoryGib());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                + System.getProperty("os.arch") + ")");
        m.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
        m.put("jvm_max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("sqlite", sqliteVersion());
        m.put("sqlite_jdbc", org.sqlite.SQLiteJDBCLoader.getVersion());
        m.put("filesystem", fileStore(dataDir));
        return m;
    }

    private static String cpuModel() {
        try {
            return new SystemInfo().getHardware().getProcessor().getProcessorIdentifier().getName().strip();
        } catch (RuntimeException | LinkageError e) {
            try {
                return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown");
            } catch (IOException io) {
                return "unknown";
            }
        }
    }

    private static double memoryGib() {
        try {
            long bytes = new SystemInfo().getHardware().getMemory().getTotal();
            return Math.round(bytes / (1024.0 * 1024 * 1024) * 10) / 10.0;
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    private static String sqliteVersion() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select sqlite_version()")) {
            return rs.next() ? rs.getString(1) : "unknown";
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String fileStore(Path dir) {
        try {
            var store = Files.getFileStore(dir);
            return store.type() + " (" + store.name() + ")";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
