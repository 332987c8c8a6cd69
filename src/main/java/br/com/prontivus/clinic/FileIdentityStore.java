package br.com.prontivus.clinic;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Identity of a cloud-mode client, kept in {@code identity.properties} of the data directory. The
 * file is written (atomically) while the creating transaction is still open; if the commit then
 * fails, the next init finds an identity whose clinic does not exist and says so.
 */
public record FileIdentityStore(Path file) implements IdentityStore {

    @Override
    public Optional<ClinicIdentity> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(new ClinicIdentity(UUID.fromString(p.getProperty("clinic_id")),
                    UUID.fromString(p.getProperty("device_id"))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The identity file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(DSLContext tx, ClinicIdentity identity) {
        load().ifPresent(existing -> {
            throw new DomainException.Conflict("error.clinic.exists", existing.clinicId());
        });
        Properties p = new Properties();
        p.setProperty("clinic_id", identity.clinicId().toString());
        p.setProperty("device_id", identity.deviceId().toString());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "Prontivus device identity (cloud mode)");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
