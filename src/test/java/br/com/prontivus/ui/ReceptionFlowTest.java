package br.com.prontivus.ui;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.prontivus.clinic.Actor;
import br.com.prontivus.clinic.Appointment;
import br.com.prontivus.clinic.AppointmentService;
import br.com.prontivus.clinic.AppointmentStatus;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.PatientDraft;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reception's day: register, search, book, refuse an overlap, check in. */
class ReceptionFlowTest extends DesktopTestSupport {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @BeforeEach
    void start() throws Exception {
        open(Locale.ENGLISH, true);
    }

    Patient jose() {
        return services().patients().register(Actor.system("tester"), new PatientDraft("José da Conceição", null,
                "52998224725", LocalDate.of(1980, 3, 15), "male", "11987654321", null, null, null));
    }

    @Test
    void registersAPatientWithAValidCpf() {
        loginAsMaria();
        press(KeyCode.CONTROL).press(KeyCode.N).release(KeyCode.N).release(KeyCode.CONTROL);
        waitFor(() -> lookup("#fullNameField").query().isFocused());
        write("Maria José da Silva");
        clickOn("#cpfField").write("11144477735");
        assertThat(lookup("#cpfField").queryTextInputControl().getText()).isEqualTo("111.444.777-35");
        clickOn("#birthDateField").write("07041975");
        assertThat(lookup("#birthDateField").queryTextInputControl().getText()).isEqualTo("07/04/1975");
        clickOn("#phoneField").write("(11) 3456-7890");
        press(KeyCode.CONTROL).press(KeyCode.S).release(KeyCode.S).release(KeyCode.CONTROL);

        waitFor(() -> text("#patientFormMessage").startsWith("Patient Maria José da Silva saved")
                || visible("#patientDetail"));
        settle();
        List<Patient> stored = services().patients().search("11144477735", 10);
        assertThat(stored).singleElement().satisfies(p -> {
            assertThat(p.fullName()).isEqualTo("Maria José da Silva");
            assertThat(p.birthDate()).isEqualTo(LocalDate.of(1975, 7, 4));
            assertThat(p.phone()).isEqualTo("1134567890");
        });
        assertThat(visible("#patientDetail")).isTrue();
        assertThat(text("#detailName")).isEqualTo("Maria José da Silva");
        waitFor(() -> lookup("#patientTable").queryTableView().getItems().size() == 1);
    }

    @Test
    void invalidCpfShowsTheInlineErrorAndWritesNothing() {
        loginAsMaria();
        clickOn("#newPatientButton");
        clickOn("#fullNameField").write("Paciente Teste");
        clickOn("#cpfField").write("12345678900");
        assertThat(visible("#cpfFieldError")).isTrue();
        assertThat(text("#cpfFieldError")).isEqualTo("Invalid CPF 123.456.789-00: the check digits do not match");

        clickOn("#savePatientButton");
        settle();
        assertThat(text("#patientFormMessage")).isEqualTo("Please fix the fields marked in red.");
        assertThat(text("#cpfFieldError")).contains("check digits");
        assertThat(services().patients().count()).isZero();

        // an incomplete CPF is refused on save too, and a required name
        clickOn("#cpfField");
        press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        write("1234");
        clickOn("#fullNameField");
        press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        type(KeyCode.BACK_SPACE);
        clickOn("#savePatientButton");
        settle();
        assertThat(text("#cpfFieldError")).isEqualTo("Invalid CPF 123.4: it must have 11 digits");
        assertThat(text("#fullNameFieldError")).isEqualTo("Required");
        assertThat(services().patients().count()).isZero();
    }

    @Test
    void duplicateIsWarnedBeforeSaving() {
        jose();
        loginAsMaria();
        clickOn("#newPatientButton");
        clickOn("#fullNameField").write("Jose da Conceicao");
        clickOn("#birthDateField").write("03151980");
        clickOn("#savePatientButton");
        waitFor(() -> visible("#duplicateWarning"));
        settle(); // the warning's layout pass done, nothing in flight: the next click lands on "Save anyway"
        assertThat(lookup("#savePatientButton").queryButton().getText()).isEqualTo("Save anyway");
        assertThat(services().patients().count()).isEqualTo(1);
        clickOn("#savePatientButton");
        waitForData(() -> services().patients().count() == 2);
    }

    @Test
    void searchFindsThePatientByAnUnaccentedPrefix() {
        jose();
        services().patients().register(Actor.system("tester"), new PatientDraft("Ana Beatriz Lima", null, null,
                null, null, null, null, null, null));
        loginAsMaria();
        clickOn("#patientSearchField").write("conc");
        waitFor(() -> table().getItems().size() == 1);
        assertThat(table().getItems().getFirst().fullName()).isEqualTo("José da Conceição");

        press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        write("JOSE");
        waitFor(() -> table().getItems().size() == 1 && text("#patientSummary").equals("1 patient(s)"));

        press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        write("529.982");
        waitFor(() -> table().getItems().size() == 1);
        press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        write("zzz");
        waitFor(() -> table().getItems().isEmpty() && text("#patientSummary").contains("zzz"));
    }

    @Test
    void fastTypingEndsOnTheResultsOfTheWholeText() {
        jose();
        Actor actor = Actor.system("tester");
        for (String name : List.of("Mariana Souza", "Maria Silva", "Mario Lima", "Marcos Reis", "Marta Rocha")) {
            services().patients().register(actor, new PatientDraft(name, null, null, null, null, null, null, null, null));
        }
        loginAsMaria();
        var search = desktop.main().patients().search();
        // Every key starts or folds into a query; the last one must be for the whole text, shown last.
        clickOn("#patientSearchField").write("mariana");
        waitFor(() -> !search.searchingProperty().get() && table().getItems().size() == 1);
        assertThat(table().getItems().getFirst().fullName()).isEqualTo("Mariana Souza");
        assertThat(text("#patientSummary")).isEqualTo("1 patient(s)");

        eraseText(3); // "mari": Mariana, Maria, Mario
        waitFor(() -> !search.searchingProperty().get() && table().getItems().size() == 3);
        assertThat(table().getItems()).extracting(Patient::fullName)
                .containsExactlyInAnyOrder("Mariana Souza", "Maria Silva", "Mario Lima");
    }

    /** José, booked with the first practitioner today at {@code hour}:00 for 30 minutes. */
    private Appointment joseBookedAt(int hour) {
        Patient p = jose();
        return services().appointments().book(Actor.system("tester"), new AppointmentService.Booking(
                p.id(), practitioners.getFirst().id(), TODAY.atTime(hour, 0).atZone(ZONE).toInstant(), 30,
                "Consultation", null));
    }

    @SuppressWarnings("unchecked")
    private TableView<Patient> table() {
        return lookup("#patientTable").queryAs(TableView.class);
    }

    @Test
    void booksAnAppointmentAndRefusesAnOverlap() {
        jose();
        loginAsMaria();
        press(KeyCode.CONTROL).press(KeyCode.DIGIT2).release(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        waitFor(() -> lookup("#slot-0-0900").tryQuery().isPresent());
        clickOn("#slot-0-0900");
        waitFor(() -> visible("#bookButton"));
        clickOn("#bookingPatientField").write("jose");
        waitFor(() -> !lookup("#bookingPatientList").queryListView().getItems().isEmpty());
        type(KeyCode.DOWN);
        waitFor(() -> text("#bookingChosenPatient").equals("Patient: José da Conceição"));
        clickOn("#bookButton");
        waitFor(() -> text("#scheduleMessage").startsWith("Booked José da Conceição at 09:00"));
        settle();
        List<Appointment> day = services().appointments().listDay(TODAY, null);
        assertThat(day).singleElement().satisfies(a -> {
            assertThat(a.practitionerId()).isEqualTo(practitioners.getFirst().id());
            assertThat(a.startsAt().atZone(ZONE).toLocalTime().toString()).isEqualTo("09:00");
        });
        waitFor(() -> lookup("#appt-" + day.getFirst().id()).tryQuery().isPresent());

        // A second booking that overlaps 09:00–09:30 for the same practitioner is refused.
        clickOn("#slot-0-1000");
        clickOn("#bookingPatientField").write("jose");
        waitFor(() -> !lookup("#bookingPatientList").queryListView().getItems().isEmpty());
        type(KeyCode.DOWN);
        doubleClickOn("#bookingStartField");
        press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        write("09:15");
        clickOn("#bookButton");
        waitFor(() -> text("#scheduleMessage").contains("overlaps"));
        assertThat(text("#scheduleMessage")).isEqualTo(practitioners.getFirst().fullName() + " already has an appointment from 2026-11-25 09:00 to 2026-11-25 09:30 that overlaps this time");
        assertThat(services().appointments().listDay(TODAY, null)).hasSize(1);

        // The same time with the other practitioner is fine: the chosen patient stays, Enter books.
        clickOn("#slot-1-0900");
        waitFor(() -> lookup("#bookingPatientField").query().isFocused());
        assertThat(text("#bookingChosenPatient")).isEqualTo("Patient: José da Conceição");
        type(KeyCode.ENTER);
        waitFor(() -> services().appointments().listDay(TODAY, null).size() == 2);
    }

    @Test
    void movesAndCancelsAnAppointmentAndChangesDay() {
        Appointment a = joseBookedAt(10);
        loginAsMaria();
        clickOn("#nav-schedule");
        waitFor(() -> lookup("#appt-" + a.id()).tryQuery().isPresent());
        clickOn("#appt-" + a.id());
        waitFor(() -> visible("#moveButton"));
        doubleClickOn("#moveStartField");
        press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        write("11:30");
        clickOn("#moveButton");
        waitFor(() -> text("#scheduleMessage").equals("Moved José da Conceição to 11:30."));
        assertThat(services().appointments().get(a.id()).orElseThrow().startsAt())
                .isEqualTo(TODAY.atTime(11, 30).atZone(ZONE).toInstant());

        clickOn("#appt-" + a.id());
        clickOn("#cancelAppointmentButton");
        // asked first, with who and when; "Keep it" (where the focus lands) changes nothing
        waitFor(() -> visible("#cancelAppointmentConfirm"));
        assertThat(text("#cancelAppointmentConfirmText")).startsWith("Cancel the appointment of José da Conceição on ")
                .contains("11:30");
        type(KeyCode.ENTER);
        waitFor(() -> !visible("#cancelAppointmentConfirm"));
        assertThat(services().appointments().get(a.id()).orElseThrow().status()).isEqualTo(AppointmentStatus.SCHEDULED);

        clickOn("#cancelAppointmentButton");
        clickOn("#cancelAppointmentConfirmButton");
        waitFor(() -> text("#scheduleMessage").startsWith("Cancelled"));
        assertThat(services().appointments().get(a.id()).orElseThrow().status()).isEqualTo(AppointmentStatus.CANCELLED);

        String today = text("#scheduleDay");
        clickOn("#nextDayButton");
        waitFor(() -> text("#scheduleDay").equals("Thursday, November 26, 2026"));
        clickOn("#nextWeekButton");
        waitFor(() -> text("#scheduleDay").equals("Thursday, December 3, 2026"));
        clickOn("#slot-0-0900");
        press(KeyCode.ALT).press(KeyCode.HOME).release(KeyCode.HOME).release(KeyCode.ALT);
        waitFor(() -> text("#scheduleDay").equals(today));
    }

    @Test
    void anAppointmentDraggedToAnotherColumnChangesPractitioner() {
        Appointment a = joseBookedAt(10);
        loginAsMaria();
        clickOn("#nav-schedule");
        waitFor(() -> lookup("#appt-" + a.id()).tryQuery().isPresent());

        drag("#appt-" + a.id(), javafx.scene.input.MouseButton.PRIMARY).dropTo("#slot-1-1100");

        String second = practitioners.get(1).fullName();
        waitFor(() -> text("#scheduleMessage").equals("Moved José da Conceição to 11:00 with " + second + "."));
        Appointment moved = services().appointments().get(a.id()).orElseThrow();
        assertThat(moved.practitionerId()).isEqualTo(practitioners.get(1).id());
        assertThat(moved.startsAt()).isEqualTo(TODAY.atTime(11, 0).atZone(ZONE).toInstant());
    }

    @Test
    void checksInFromTheQueueAndTheWaitingTimeRuns() {
        Appointment a = joseBookedAt(9);
        loginAsMaria();
        clock.advance(Duration.ofMinutes(12)); // 09:12: twelve minutes after the start, the patient is late
        press(KeyCode.CONTROL).press(KeyCode.DIGIT3).release(KeyCode.DIGIT3).release(KeyCode.CONTROL);
        waitFor(() -> list("#queue-expected").getItems().size() == 1);
        waitFor(() -> text("#timing-" + a.id()).equals("late by 12 min"));

        // One key: Enter on the selected expected patient checks them in.
        clickOn("#queue-expected");
        type(KeyCode.ENTER);
        waitFor(() -> list("#queue-waiting").getItems().size() == 1);
        assertThat(services().appointments().get(a.id()).orElseThrow().status()).isEqualTo(AppointmentStatus.CHECKED_IN);
        assertThat(list("#queue-expected").getItems()).isEmpty();
        assertThat(text("#queueTitle-waiting")).isEqualTo("Waiting (1)");
        waitFor(() -> text("#timing-" + a.id()).equals("waiting for 0 min"));

        clock.advance(Duration.ofMinutes(7));
        waitFor(() -> text("#timing-" + a.id()).equals("waiting for 7 min")); // the view ticks every second

        clickOn("#queue-waiting");
        clickOn("#startServiceButton");
        waitFor(() -> list("#queue-in_service").getItems().size() == 1);
        clickOn("#completeButton");
        waitFor(() -> list("#queue-done").getItems().size() == 1);
        assertThat(services().appointments().get(a.id()).orElseThrow().status()).isEqualTo(AppointmentStatus.COMPLETED);
    }

    @Test
    void marksANoShow() {
        Appointment a = joseBookedAt(8);
        loginAsMaria();
        clickOn("#nav-queue");
        waitFor(() -> list("#queue-expected").getItems().size() == 1);
        clickOn("#queue-expected");
        type(KeyCode.N);
        waitFor(() -> list("#queue-done").getItems().size() == 1);
        assertThat(services().appointments().get(a.id()).orElseThrow().status()).isEqualTo(AppointmentStatus.NO_SHOW);
    }

    @Test
    void helpOverlayListsTheShortcuts() {
        loginAsMaria();
        type(KeyCode.F1);
        waitFor(() -> visible("#helpOverlay"));
        assertThat(labelled("Ctrl+F")).isTrue();
        assertThat(labelled("Search patients")).isTrue();
        assertThat(labelled("New patient")).isTrue();
        assertThat(labelled("F5")).isTrue();
        type(KeyCode.ESCAPE);
        waitFor(() -> !visible("#helpOverlay"));
    }

    private boolean labelled(String text) {
        return lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Labeled l && text.equals(l.getText())
                && n.isVisible()).tryQuery().isPresent();
    }

    @SuppressWarnings("unchecked")
    private ListView<Object> list(String query) {
        return lookup(query).queryAs(ListView.class);
    }
}
