package br.com.prontivus.ui;

import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.StaffUser;

/** The staff user logged in at this desk. */
public record Session(StaffUser user, String clinicName) {

    public Actor actor() {
        return user.asActor();
    }
}
