package dev.clusterlab.views.shell;

import dev.clusterlab.assets.ShippedScenarios;
import dev.clusterlab.engine.scenario.Scenario;
import dev.clusterlab.engine.scenario.ScenarioParser;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.library.ScenarioLibrary;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.window.LabWindowViewModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lab shell without controls: which scenario is open (a shipped one by name, or a file), the
 * session on it, the library, theme and presenter mode. Opening replaces the session (and so the
 * window's view model); a scenario that cannot be used is reported in {@link #problems()} and leaves
 * the open session as it was.
 */
public final class LabShellViewModel {
    /** Where a session's scenario came from: a shipped name or a file, and the text it was parsed from. */
    public record Source(String name, Path file, String text) {
        public String describe() { return file != null ? file.toString() : name; }
    }

    private final ReadOnlyObjectWrapper<LabWindowViewModel> window = new ReadOnlyObjectWrapper<>(this, "window");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final BooleanProperty presenter = new SimpleBooleanProperty(this, "presenter", false);
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final List<ScenarioLibrary.Entry> library = ScenarioLibrary.shipped();
    private Source source;

    /** A shell showing {@code session}, whose scenario came from {@code source}. */
    public LabShellViewModel(LabSession session, Source source) {
        show(session, source);
    }

    /** A shell showing {@code session}; where its scenario came from is read off the scenario's file name. */
    public static LabShellViewModel of(LabSession session) {
        String fileName = session.scenario().fileName();
        Path file = null;
        try {
            Path p = Path.of(fileName);
            if (Files.isRegularFile(p)) file = p;
        } catch (java.nio.file.InvalidPathException notAPath) {
            // a shipped scenario's name
        }
        String name = file != null ? file.getFileName().toString()
                : fileName.endsWith(".scenario") ? fileName.substring(0, fileName.length() - ".scenario".length()) : fileName;
        return new LabShellViewModel(session, new Source(name, file, session.sourceText()));
    }

    /** A shell on the shipped scenario {@code name}. */
    public static LabShellViewModel onShipped(String name) throws ScenarioSyntaxException {
        Source s = shipped(name);
        return new LabShellViewModel(sessionOf(s), s);
    }

    public ReadOnlyObjectProperty<LabWindowViewModel> windowProperty() { return window.getReadOnlyProperty(); }

    public LabWindowViewModel window() { return window.get(); }

    public LabSession session() { return window.get().session(); }

    /** "ClusterLab - TITLE", for the stage. */
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }

    public ObjectProperty<Theme> themeProperty() { return theme; }

    public BooleanProperty presenterProperty() { return presenter; }

    /** Messages about scenarios that could not be opened or saved, oldest first (the view shows each in an alert). */
    public ObservableList<String> problems() { return problems; }

    public List<ScenarioLibrary.Entry> library() { return library; }

    public Source source() { return source; }

    /** Opens the shipped scenario {@code name}, replacing the session; false (and a problem) when it cannot. */
    public boolean open(String name) {
        try {
            Source s = shipped(name);
            show(sessionOf(s), s);
            return true;
        } catch (ScenarioSyntaxException | IllegalArgumentException e) {
            problems.add(e.getMessage());
            return false;
        }
    }

    /** Opens the shipped scenario {@code name} and plays it. */
    public boolean run(String name) {
        if (!open(name)) return false;
        window().playingProperty().set(true);
        return true;
    }

    /** Opens the scenario file {@code file}; a bad one reports {@code file:line:column: message} and changes nothing. */
    public boolean openFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Source s = new Source(file.getFileName().toString(), file, text);
            show(sessionOf(s), s);
            return true;
        } catch (ScenarioSyntaxException e) {
            problems.add(e.getMessage());
        } catch (IOException | RuntimeException e) {
            problems.add("cannot open " + file + ": " + e.getMessage());
        }
        return false;
    }

    /** Re-opens the current scenario from its start, discarding the user's actions. */
    public void reset() {
        try {
            show(sessionOf(source), source);
        } catch (ScenarioSyntaxException e) {
            problems.add(e.getMessage()); // it parsed when it was opened; only a changed file could get here
        }
    }

    /** Writes the session as a scenario file (the user's actions as timed steps) to {@code file}; false and a problem when it cannot. */
    public boolean saveAs(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(file, session().asScenarioText(), StandardCharsets.UTF_8);
            return true;
        } catch (IOException | IllegalStateException e) {
            problems.add("cannot save " + file + ": " + e.getMessage());
            return false;
        }
    }

    /** A file name to suggest when saving: the scenario's, with "-lab" when the user acted. */
    public String suggestedFileName() {
        String base = source.name().endsWith(".scenario") ? source.name().substring(0, source.name().length() - ".scenario".length()) : source.name();
        return base + (session().actions().isEmpty() ? "" : "-lab") + ".scenario";
    }

    private void show(LabSession session, Source from) {
        LabWindowViewModel old = window.get();
        if (old != null) old.playingProperty().set(false);
        source = from;
        window.set(new LabWindowViewModel(session));
        title.set("ClusterLab - " + session.scenario().title() + (from.file() != null ? " (" + from.file().getFileName() + ")" : ""));
    }

    private static Source shipped(String name) {
        String bare = name.endsWith(".scenario") ? name.substring(0, name.length() - ".scenario".length()) : name;
        String text = ShippedScenarios.text(bare);
        if (text == null) throw new IllegalArgumentException("no shipped scenario called " + name);
        return new Source(bare, null, text);
    }

    private static LabSession sessionOf(Source s) throws ScenarioSyntaxException {
        String fileName = s.file() != null ? s.file().toString() : s.name() + ".scenario";
        Scenario scenario = ScenarioParser.parse(fileName, s.text());
        return LabSession.open(scenario, scenario.seed(), s.text());
    }
}
