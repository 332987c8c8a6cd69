package br.com.prontivus.sync;

/** Sync will not run until something is fixed (incompatible schema, another engine running…). */
public final class SyncRefusedException extends RuntimeException {
    public SyncRefusedException(String message) {
        super(message);
    }
}
