package br.com.prontivus.ui.admin;

import br.com.prontivus.app.Administration;
import br.com.prontivus.sync.ConflictField;
import br.com.prontivus.sync.ConflictResolver.Conflict;
import br.com.prontivus.sync.ConflictResolver.Side;
import br.com.prontivus.ui.DeskContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * Sync conflicts: the open ones to settle and the resolved ones as history (who, when, which side
 * per field). A conflict is settled field by field ({@link #choose}) or for the whole row
 * ({@link #chooseAll}), or many at once with one side ({@link #resolveMany}).
 */
public final class ConflictsViewModel extends PanelModel {

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";
    /** Tables whose rows can conflict, for the filter. */
    public static final List<String> TABLES = List.of("patients", "appointments", "practitioners", "staff_users",
            "devices", "clinics");

    private final ObjectProperty<String> status = new SimpleObjectProperty<>(this, "status", OPEN);
    private final ObjectProperty<String> table = new SimpleObjectProperty<>(this, "table");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>(this, "from");
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>(this, "to");
    private final ObservableList<Conflict> conflicts = FXCollections.observableArrayList();
    private final ObjectProperty<Conflict> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableMap<String, Side> choices = FXCollections.observableHashMap();
    private long sequence;

    public ConflictsViewModel(DeskContext ctx, Administration admin) {
        super(ctx, admin);
        selected.addListener((obs, o, c) -> {
            choices.clear();
            if (c != null) {
                for (ConflictField f : c.fields()) {
                    // Preselect what the row holds now: the server's value (the strategy's pick when it made one).
                    choices.put(f.field(), f.winner() == ConflictField.Winner.LOCAL ? Side.LOCAL : Side.SERVER);
                }
            }
        });
    }

    @Override
    public void reload() {
        long mine = ++sequence;
        String s = status.get();
        String t = table.get();
        Instant start = from.get() == null ? null : from.get().atStartOfDay(ctx.zone()).toInstant();
        Instant end = to.get() == null ? null : to.get().plusDays(1).atStartOfDay(ctx.zone()).toInstant();
        UUID keep = selected.get() == null ? null : selected.get().id();
        work(i18n.t("ui.admin.loading"), () -> admin.conflicts(actor(), s, t, start, end), list -> {
            if (mine != sequence) {
                return;
            }
            conflicts.setAll(list);
            selected.set(list.stream().filter(c -> c.id().equals(keep)).findFirst()
                    .orElse(list.isEmpty() ? null : list.getFirst()));
        });
    }

    public void choose(String field, Side side) {
        if (choices.containsKey(field)) {
            choices.put(field, side);
        }
    }

    public void chooseAll(Side side) {
        choices.replaceAll((f, s) -> side);
    }

    /** Resolves the selected conflict with the sides chosen per field. */
    public void resolveSelected() {
        Conflict c = selected.get();
        if (c == null || !c.open() || busyProperty().get()) {
            return;
        }
        Map<String, Side> picked = new LinkedHashMap<>(choices);
        work(i18n.t("ui.admin.conflicts.resolving"), () -> admin.resolve(actor(), c.id(), Side.SERVER, picked),
                resolved -> {
                    info(i18n.t("ui.admin.conflicts.resolved", describe(resolved)));
                    ctx.changes().written();
                    reload();
                });
    }

    /** Takes {@code side} for every field of each of {@code ids}. */
    public void resolveMany(List<UUID> ids, Side side) {
        if (ids.isEmpty() || busyProperty().get()) {
            return;
        }
        work(i18n.t("ui.admin.conflicts.resolving"), () -> admin.resolveAll(actor(), ids, side), result -> {
            if (result.failed().isEmpty()) {
                info(i18n.t("ui.admin.conflicts.resolved_many", result.resolved().size()));
            } else {
                error(i18n.t("ui.admin.conflicts.resolved_some", result.resolved().size(), result.failed().size(),
                        result.failed().values().iterator().next()));
            }
            ctx.changes().written();
            reload();
        });
    }

    public String describe(Conflict c) {
        return tableName(c.table()) + " " + shortId(c.rowId());
    }

    public String tableName(String t) {
        String key = "ui.admin.table." + t;
        String text = i18n.t(key);
        return text.equals(key) ? t : text;
    }

    public String fieldName(String f) {
        String key = "ui.admin.field." + f;
        String text = i18n.t(key);
        return text.equals(key) ? f : text;
    }

    public static String shortId(UUID id) {
        return id == null ? "" : id.toString().substring(0, 8);
    }

    /** A field's value as the grid shows it. */
    public String value(Object v) {
        if (v == null) {
            return i18n.t("ui.admin.empty_value");
        }
        if (v instanceof Boolean b) {
            return i18n.t(b ? "ui.admin.yes" : "ui.admin.no");
        }
        return v.toString();
    }

    public static boolean differs(ConflictField f) {
        return !Objects.equals(f.local(), f.server());
    }

    public ObjectProperty<String> statusProperty() { return status; }
    public ObjectProperty<String> tableProperty() { return table; }
    public ObjectProperty<LocalDate> fromProperty() { return from; }
    public ObjectProperty<LocalDate> toProperty() { return to; }
    public ObservableList<Conflict> conflicts() { return conflicts; }
    public ObjectProperty<Conflict> selectedProperty() { return selected; }
    public ObservableMap<String, Side> choices() { return choices; }
}
