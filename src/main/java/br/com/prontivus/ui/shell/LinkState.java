package br.com.prontivus.ui.shell;

/** What the status bar says about the central server. */
public enum LinkState {
    /** The server answers. */
    ONLINE,
    /** The server answers slowly or sync is failing (fed by the sync engine's monitor). */
    DEGRADED,
    /** No server configured, or it does not answer: everything keeps working locally. */
    OFFLINE
}
