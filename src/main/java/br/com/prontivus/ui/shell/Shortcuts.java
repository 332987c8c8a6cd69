package br.com.prontivus.ui.shell;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;

/**
 * The keyboard shortcuts of the desk. Global ones are installed as scene accelerators from here;
 * page keys are only described. The help overlay (F1) lists exactly this, so it never lies.
 */
public final class Shortcuts {

    /** One line of the help overlay. */
    public record Entry(String keys, String descriptionKey) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public void global(Scene scene, KeyCombination keys, String descriptionKey, Runnable action) {
        scene.getAccelerators().put(keys, action);
        entries.add(new Entry(keys.getDisplayText(), descriptionKey));
    }

    /** A key handled by a page itself (e.g. Enter in the queue), listed in the help. */
    public void describe(String keys, String descriptionKey) {
        entries.add(new Entry(keys, descriptionKey));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
