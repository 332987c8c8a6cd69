package br.com.prontivus.migration;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Outcome of checking the applied migrations against the scripts.
 *
 * @param database human-readable name of the database checked
 * @param problems one entry per problem; empty when the database matches its scripts
 */
public record ValidationResult(String database, List<Problem> problems) {

    public ValidationResult {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** All problems on one line, separated by "; ". Empty when valid. */
    public String summary() {
        return problems.stream().map(Problem::message).collect(Collectors.joining("; "));
    }

    public enum Kind {
        /** An applied script was edited afterwards (checksum mismatch). */
        CHANGED_AFTER_APPLIED,
        /** An applied migration has no script any more. */
        SCRIPT_MISSING,
        /** A script older than the current version was never applied. */
        NOT_APPLIED,
        /** The description (file name) of an applied migration changed. */
        DESCRIPTION_CHANGED,
        /** An applied migration changed type (e.g. SQL to Java). */
        TYPE_CHANGED,
        /** A migration is recorded as failed. */
        FAILED,
        OTHER
    }

    /** @param message one line for a person, naming the version, its description and the database */
    public record Problem(String version, String description, Kind kind, String message) {
    }
}
