package dev.clusterlab.views.window;

import dev.clusterlab.views.canvas.ClusterCanvasView;
import dev.clusterlab.views.canvas.ClusterPainter;
import dev.clusterlab.views.canvas.Palette;
import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.inspector.InspectorView;
import dev.clusterlab.views.sequence.SequenceDiagramView;
import dev.clusterlab.views.session.LabSession;
import javafx.animation.AnimationTimer;
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
 * Keyboard: space plays or pauses, the right and left arrows step to the next and previous event.
 */
public final class LabWindow extends BorderPane {
    private final LabWindowViewModel model;
    private final ClusterCanvasView canvas;
    private final SequenceDiagramView sequence;
    private final InspectorView inspector;
    private final CanvasActions canvasActions;
    private final Slider slider = new Slider();
    private final AnimationTimer timer;
    private boolean syncingSlider;
    private Theme theme = Theme.LIGHT;

    private final EventHandler<KeyEvent> shortcuts = e -> {
        if (e.getCode() == KeyCode.SPACE) {
            model().togglePlay();
            e.consume();
        } else if (e.getCode() == KeyCode.RIGHT) {
            model().stepToNextEvent();
            e.consume();
        } else if (e.getCode() == KeyCode.LEFT) {
            model().stepToPreviousEvent();
            e.consume();
        }
    };

    public LabWindow(LabWindowViewModel model) {
        this.model = model;
        LabSession session = model.session();
        canvas = new ClusterCanvasView(new ClusterPainter(session.topology(), session::describe,
                session.title(), session.description()));
        sequence = new SequenceDiagramView(model.sequence(), session.topology());
        inspector = new InspectorView(model.inspector());
        // Canvas interaction (select, context menus, action keys): views/window/CanvasActions.
        canvasActions = CanvasActions.install(canvas, model);
        getStyleClass().add("lab-window");
        setCenter(centre());
        setBottom(new VBox(narrationBar(), transportBar()));
        model.frameProperty().addListener((obs, old, frame) -> {
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
        setTheme(Theme.LIGHT);
    }

    public LabWindowViewModel model() { return model; }

    public ClusterCanvasView canvas() { return canvas; }

    public SequenceDiagramView sequence() { return sequence; }

    public InspectorView inspector() { return inspector; }

    /** The canvas's selection, context menus and action keys. */
    public CanvasActions canvasActions() { return canvasActions; }

    public Theme theme() { return theme; }

    public void setTheme(Theme theme) {
        this.theme = theme;
        getStylesheets().setAll(LabWindow.class.getResource("base.css").toExternalForm(), theme.styleSheet());
        canvas.setPalette(Palette.of(theme));
        sequence.setPalette(Palette.of(theme));
    }

    /** The canvas on the left; the sequence diagram above the inspector on the right. */
    private SplitPane centre() {
        SplitPane details = new SplitPane(sequence, inspector);
        details.setId("details");
        details.setOrientation(Orientation.VERTICAL);
        details.setDividerPositions(0.58);
        SplitPane centre = new SplitPane(canvas, details);
        centre.setId("centre");
        centre.setDividerPositions(0.62);
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

        Label time = new Label();
        time.setId("time");
        time.getStyleClass().add("time-label");
        time.textProperty().bind(model.timeTextProperty());

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
        speed.setTooltip(new Tooltip("Simulated seconds per wall-clock second"));
        speed.setFocusTraversable(false);

        Button themeButton = new Button("Dark / light");
        themeButton.setId("theme");
        themeButton.setOnAction(e -> setTheme(theme == Theme.LIGHT ? Theme.DARK : Theme.LIGHT));
        themeButton.setFocusTraversable(false);

        HBox bar = new HBox(10, play, back, step, slider, time, new Label("speed"), speed, themeButton);
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
