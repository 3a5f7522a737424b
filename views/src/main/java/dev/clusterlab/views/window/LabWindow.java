package dev.clusterlab.views.window;

import dev.clusterlab.engine.scenario.Durations;
import dev.clusterlab.views.canvas.ClusterCanvasView;
import dev.clusterlab.views.console.ConsoleView;
import dev.clusterlab.views.console.ConsoleViewModel;
import dev.clusterlab.views.canvas.CanvasTiming;
import dev.clusterlab.views.canvas.ClusterPainter;
import dev.clusterlab.views.canvas.Palette;
import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.inspector.InspectorView;
import dev.clusterlab.views.sequence.SequenceDiagramView;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.Topology;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.event.EventHandler;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The lab's main window content: the cluster canvas in the centre with the sequence diagram and
 * the inspector beside it, the narration bar and the transport bar at the bottom. A view only: every decision is the {@link LabWindowViewModel}'s.
 * Keyboard (see {@link #SHORTCUTS}): space plays or pauses, the arrows step, Home/End jump, +/- change
 * the speed, Ctrl+K goes to the command console. Presenter mode hides the inspector and the
 * console, and switches to large type and high-contrast colours (the {@code presenter} style class
 * and presenter.css).
 */
public final class LabWindow extends BorderPane {
    private final LabWindowViewModel model;
    private final ClusterCanvasView canvas;
    private final SequenceDiagramView sequence;
    private final InspectorView inspector;
    private final CanvasActions canvasActions;
    private final ConsoleView console;
    private final SplitPane details = new SplitPane();
    private final Slider slider = new Slider();
    private Topology shownTopology;
    private final AnimationTimer timer;
    private boolean syncingSlider;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final BooleanProperty presenter = new SimpleBooleanProperty(this, "presenter", false);
    private double[] detailDividers = {0.5, 0.7};
    private final SplitPane centre = new SplitPane();

    private static final double CANVAS_SHARE = 0.62;
    private static final double PRESENTER_CANVAS_SHARE = 0.68;

    /** The transport's keys, for the help screen: key, what it does. */
    public static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Space", "play / pause"},
            new String[] {"Right / Left", "step to the next / previous event"},
            new String[] {"Home / End", "jump to the start / the end"},
            new String[] {"+ / -", "faster / slower"},
            new String[] {"Ctrl+K", "go to the command console"},
            new String[] {"Up / Down (console)", "walk the console's history"},
            new String[] {"Tab (console)", "complete the word"});

    /** Transport keys; not while typing in a text field (the console needs space and the arrows). */
    private final EventHandler<KeyEvent> shortcuts = e -> {
        boolean typing = e.getTarget() instanceof TextInputControl;
        if (e.isShortcutDown() && e.getCode() == KeyCode.K) {
            focusConsole();
            e.consume();
            return;
        }
        if (typing || e.isShortcutDown() || e.isAltDown()) return;
        switch (e.getCode()) {
            case SPACE -> model().togglePlay();
            case RIGHT -> model().stepToNextEvent();
            case LEFT -> model().stepToPreviousEvent();
            case HOME -> model().jumpToStart();
            case END -> model().jumpToEnd();
            case PLUS, ADD, EQUALS -> model().faster();
            case MINUS, SUBTRACT -> model().slower();
            default -> {
                return;
            }
        }
        e.consume();
    };

    public LabWindow(LabWindowViewModel model) {
        this.model = model;
        LabSession session = model.session();
        shownTopology = session.topology();
        canvas = new ClusterCanvasView(painterFor(session, shownTopology));
        sequence = new SequenceDiagramView(model.sequence(), session.topology());
        inspector = new InspectorView(model.inspector());
        // Canvas interaction (select, context menus, action keys): views/window/CanvasActions.
        canvasActions = CanvasActions.install(canvas, model);
        console = new ConsoleView(new ConsoleViewModel(model));
        // The console selects its command's row; bring that row into view (a little below the top).
        console.model().entries().addListener((ListChangeListener<Object>) c -> revealSelectedRow());
        getStyleClass().add("lab-window");
        setCenter(centre());
        setBottom(new VBox(narrationBar(), transportBar()));
        model.frameProperty().addListener((obs, old, frame) -> {
            followTopology();
            canvas.show(frame);
            syncingSlider = true;
            slider.setValue(frame.time() / 1e9);
            syncingSlider = false;
        });
        canvas.show(model.frame());
        slider.setValue(model.cursorSeconds());
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) { model.tick(now); }
        };
        timer.start();
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) old.removeEventFilter(KeyEvent.KEY_PRESSED, shortcuts);
            if (scene != null) scene.addEventFilter(KeyEvent.KEY_PRESSED, shortcuts);
        });
        theme.addListener((obs, old, t) -> applyLook());
        presenter.addListener((obs, old, on) -> applyPresenter(on));
        applyLook();
        // --- canvas interaction (context menus, keyboard on the canvas) goes here ---
    }

    public LabWindowViewModel model() { return model; }

    private static ClusterPainter painterFor(LabSession session, Topology topology) {
        return new ClusterPainter(topology, session::describe, session.title(), session.description(),
                CanvasTiming.of(session.scenario()));
    }

    /** A live session's topology grows as initiators log in: new cards and lanes for them. */
    private void followTopology() {
        Topology now = model.session().topology();
        if (now.equals(shownTopology)) return;
        shownTopology = now;
        canvas.setPainter(painterFor(model.session(), now));
        sequence.setTopology(now);
    }

    public ClusterCanvasView canvas() { return canvas; }

    public SequenceDiagramView sequence() { return sequence; }

    public InspectorView inspector() { return inspector; }

    /** The canvas's selection, context menus and action keys. */
    public CanvasActions canvasActions() { return canvasActions; }

    public ConsoleView console() { return console; }

    /** Scrolls the sequence diagram so its selected row is in view, a few rows below the top. */
    public void revealSelectedRow() {
        int row = sequence.list().getItems().indexOf(model.sequence().selected());
        if (row >= 0) sequence.list().scrollTo(Math.max(0, row - 3));
    }

    public Theme theme() { return theme.get(); }

    public void setTheme(Theme theme) { this.theme.set(theme); }

    public ObjectProperty<Theme> themeProperty() { return theme; }

    public boolean isPresenter() { return presenter.get(); }

    public void setPresenter(boolean on) { presenter.set(on); }

    /** Presenter mode: large type, high contrast, no inspector and no console. */
    public BooleanProperty presenterProperty() { return presenter; }

    /** Puts the keyboard in the console's command line (leaves presenter mode, which hides it). */
    public void focusConsole() {
        presenter.set(false);
        console.focusInput();
    }

    /** Style sheets and palettes for the theme, and presenter.css over them in presenter mode. */
    private void applyLook() {
        Theme t = theme.get();
        getStylesheets().setAll(LabWindow.class.getResource("base.css").toExternalForm(), t.styleSheet());
        if (presenter.get()) getStylesheets().add(LabWindow.class.getResource("presenter.css").toExternalForm());
        Palette palette = presenter.get() ? PresenterPalettes.of(t) : Palette.of(t);
        canvas.setPalette(palette);
        sequence.setPalette(palette);
    }

    private void applyPresenter(boolean on) {
        if (on) {
            getStyleClass().add("presenter");
            detailDividers = details.getDividerPositions();
            details.getItems().setAll(sequence);
            centre.setDividerPositions(PRESENTER_CANVAS_SHARE); // the picture is what the room looks at
        } else {
            getStyleClass().removeAll("presenter");
            details.getItems().setAll(sequence, console, inspector);
            details.setDividerPositions(detailDividers);
            centre.setDividerPositions(CANVAS_SHARE);
        }
        applyLook();
    }

    /** The canvas on the left; on the right the sequence diagram, the console and the inspector, top to bottom. */
    private SplitPane centre() {
        details.getItems().setAll(sequence, console, inspector);
        details.setId("details");
        details.setOrientation(Orientation.VERTICAL);
        details.setDividerPositions(detailDividers);
        centre.getItems().setAll(canvas, details);
        centre.setId("centre");
        centre.setDividerPositions(CANVAS_SHARE);
        SplitPane.setResizableWithParent(details, false);
        return centre;
    }

    /** Stops the animation timer (the window is going away). */
    public void dispose() { timer.stop(); }

    private VBox narrationBar() {
        Label headline = new Label();
        headline.setId("narration-headline");
        headline.getStyleClass().add("narration-headline");
        headline.textProperty().bind(model.headlineProperty());
        headline.setWrapText(true);
        Label log = new Label();
        log.setId("narration-log");
        log.getStyleClass().add("narration-log");
        log.textProperty().bind(model.logProperty());
        VBox bar = new VBox(4, headline, log);
        bar.setId("narration");
        Tooltip.install(bar, new Tooltip("What just happened, in plain words: the big line is the latest important event"));
        bar.getStyleClass().add("narration-bar");
        bar.setPadding(new Insets(8, 16, 8, 16));
        return bar;
    }

    private HBox transportBar() {
        Button play = new Button();
        play.setId("play");
        play.textProperty().bind(model.playingProperty().map(p -> p ? "❚❚ Pause" : "▶ Play"));
        play.setOnAction(e -> model.togglePlay());
        play.setTooltip(new Tooltip("Play or pause (space)"));
        play.setFocusTraversable(false);

        Button back = new Button("◂ Previous");
        back.setId("step-back");
        back.setOnAction(e -> model.stepToPreviousEvent());
        back.setTooltip(new Tooltip("Pause and jump back to the previous event (left arrow)"));
        back.setFocusTraversable(false);

        Button step = new Button("Next event ▸");
        step.setId("step");
        step.setOnAction(e -> model.stepToNextEvent());
        step.setTooltip(new Tooltip("Pause and jump to the next event (right arrow)"));
        step.setFocusTraversable(false);

        slider.setId("time-slider");
        slider.setMin(0);
        slider.setMax(model.endSeconds());
        slider.setFocusTraversable(false);
        slider.setShowTickMarks(true);
        slider.setShowTickLabels(true);
        slider.setMajorTickUnit(tickUnit(model.endSeconds()));
        model.endProperty().addListener((obs, old, end) -> {
            slider.setMax(end.doubleValue());
            slider.setMajorTickUnit(tickUnit(end.doubleValue()));
        });
        slider.setMinorTickCount(4);
        slider.setTooltip(new Tooltip("Drag to rewind or go forward in simulated time (seconds)"));
        slider.valueProperty().addListener((obs, old, value) -> {
            if (!syncingSlider) model.seekSeconds(value.doubleValue());
        });
        HBox.setHgrow(slider, Priority.ALWAYS);

        Label fork = new Label();
        fork.setId("fork-marker");
        fork.getStyleClass().add("fork-marker");
        fork.setTooltip(new Tooltip("You acted in the past here: the recorded future after this moment was dropped and "
                + "simulated again from the scenario and your actions (click to go there)"));
        fork.setOnMouseClicked(e -> { if (!model.forks().isEmpty()) model.seek(model.forks().get(model.forks().size() - 1)); });
        Runnable showFork = () -> {
            boolean any = !model.forks().isEmpty();
            fork.setVisible(any);
            fork.setManaged(any);
            fork.setText(any ? "⑂ forked at " + Durations.format(model.forks().get(model.forks().size() - 1)) : "");
        };
        model.forks().addListener((ListChangeListener<Long>) c -> showFork.run());
        showFork.run();

        Label time = new Label();
        time.setId("time");
        time.getStyleClass().add("time-label");
        time.textProperty().bind(model.timeTextProperty());
        time.setTooltip(new Tooltip("Simulated time at the cursor / end of the session (Home / End jump there)"));

        ComboBox<Double> speed = new ComboBox<>();
        speed.setId("speed");
        speed.getItems().setAll(LabWindowViewModel.SPEEDS);
        speed.setValue(model.speedProperty().get());
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double v) { return v == null ? "" : (v < 1 ? v.toString() : String.valueOf(v.intValue())) + "x"; }

            @Override
            public Double fromString(String s) { return Double.valueOf(s.replace("x", "")); }
        });
        speed.valueProperty().addListener((obs, old, v) -> { if (v != null) model.speedProperty().set(v); });
        model.speedProperty().addListener((obs, old, v) -> speed.setValue(v.doubleValue()));
        speed.setTooltip(new Tooltip("Simulated seconds per wall-clock second (+ / -)"));
        speed.setFocusTraversable(false);

        Button themeButton = new Button("Dark / light");
        themeButton.setId("theme");
        themeButton.setOnAction(e -> setTheme(theme() == Theme.LIGHT ? Theme.DARK : Theme.LIGHT));
        themeButton.setTooltip(new Tooltip("Switch between the light and the dark theme"));
        themeButton.setFocusTraversable(false);

        HBox bar = new HBox(10, play, back, step, slider, fork, time, new Label("speed"), speed, themeButton);
        bar.setId("transport");
        bar.getStyleClass().add("transport-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 16, 10, 16));
        return bar;
    }

    private static double tickUnit(double endSeconds) {
        if (endSeconds <= 30) return 5;
        if (endSeconds <= 120) return 10;
        if (endSeconds <= 600) return 60;
        return 300;
    }

    /** A scene for this window with its shortcuts (the shortcuts follow the window to any scene). */
    public Scene scene(double width, double height) { return new Scene(this, width, height); }
}
