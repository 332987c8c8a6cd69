package br.com.prontivus.ui.schedule;

import atlantafx.base.theme.Styles;
import br.com.prontivus.clinic.AppointmentStatus;
import br.com.prontivus.clinic.Patient;
import br.com.prontivus.clinic.Practitioner;
import br.com.prontivus.ui.ConfirmBar;
import br.com.prontivus.ui.DeskContext;
import br.com.prontivus.ui.Formats;
import br.com.prontivus.ui.Forms;
import br.com.prontivus.ui.I18n;
import br.com.prontivus.ui.schedule.ScheduleViewModel.Entry;
import br.com.prontivus.ui.schedule.ScheduleViewModel.Mode;
import br.com.prontivus.ui.shell.Page;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The day schedule: a column per practitioner, free slots as focusable cells (click, or arrows and
 * Enter), appointments as blocks over them; a side panel books, moves and cancels.
 */
public final class SchedulePage implements Page {

    static final double SLOT_HEIGHT = 44;
    private static final double PX_PER_MINUTE = SLOT_HEIGHT / ScheduleViewModel.SLOT_MINUTES;
    private static final int SLOTS = (ScheduleViewModel.LAST_HOUR - ScheduleViewModel.FIRST_HOUR) * 60
            / ScheduleViewModel.SLOT_MINUTES;

    private final DeskContext ctx;
    private final I18n i18n;
    private final ScheduleViewModel vm;
    private final BorderPane root = new BorderPane();
    private final HBox header = new HBox();
    private final HBox columns = new HBox();
    private final ScrollPane scroll;
    private final List<List<Button>> slotButtons = new ArrayList<>();
    private final TextField patientField = new TextField();
    private Entry dragging;

    public SchedulePage(DeskContext ctx) {
        this.ctx = ctx;
        this.i18n = ctx.i18n();
        this.vm = new ScheduleViewModel(ctx);
        root.setId("schedulePage");

        Label title = new Label(i18n.t("ui.schedule.title"));
        title.getStyleClass().add("page-title");
        Label dayLabel = Forms.id(new Label(), "scheduleDay");
        dayLabel.getStyleClass().add(Styles.TITLE_4);
        dayLabel.textProperty().bind(Bindings.createStringBinding(() -> i18n.dayTitle(vm.dayProperty().get()),
                vm.dayProperty()));
        Button prevWeek = navButton("prevWeekButton", "«", "ui.schedule.prev_week", vm::previousWeek);
        Button prevDay = navButton("prevDayButton", "‹", "ui.schedule.prev_day", vm::previousDay);
        Button today = navButton("todayButton", i18n.t("ui.schedule.today"), "ui.schedule.today_tip", vm::today);
        Button nextDay = navButton("nextDayButton", "›", "ui.schedule.next_day", vm::nextDay);
        Button nextWeek = navButton("nextWeekButton", "»", "ui.schedule.next_week", vm::nextWeek);
        HBox nav = new HBox(6, prevWeek, prevDay, today, nextDay, nextWeek, dayLabel);
        nav.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, title, nav);

        header.getStyleClass().add("schedule-header-row");
        columns.getStyleClass().add("schedule-grid");
        VBox grid = new VBox(columns);
        scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setId("scheduleScroll");
        VBox gridBox = new VBox(header, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label empty = new Label(i18n.t("ui.schedule.no_practitioners"));
        empty.setWrapText(true);
        empty.visibleProperty().bind(Bindings.isEmpty(vm.practitioners()).and(vm.loadingProperty().not()));
        StackPane center = new StackPane(gridBox, empty);
        VBox left = new VBox(12, top, center);
        VBox.setVgrow(center, Priority.ALWAYS);
        left.getStyleClass().add("page");
        root.setCenter(left);
        root.setRight(buildSidePanel());

        vm.practitioners().addListener((javafx.collections.ListChangeListener<Practitioner>) c -> rebuild());
        vm.entries().addListener((javafx.collections.ListChangeListener<Entry>) c -> rebuild());
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::dayKeys);
    }

    private Button navButton(String id, String text, String tipKey, Runnable action) {
        Button b = Forms.id(new Button(text), id);
        b.setMnemonicParsing(false);
        b.setTooltip(new Tooltip(i18n.t(tipKey)));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Alt+←/→ day, Alt+PgUp/PgDn week, Alt+Home today: filtered here so the grid's scroll pane cannot eat them. */
    private void dayKeys(KeyEvent e) {
        if (!e.isAltDown()) {
            return;
        }
        Runnable action = switch (e.getCode()) {
            case LEFT -> vm::previousDay;
            case RIGHT -> vm::nextDay;
            case PAGE_UP -> vm::previousWeek;
            case PAGE_DOWN -> vm::nextWeek;
            case HOME -> vm::today;
            default -> null;
        };
        if (action != null) {
            action.run();
            e.consume();
        }
    }

    private void rebuild() {
        int[] focused = null;
        Node owner = root.getScene() == null ? null : root.getScene().getFocusOwner();
        for (int c = 0; c < slotButtons.size() && focused == null; c++) {
            int r = slotButtons.get(c).indexOf(owner);
            if (r >= 0) {
                focused = new int[] {c, r};
            }
        }
        header.getChildren().clear();
        columns.getChildren().clear();
        slotButtons.clear();
        Region corner = new Region();
        corner.setMinWidth(56);
        corner.setPrefWidth(56);
        header.getChildren().add(corner);
        columns.getChildren().add(gutter());
        List<Practitioner> practitioners = vm.practitioners();
        for (int col = 0; col < practitioners.size(); col++) {
            Practitioner p = practitioners.get(col);
            Pane column = column(p, col);
            HBox.setHgrow(column, Priority.ALWAYS);
            columns.getChildren().add(column);
            Label head = new Label(p.fullName() + (p.specialty() == null ? "" : "\n" + p.specialty()));
            head.getStyleClass().add("schedule-header");
            head.setMaxWidth(Double.MAX_VALUE);
            head.prefWidthProperty().bind(column.widthProperty());
            head.minWidthProperty().bind(column.widthProperty());
            head.maxWidthProperty().bind(column.widthProperty());
            head.setMinHeight(54);
            header.getChildren().add(head);
        }
        highlightSlot();
        if (focused != null && focused[0] < slotButtons.size()) {
            slotButtons.get(focused[0]).get(focused[1]).requestFocus();
        }
    }

    private Pane gutter() {
        Pane pane = new Pane();
        pane.setMinWidth(56);
        pane.setPrefWidth(56);
        pane.setPrefHeight(SLOTS * SLOT_HEIGHT);
        for (int i = 0; i < SLOTS; i++) {
            Label time = new Label(i18n.time(slotTime(i)));
            time.getStyleClass().add("time-label");
            time.setLayoutY(i * SLOT_HEIGHT + 2);
            time.setLayoutX(8);
            pane.getChildren().add(time);
        }
        return pane;
    }

    private static LocalTime slotTime(int i) {
        return LocalTime.of(ScheduleViewModel.FIRST_HOUR, 0).plusMinutes((long) i * ScheduleViewModel.SLOT_MINUTES);
    }

    private Pane column(Practitioner p, int col) {
        Pane pane = new Pane();
        pane.setMinWidth(170);
        pane.setPrefWidth(220);
        pane.setPrefHeight(SLOTS * SLOT_HEIGHT);
        pane.setMinHeight(SLOTS * SLOT_HEIGHT);
        List<Button> buttons = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            LocalTime time = slotTime(i);
            Button slot = new Button();
            slot.getStyleClass().add("slot");
            slot.setId("slot-" + col + "-" + time.toString().replace(":", ""));
            slot.setAccessibleText(p.fullName() + " " + i18n.time(time));
            slot.setLayoutY(i * SLOT_HEIGHT);
            slot.prefWidthProperty().bind(pane.widthProperty());
            slot.setPrefHeight(SLOT_HEIGHT);
            slot.setMinHeight(SLOT_HEIGHT);
            slot.setMnemonicParsing(false);
            slot.setOnAction(e -> {
                vm.chooseSlot(p, time);
                Platform.runLater(patientField::requestFocus);
            });
            int row = i;
            slot.setOnKeyPressed(e -> arrows(e, col, row));
            slot.setOnMouseDragReleased(e -> {
                if (dragging != null) {
                    vm.moveTo(dragging, time, p); // another column: the appointment changes practitioner
                }
                dragging = null;
            });
            buttons.add(slot);
            pane.getChildren().add(slot);
        }
        slotButtons.add(buttons);
        for (Entry entry : vm.entries()) {
            if (entry.appointment().practitionerId().equals(p.id())) {
                pane.getChildren().add(block(entry));
            }
        }
        return pane;
    }

    private Node block(Entry entry) {
        var a = entry.appointment();
        ZonedDateTime start = a.startsAt().atZone(ctx.zone());
        double minutes = (start.getHour() - ScheduleViewModel.FIRST_HOUR) * 60 + start.getMinute();
        Button block = new Button(i18n.time(start) + "  " + entry.patientName() + "\n" + a.type() + " · "
                + Formats.status(i18n, a.status()));
        block.setId("appt-" + a.id());
        block.setMnemonicParsing(false);
        block.getStyleClass().addAll("appt-block", "status-" + a.status().dbValue());
        if (vm.selectedProperty().get() != null && vm.selectedProperty().get().appointment().id().equals(a.id())) {
            block.getStyleClass().add("selected");
        }
        block.setLayoutY(Math.max(0, minutes * PX_PER_MINUTE) + 1);
        block.setLayoutX(4);
        block.setPrefHeight(Math.max(22, a.durationMinutes() * PX_PER_MINUTE - 2));
        block.setMinHeight(Region.USE_PREF_SIZE);
        block.setMaxHeight(Region.USE_PREF_SIZE);
        block.setWrapText(true);
        block.setAlignment(Pos.TOP_LEFT);
        block.setTooltip(new Tooltip(entry.patientName() + " — " + i18n.time(start) + "–"
                + i18n.time(a.endsAt().atZone(ctx.zone())) + " — " + Formats.status(i18n, a.status())));
        block.setOnAction(e -> vm.chooseAppointment(entry));
        block.setOnDragDetected(e -> {
            if (a.status() == AppointmentStatus.SCHEDULED || a.status() == AppointmentStatus.CONFIRMED) {
                dragging = entry;
                block.startFullDrag();
            }
        });
        block.parentProperty().addListener((obs, o, parent) -> {
            if (parent instanceof Pane pane) {
                block.prefWidthProperty().bind(pane.widthProperty().subtract(10));
            }
        });
        if (!a.status().isActive()) {
            block.setOpacity(0.6);
        }
        return block;
    }

    private void arrows(KeyEvent e, int col, int row) {
        int c = col;
        int r = row;
        switch (e.getCode()) {
            case UP -> r--;
            case DOWN -> r++;
            case LEFT -> c--;
            case RIGHT -> c++;
            default -> {
                return;
            }
        }
        if (e.isAltDown()) {
            return;
        }
        if (c >= 0 && c < slotButtons.size() && r >= 0 && r < SLOTS) {
            Button target = slotButtons.get(c).get(r);
            target.requestFocus();
            ensureVisible(target);
        }
        e.consume();
    }

    private void ensureVisible(Node node) {
        double contentHeight = scroll.getContent().getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        double y = node.getBoundsInParent().getMinY();
        double top = scroll.getVvalue() * (contentHeight - viewport);
        if (y < top) {
            scroll.setVvalue(y / (contentHeight - viewport));
        } else if (y + SLOT_HEIGHT > top + viewport) {
            scroll.setVvalue((y + SLOT_HEIGHT - viewport) / (contentHeight - viewport));
        }
    }

    private void highlightSlot() {
        slotButtons.forEach(col -> col.forEach(b -> b.getStyleClass().remove("selected")));
        var chosen = vm.slotProperty().get();
        if (chosen == null) {
            return;
        }
        int col = vm.practitioners().indexOf(chosen.practitioner());
        int row = (int) (java.time.Duration.between(LocalTime.of(ScheduleViewModel.FIRST_HOUR, 0), chosen.time())
                .toMinutes() / ScheduleViewModel.SLOT_MINUTES);
        if (col >= 0 && col < slotButtons.size() && row >= 0 && row < SLOTS) {
            slotButtons.get(col).get(row).getStyleClass().add("selected");
        }
    }

    private VBox buildSidePanel() {
        Label hint = new Label(i18n.t("ui.schedule.hint"));
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        VBox none = new VBox(hint);

        // Booking a free slot
        Label bookTitle = new Label(i18n.t("ui.booking.title"));
        bookTitle.getStyleClass().add(Styles.TITLE_4);
        Label where = Forms.id(new Label(), "bookingWhere");
        where.setWrapText(true);
        where.textProperty().bind(Bindings.createStringBinding(() -> {
            var s = vm.slotProperty().get();
            return s == null ? "" : s.practitioner().fullName() + " — " + i18n.date(vm.dayProperty().get());
        }, vm.slotProperty(), vm.dayProperty()));
        patientField.setId("bookingPatientField");
        patientField.setPromptText(i18n.t("ui.booking.patient_prompt"));
        patientField.textProperty().bindBidirectional(vm.patientSearch().queryProperty());
        ListView<Patient> matches = Forms.id(new ListView<>(vm.patientSearch().results()), "bookingPatientList");
        matches.setPrefHeight(130);
        matches.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Patient p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.displayName() + "  " + Formats.cpf(p.cpf()));
            }
        });
        matches.getSelectionModel().selectedItemProperty().addListener((obs, o, p) -> {
            if (p != null) {
                vm.patientProperty().set(p);
            }
        });
        patientField.setOnKeyPressed(e -> {
            if ((e.getCode() == KeyCode.DOWN) && !matches.getItems().isEmpty()) {
                matches.requestFocus();
                matches.getSelectionModel().clearSelection();
                matches.getSelectionModel().selectFirst();
                e.consume();
            }
        });
        Label chosen = Forms.id(new Label(), "bookingChosenPatient");
        chosen.setWrapText(true);
        chosen.getStyleClass().add(Styles.TEXT_BOLD);
        chosen.textProperty().bind(Bindings.createStringBinding(() -> vm.patientProperty().get() == null
                ? i18n.t("ui.booking.no_patient")
                : i18n.t("ui.booking.patient_chosen", vm.patientProperty().get().displayName()), vm.patientProperty()));
        TextField start = Forms.id(new TextField(), "bookingStartField");
        start.textProperty().bindBidirectional(vm.startTimeProperty());
        ComboBox<Integer> duration = Forms.id(new ComboBox<>(), "bookingDurationField");
        duration.getItems().setAll(ScheduleViewModel.DURATIONS);
        duration.setValue(vm.durationProperty().get());
        duration.valueProperty().addListener((obs, o, v) -> {
            if (v != null) {
                vm.durationProperty().set(v);
            }
        });
        vm.durationProperty().addListener((obs, o, v) -> duration.setValue(v.intValue()));
        duration.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer m) {
                return m == null ? "" : i18n.t("ui.booking.minutes", m);
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.replaceAll("\\D", ""));
            }
        });
        TextField type = Forms.id(new TextField(), "bookingTypeField");
        type.textProperty().bindBidirectional(vm.typeProperty());
        Button book = Forms.id(new Button(i18n.t("ui.booking.book")), "bookButton");
        book.setGraphic(Forms.icon(MaterialDesignC.CALENDAR_CHECK));
        book.getStyleClass().add(Styles.ACCENT);
        book.disableProperty().bind(vm.busyProperty());
        book.setOnAction(e -> vm.book());
        HBox timeRow = new HBox(8, Forms.field(i18n.t("ui.booking.start"), start, null),
                Forms.field(i18n.t("ui.booking.duration"), duration, null));
        VBox bookPane = new VBox(8, bookTitle, where,
                Forms.field(i18n.t("ui.booking.patient"), patientField, null), matches, chosen, timeRow,
                Forms.field(i18n.t("ui.booking.type"), type, null), book);
        bookPane.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !(e.getTarget() instanceof ComboBox<?>)
                    && !(e.getTarget() instanceof Button)) {
                vm.book();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                vm.clearSelection();
                e.consume();
            }
        });

        // A chosen appointment
        Label apptTitle = new Label(i18n.t("ui.appointment.title"));
        apptTitle.getStyleClass().add(Styles.TITLE_4);
        Label apptInfo = Forms.id(new Label(), "appointmentInfo");
        apptInfo.setWrapText(true);
        apptInfo.textProperty().bind(Bindings.createStringBinding(() -> {
            Entry e = vm.selectedProperty().get();
            if (e == null) {
                return "";
            }
            var a = e.appointment();
            return i18n.t("ui.appointment.info", e.patientName(),
                    i18n.dateTime(a.startsAt().atZone(ctx.zone())), i18n.time(a.endsAt().atZone(ctx.zone())),
                    a.type(), Formats.status(i18n, a.status()));
        }, vm.selectedProperty()));
        TextField newStart = Forms.id(new TextField(), "moveStartField");
        newStart.textProperty().bindBidirectional(vm.startTimeProperty());
        Button move = Forms.id(new Button(i18n.t("ui.appointment.move")), "moveButton");
        move.setGraphic(Forms.icon(MaterialDesignC.CALENDAR_EDIT));
        move.setOnAction(e -> vm.move());
        Button cancel = Forms.id(new Button(i18n.t("ui.appointment.cancel")), "cancelAppointmentButton");
        cancel.setGraphic(Forms.icon(MaterialDesignC.CALENDAR_REMOVE));
        cancel.getStyleClass().add(Styles.DANGER);
        // Cancelling cannot be undone (the slot goes to someone else): ask first, naming who and when.
        ConfirmBar confirmCancel = new ConfirmBar("cancelAppointment", i18n.t("ui.appointment.keep"));
        cancel.setOnAction(e -> {
            Entry selected = vm.selectedProperty().get();
            if (selected != null) {
                confirmCancel.ask(i18n.t("ui.appointment.cancel_question", selected.patientName(),
                                i18n.dateTime(selected.appointment().startsAt().atZone(ctx.zone()))),
                        i18n.t("ui.appointment.cancel_confirm"), vm::cancelAppointment);
            }
        });
        vm.selectedProperty().addListener((obs, o, n) -> confirmCancel.hideBar());
        BooleanBindingHolder movable = new BooleanBindingHolder(Bindings.createBooleanBinding(() -> {
            Entry e = vm.selectedProperty().get();
            return e != null && (e.appointment().status() == AppointmentStatus.SCHEDULED
                    || e.appointment().status() == AppointmentStatus.CONFIRMED);
        }, vm.selectedProperty()));
        move.disableProperty().bind(movable.binding.not().or(vm.busyProperty()));
        cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            Entry e = vm.selectedProperty().get();
            return e == null || !e.appointment().status().canBecome(AppointmentStatus.CANCELLED);
        }, vm.selectedProperty()).or(vm.busyProperty()));
        VBox apptPane = new VBox(8, apptTitle, apptInfo,
                Forms.field(i18n.t("ui.appointment.new_start"), newStart, null), new HBox(8, move, cancel),
                confirmCancel);
        newStart.setOnAction(e -> vm.move());

        Label message = Forms.id(new Label(), "scheduleMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        vm.messageIsErrorProperty().addListener((obs, o, err) -> {
            message.getStyleClass().removeAll("form-message-error", Styles.SUCCESS);
            message.getStyleClass().add(err ? "form-message-error" : Styles.SUCCESS);
        });

        none.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.NONE));
        bookPane.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.BOOK));
        apptPane.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.APPOINTMENT));
        for (VBox pane : List.of(none, bookPane, apptPane)) {
            pane.managedProperty().bind(pane.visibleProperty());
            pane.setSpacing(8);
        }
        vm.slotProperty().addListener((obs, o, s) -> highlightSlot());
        VBox side = new VBox(12, none, bookPane, apptPane, message);
        side.getStyleClass().add("side-panel");
        side.setPrefWidth(340);
        side.setMinWidth(300);
        side.setId("scheduleSide");
        return side;
    }

    /** Keeps a binding strongly reachable while the view lives. */
    private record BooleanBindingHolder(javafx.beans.binding.BooleanBinding binding) {
    }

    public ScheduleViewModel viewModel() {
        return vm;
    }

    public void bookFor(Patient patient) {
        vm.preselect(patient);
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void activated() {
        vm.reload();
        Platform.runLater(() -> {
            if (!slotButtons.isEmpty()) {
                slotButtons.getFirst().get(2 * (9 - ScheduleViewModel.FIRST_HOUR)).requestFocus();
            }
            scroll.setVvalue(0.15);
        });
    }

    @Override
    public void refresh() {
        vm.reload();
    }
}
