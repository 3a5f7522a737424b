package dev.clusterlab.views.window;

import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.views.canvas.CanvasHit;
import dev.clusterlab.views.canvas.CanvasTarget;
import dev.clusterlab.views.canvas.ClusterCanvasView;
import dev.clusterlab.views.canvas.TargetActions;
import dev.clusterlab.views.session.Topology;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.util.Duration;

/**
 * Makes the cluster canvas interactive (RaftScope's click and right-click on servers, here on
 * nodes, paths, disks and links). A click selects what is under the pointer (a disk also shows its
 * registrations and history in the inspector); right-click, the context-menu key or Shift+F10 opens
 * the selection's {@link TargetActions} as a menu; with the canvas focused, Tab and Shift+Tab walk
 * the selection (past the last one Tab moves the focus on, so the canvas is no keyboard trap),
 * Escape clears it, and the action keys (C crash, R restart, H hang, I isolate, X
 * cut/heal, F fail/restore, L lossy/faithful, U LU reset, B bus reset, T target restart) act on it.
 * Every action goes through {@link LabWindowViewModel#act}, so it is recorded in the session.
 */
public final class CanvasActions {
    private final ClusterCanvasView canvas;
    private final LabWindowViewModel model;
    private final ContextMenu menu = new ContextMenu();
    private final Tooltip tooltip = new Tooltip();
    private String lastError;

    private CanvasActions(ClusterCanvasView canvas, LabWindowViewModel model) {
        this.canvas = canvas;
        this.model = model;
        menu.setId("canvas-menu");
        tooltip.setShowDelay(Duration.millis(400));
    }

    /** Installs the canvas's mouse, keyboard and context-menu handling; returns the installed actions. */
    public static CanvasActions install(ClusterCanvasView canvas, LabWindowViewModel model) {
        CanvasActions actions = new CanvasActions(canvas, model);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, actions::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, actions::moved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> canvas.hoveredTargetProperty().set(null));
        canvas.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, actions::contextMenuRequested);
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, actions::keyPressed);
        Tooltip.install(canvas, actions.tooltip);
        return actions;
    }

    public ContextMenu menu() { return menu; }

    /** What the canvas draws (and so what can be hit). */
    private Topology topology() { return canvas.painter().topology(); }

    /** The message of the last action the session refused, or null. */
    public String lastError() { return lastError; }

    /** Selects {@code target} on the canvas; a disk is also shown in the inspector. */
    public void select(CanvasTarget target) {
        canvas.select(target);
        // Screen readers read the canvas as its selection: what it is and its state.
        canvas.setAccessibleText(target == null ? "cluster canvas" : TargetActions.describe(topology(), model.frame(), target));
        if (target instanceof CanvasTarget.Disk d) model.selectDisk(d.disk());
        else if (target == null && model.selectedDisk() != null) model.selectDisk(null); // a click on the background lets the disk go
    }

    /** Carries out {@code action}'s steps in order; returns false (and keeps the message) when the session refused one. */
    public boolean run(TargetActions.Action action) {
        if (!model.session().canAct()) return false; // a replay or a live target is watched, not driven
        try {
            for (String step : action.steps()) model.act(step);
            lastError = null;
            return true;
        } catch (ScenarioSyntaxException | IllegalStateException e) {
            lastError = e.getMessage();
            tooltip.setText("Could not do that: " + e.getMessage());
            return false;
        }
    }

    /** Opens the context menu of the selection, beside it (the keyboard's way in). */
    public void openMenuForSelection() {
        CanvasTarget target = canvas.selection();
        if (target == null) return;
        Point2D at = canvas.centreOf(target);
        Point2D screen = canvas.localToScreen(at);
        if (screen != null) showMenu(target, screen.getX(), screen.getY());
    }

    private void pressed(MouseEvent e) {
        canvas.requestFocus();
        menu.hide();
        CanvasTarget target = canvas.targetAt(e.getX(), e.getY());
        if (e.getButton() == MouseButton.PRIMARY || target != null) select(target);
        // The menu opens on the press itself: not every platform (nor Monocle) follows it with a CONTEXT_MENU_REQUESTED.
        if (target != null && (e.getButton() == MouseButton.SECONDARY || e.isPopupTrigger())) showMenu(target, e.getScreenX(), e.getScreenY());
    }

    private void moved(MouseEvent e) {
        CanvasTarget target = canvas.targetAt(e.getX(), e.getY());
        canvas.hoveredTargetProperty().set(target);
        tooltip.setText(target == null ? "Click a node, path, disk or link to select it; right-click for its actions"
                : TargetActions.describe(topology(), model.frame(), target) + "\nRight-click (or the menu key) for its actions");
    }

    /** The keyboard's menu request; a mouse's was handled on the press. */
    private void contextMenuRequested(ContextMenuEvent e) {
        if (e.isKeyboardTrigger()) openMenuForSelection();
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.TAB) {
            CanvasTarget next = CanvasHit.next(topology(), canvas.selection(), !e.isShiftDown());
            select(next);
            if (next != null) e.consume(); // past the last target Tab leaves the canvas as usual
        } else if (code == KeyCode.ESCAPE) {
            canvas.select(null);
            e.consume();
        } else if (code == KeyCode.CONTEXT_MENU || (code == KeyCode.F10 && e.isShiftDown())) {
            openMenuForSelection();
            e.consume();
        } else if (code.isLetterKey() && !e.isShortcutDown() && !e.isAltDown()) {
            TargetActions.Action action = TargetActions.forKey(topology(), model.frame(), canvas.selection(), code.getName().charAt(0));
            if (action != null) {
                if (action.enabled()) run(action);
                e.consume();
            }
        }
    }

    private void showMenu(CanvasTarget target, double screenX, double screenY) {
        List<TargetActions.Action> actions = TargetActions.of(topology(), model.frame(), target);
        menu.getItems().clear();
        boolean canAct = model.session().canAct();
        MenuItem heading = new MenuItem(target.label() + (canAct ? "" : " (a replay or live session can only be watched)"));
        heading.setDisable(true);
        menu.getItems().addAll(heading, new SeparatorMenuItem());
        for (TargetActions.Action a : actions) {
            MenuItem item = new MenuItem(a.label() + "   [" + a.key() + "]");
            item.setId("canvas-action-" + a.key());
            item.setDisable(!a.enabled() || !canAct);
            item.setOnAction(ev -> run(a));
            menu.getItems().add(item);
        }
        menu.hide();
        menu.show(canvas, screenX, screenY);
    }
}
