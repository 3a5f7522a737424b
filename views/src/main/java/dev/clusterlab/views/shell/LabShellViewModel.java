package dev.clusterlab.views.shell;

import dev.clusterlab.assets.ShippedScenarios;
import dev.clusterlab.engine.cluster.storage.RealDevices;
import dev.clusterlab.engine.scenario.ScenarioSyntaxException;
import dev.clusterlab.engine.timeline.TimelineEvent;
import dev.clusterlab.engine.timeline.TraceWriter;
import dev.clusterlab.views.canvas.Theme;
import dev.clusterlab.views.library.ScenarioLibrary;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ReplayedRecording;
import dev.clusterlab.views.session.ScenarioSource;
import dev.clusterlab.views.session.SessionFiles;
import dev.clusterlab.views.window.LabWindowViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** How sessions opened from this shell reach real disks: the arming and audit log of the whole run. */
    private final RealDevices devices;
    /**
     * Where a session came from: a shipped scenario's name, or a file (a scenario or a trace); for a
     * live session only its name, and then it cannot be re-opened.
     */
    public record Source(String name, Path file, boolean reopenable) {
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
        this.devices = session.devices();
        show(session, source);
    }

    /** A shell showing {@code session}; where it came from is read off its scenario's file name (a trace or live session: its title). */
    public static LabShellViewModel of(LabSession session) {
        if (session.scenario() == null) {
            return new LabShellViewModel(session, new Source(session.title(), null, false));
        }
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
        return new LabShellViewModel(session, new Source(name, file, true));
    }

    /** A shell on the shipped scenario {@code name}. */
    /** The shipped scenario {@code name}, simulated. */
    public static LabShellViewModel onShipped(String name) throws ScenarioSyntaxException {
        Source s = shipped(name);
        return new LabShellViewModel(LabSession.open(ScenarioSource.load(s.name())), s);
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

    /**
     * Opens the file {@code file}: a scenario (simulated) or a trace (replayed). A bad scenario reports
     * {@code file:line:column: message}, a bad trace the line it broke on; either way nothing changes.
     */
    public boolean openFile(Path file) {
        if (!Files.isRegularFile(file)) {
            problems.add("cannot open " + file + ": no such file");
            return false;
        }
        Source s = new Source(file.getFileName().toString(), file, true);
        try {
            show(sessionOf(s), s);
            return true;
        } catch (ScenarioSyntaxException e) {
            problems.add(e.getMessage());
        } catch (RuntimeException e) {
            problems.add("cannot open " + file + ": " + e.getMessage());
        }
        return false;
    }

    /** Re-opens the current scenario (or trace) from its start, discarding the user's actions. */
    public void reset() {
        if (!source.reopenable()) {
            problems.add("a live session cannot be re-opened from its start");
            return;
        }
        try {
            show(sessionOf(source), source);
        } catch (ScenarioSyntaxException | RuntimeException e) {
            problems.add(e.getMessage()); // it opened before; only a file changed meanwhile could get here
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
            // A replayed trace or a live session has no scenario text to save.
            problems.add("cannot save " + file + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Writes everything recorded so far as a trace (JSON Lines; gzip when the name ends in .gz) that
     * `clusterlab TRACE` replays; a simulated session's scenario (with the user's actions written in) and
     * seed go into the header, so the replay lays the cluster out as the scenario does. False and a
     * problem when it cannot; the file is written next to its final name and moved into place, so a
     * failed save never leaves half a trace under that name.
     */
    public boolean saveTrace(Path file) {
        LabSession s = session();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("title", s.title());
        if (s.scenario() != null) {
            header.put("scenario", s.scenario().fileName());
            header.put("seed", s.seed());
            if (s.sourceText() != null) header.put(ReplayedRecording.SCENARIO_TEXT, s.asScenarioText());
        }
        Path temp = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            temp = Files.createTempFile(parent, file.getFileName().toString(), ".part");
            try (TraceWriter writer = TraceWriter.toFile(temp, file.getFileName().toString().endsWith(".gz"), header)) {
                for (TimelineEvent e : s.timeline().all()) writer.append(e);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | UncheckedIOException e) {
            problems.add("cannot save the trace " + file + ": " + e.getMessage());
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // nothing more to undo
                }
            }
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
        if (old != null) {
            old.playingProperty().set(false);
            old.session().close(); // logs out of the real devices it opened
        }
        source = from;
        window.set(new LabWindowViewModel(session));
        title.set("ClusterLab - " + session.title() + (from.file() != null ? " (" + from.file().getFileName() + ")" : ""));
    }

    private static Source shipped(String name) {
        String bare = name.endsWith(".scenario") ? name.substring(0, name.length() - ".scenario".length()) : name;
        if (ShippedScenarios.text(bare) == null) throw new IllegalArgumentException("no shipped scenario called " + name);
        return new Source(bare, null, true);
    }

    /** Opens {@code s}; a scenario with real disks reaches them the way this shell's first session did. */
    private LabSession sessionOf(Source s) throws ScenarioSyntaxException {
        if (s.file() != null) return SessionFiles.open(s.file().toString(), devices);
        dev.clusterlab.engine.scenario.Scenario scenario = ScenarioSource.load(s.name());
        return LabSession.open(scenario, scenario.seed(), ScenarioSource.textOf(scenario), devices);
    }
}
