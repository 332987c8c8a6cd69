package br.com.prontivus.sync;

/**
 * One field two devices changed concurrently: its value at the base of the change, on this
 * desktop and on the server, and which side the strategy kept.
 */
public record ConflictField(String field, Object base, Object local, Object server, Winner winner) {

    public enum Winner { SERVER, LOCAL, UNDECIDED }
}
