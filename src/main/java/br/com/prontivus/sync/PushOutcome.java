package br.com.prontivus.sync;

import java.util.UUID;

/** What the server did with one pushed operation. */
public sealed interface PushOutcome {

    UUID opId();

    /** Applied now (possibly after resolving a conflict); the row is at {@code rowVersion}. */
    record Applied(UUID opId, long rowVersion, boolean conflict) implements PushOutcome {
    }

    /** Applied by an earlier push whose acknowledgement was lost: nothing was changed again. */
    record AlreadyApplied(UUID opId, Long rowVersion) implements PushOutcome {
    }

    /** Refused for good (damaged payload, rule violated on the server): the op is parked with the reason. */
    record Rejected(UUID opId, String reason) implements PushOutcome {
    }
}
