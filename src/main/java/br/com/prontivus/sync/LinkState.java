package br.com.prontivus.sync;

/** How the link to the central server looks from this desktop. */
public enum LinkState {
    /** Reachable and answering quickly. */
    ONLINE,
    /** Reachable but slow, or failing now and then. */
    DEGRADED,
    /** Not reachable (or not configured): work continues locally, changes wait in the outbox. */
    OFFLINE
}
