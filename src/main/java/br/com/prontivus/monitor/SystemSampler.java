package br.com.prontivus.monitor;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/**
 * The machine through OSHI: system CPU load between two samples (from the processor's tick
 * counters, so a sample never sleeps to measure it, except the very first one of a short-lived
 * command; a sample taken again within 200 ms repeats the previous reading), memory used (total minus available) and this JVM's heap; the free space of the
 * volume holding the data directory comes from the JDK's {@link FileStore}, which resolves the
 * mount the directory really lives on.
 */
public final class SystemSampler {

    private static final long MIN_TICK_WINDOW_MS = 200;

    private final Path dataDirectory;
    private CentralProcessor processor;
    private GlobalMemory memory;
    private String oshiError;
    private long[] previousTicks;
    private long previousTicksAt;
    private double lastLoad = Double.NaN;

    public SystemSampler(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        try {
            var hardware = new SystemInfo().getHardware();
            this.processor = hardware.getProcessor();
            this.memory = hardware.getMemory();
            this.previousTicks = processor.getSystemCpuLoadTicks();
            this.previousTicksAt = System.nanoTime();
        } catch (RuntimeException | LinkageError e) {
            this.oshiError = "OSHI cannot read this system: " + MetricGroup.reason(e);
        }
    }

    public synchronized MetricGroup sample() {
        MetricGroup g = new MetricGroup();
        cpu(g);
        memory(g);
        disk(g);
        Runtime rt = Runtime.getRuntime();
        g.put("jvm_heap_used_bytes", rt.totalMemory() - rt.freeMemory());
        g.put("jvm_heap_max_bytes", rt.maxMemory());
        return g;
    }

    private void cpu(MetricGroup g) {
        if (processor == null) {
            g.unavailable("cpu_load", oshiError);
            return;
        }
        try {
            long waitedMs = (System.nanoTime() - previousTicksAt) / 1_000_000;
            if (waitedMs < MIN_TICK_WINDOW_MS) {
                if (!Double.isNaN(lastLoad)) {
                    // Sampled again straight away (a command, a benchmark): too few ticks to measure;
                    // repeat the last reading rather than wait.
                    g.put("cpu_load", lastLoad);
                    g.put("logical_cpus", processor.getLogicalProcessorCount());
                    return;
                }
                Thread.sleep(MIN_TICK_WINDOW_MS - waitedMs); // only the first reading after construction
            }
            double load = processor.getSystemCpuLoadBetweenTicks(previousTicks);
            previousTicks = processor.getSystemCpuLoadTicks();
            previousTicksAt = System.nanoTime();
            if (Double.isNaN(load) || load < 0) {
                g.unavailable("cpu_load", "no CPU ticks counted since the previous sample");
            } else {
                lastLoad = Math.round(load * 10_000) / 10_000.0;
                g.put("cpu_load", lastLoad);
            }
            g.put("logical_cpus", processor.getLogicalProcessorCount());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            g.unavailable("cpu_load", "interrupted");
        } catch (RuntimeException | LinkageError e) {
            g.unavailable("cpu_load", MetricGroup.reason(e));
        }
    }

    private void memory(MetricGroup g) {
        if (memory == null) {
            g.unavailable("memory_used_percent", oshiError);
            return;
        }
        try {
            long total = memory.getTotal();
            long used = total - memory.getAvailable();
            g.put("memory_total_bytes", total);
            g.put("memory_used_bytes", used);
            g.put("memory_used_percent", total > 0 ? Math.round(used * 1000.0 / total) / 10.0 : 0.0);
        } catch (RuntimeException | LinkageError e) {
            g.unavailable("memory_used_percent", MetricGroup.reason(e));
        }
    }

    private void disk(MetricGroup g) {
        try {
            Path existing = dataDirectory;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                g.unavailable("disk_free_percent", "the data directory " + dataDirectory + " does not exist");
                return;
            }
            FileStore store = Files.getFileStore(existing);
            long total = store.getTotalSpace();
            long free = store.getUsableSpace();
            g.put("disk_path", dataDirectory.toString());
            g.put("disk_total_bytes", total);
            g.put("disk_free_bytes", free);
            g.put("disk_free_percent", total > 0 ? Math.round(free * 1000.0 / total) / 10.0 : 0.0);
        } catch (IOException | RuntimeException e) {
            g.unavailable("disk_free_percent", MetricGroup.reason(e));
        }
    }
}
