package dev.clusterlab.views.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.views.sequence.SequenceRow;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import dev.clusterlab.views.window.LabWindowViewModel;
import org.junit.jupiter.api.Test;

/** The console's view model, without the toolkit: the line it runs, completion, inline help, history and the answers. */
class ConsoleViewModelTest {
    private final LabWindowViewModel window = new LabWindowViewModel(LabSession.open(ScenarioSource.demo()));
    private final ConsoleViewModel console = new ConsoleViewModel(window);

    @Test
    void theNodePickerStartsOnTheFirstNodeAndListsItsPaths() {
        assertThat(console.nodes()).containsExactly("node-a", "node-b");
        assertThat(console.nodeProperty().get()).isEqualTo("node-a");
        assertThat(console.paths()).containsExactly(ConsoleViewModel.ANY_PATH, "p1", "p2");
    }

    @Test
    void aLineWithoutANodeIsForThePickedNodeAndPath() {
        assertThat(console.commandLine("--read-keys data")).isEqualTo("node-a --read-keys data");
        console.nodeProperty().set("node-b");
        console.pathProperty().set("p2");
        assertThat(console.commandLine("--read-keys data")).isEqualTo("node-b/p2 --read-keys data");
    }

    @Test
    void aLineNamingANodeOrAFaultIsTakenAsWritten() {
        assertThat(console.commandLine("node-b --read-keys")).isEqualTo("node-b --read-keys");
        assertThat(console.commandLine("node-b/p1 tur")).isEqualTo("node-b/p1 tur");
        assertThat(console.commandLine("crash node-b")).isEqualTo("crash node-b");
    }

    @Test
    void completionOffersPrOptionsVerbsFaultsAndNodesForTheFirstWord() {
        assertThat(console.completions("--read-")).contains("--read-keys ", "--read-reservation ", "--read-full-status ");
        assertThat(console.completions("cr")).containsExactly("crash ");
        assertThat(console.completions("node-")).contains("node-a ", "node-b ", "node-a/p1 ", "node-b/p2 ");
        assertThat(console.completions("inq")).containsExactly("inquiry ");
    }

    @Test
    void completionAfterANodeOffersTheCommandsAndAfterAnActionTheOptionsAndDisks() {
        assertThat(console.completions("node-a --re")).contains("node-a --read-keys ", "node-a --register ", "node-a --reserve ");
        assertThat(console.completions("--register --param-s")).containsExactly("--register --param-sark=");
        assertThat(console.completions("--read-keys d")).containsExactly("--read-keys data ");
        assertThat(console.completions("--read-keys --reg")).as("one service action per command").isEmpty();
    }

    @Test
    void completionOffersTheReservationTypes() {
        assertThat(console.completions("--reserve --param-rk=0xA1 --prout-type="))
                .contains("--reserve --param-rk=0xA1 --prout-type=5 ", "--reserve --param-rk=0xA1 --prout-type=1 ");
    }

    @Test
    void completionOffersTheKeysRegisteredOnTheCommandsDisk() {
        window.seekSeconds(25); // node-b has preempted node-a: only its key is left on data
        String key = "0x" + Long.toHexString(window.frame().disks().reservation("data").registrants().get(0).key());
        assertThat(console.completions("--preempt-abort data --param-rk="))
                .containsExactly("--preempt-abort data --param-rk=" + key + " ");
        assertThat(console.completions("--register --param-sark=")).as("without a disk: the default data disk")
                .containsExactly("--register --param-sark=" + key + " ");
    }

    @Test
    void completionOffersTheArgumentsEachFaultTakes() {
        assertThat(console.completions("crash ")).containsExactly("crash node-a ", "crash node-b ");
        assertThat(console.completions("cut ")).containsExactly("cut cluster ");
        assertThat(console.completions("cut cluster node-")).containsExactly("cut cluster node-a ", "cut cluster node-b ");
        assertThat(console.completions("fail-path node-b")).contains("fail-path node-b/p1 ", "fail-path node-b/p2 ");
        assertThat(console.completions("lu-reset w")).containsExactly("lu-reset witness ");
        assertThat(console.completions("passthrough node-a ")).containsExactly("passthrough node-a lossy ", "passthrough node-a faithful ");
    }

    @Test
    void helpExplainsTheWordBeingTyped() {
        assertThat(console.help("--read-keys")).contains("PR IN READ KEYS").contains("-k");
        assertThat(console.help("node-b --register --param-sark")).startsWith("--param-sark=VALUE").contains("service action reservation key");
        assertThat(console.help("--reserve --prout-type=5")).contains("5 WERO");
        assertThat(console.help("tur")).contains("TEST UNIT READY");
        assertThat(console.help("crash")).startsWith("crash NODE").contains("power");
        assertThat(console.help("cut cluster")).startsWith("cut NETWORK [NODE NODE]");
        assertThat(console.help("node-a")).contains("--read-keys");
        assertThat(console.help("")).contains("Enter runs it");
    }

    @Test
    void theHelpLineFollowsTheInput() {
        console.inputProperty().set("--preempt-abort");
        assertThat(console.helpProperty().get()).contains("PR OUT PREEMPT AND ABORT");
    }

    @Test
    void readKeysAnswersWithTheKeysAndSelectsTheCommandsRow() {
        window.seekSeconds(10.25); // between the cluster's once-a-second events, so the action runs right there
        console.nodeProperty().set("node-b"); // node-a lost power at 5.5 s
        ConsoleEntry entry = console.run("--read-keys data");
        assertThat(entry.error()).isFalse();
        assertThat(entry.headline()).startsWith("10.250 s  node-b/p").endsWith("node-b --read-keys data -> GOOD");
        assertThat(entry.details()).contains("registered reservation key").containsIgnoringCase("0x");
        assertThat(console.entries()).containsExactly(entry);
        SequenceRow selected = window.sequence().selected();
        assertThat(selected).isInstanceOfSatisfying(SequenceRow.Command.class, c -> {
            assertThat(c.label()).contains("READ KEYS");
            assertThat(c.node()).isEqualTo("node-b");
            assertThat(c.time()).isEqualTo(10_250_000_000L);
        });
        assertThat(window.inspector().titleProperty().get()).contains("READ KEYS");
    }

    @Test
    void aCommandFromANodeThatIsDownSaysSo() {
        window.seekSeconds(10.25); // between the cluster's once-a-second events, so the action runs right there
        ConsoleEntry entry = console.run("--read-keys data");
        assertThat(entry.headline()).isEqualTo("10.250 s  node-a  node-a --read-keys data -> no path to the disk");
        assertThat(entry.error()).isFalse();
    }

    @Test
    void aFaultIsCarriedOutAndReportedDone() {
        window.seekSeconds(3.25);
        ConsoleEntry entry = console.run("cut cluster");
        assertThat(entry.headline()).isEqualTo("3.250 s  cut cluster -> done");
        assertThat(window.frame().links().anyCut("node-a", "node-b")).isTrue();
    }

    @Test
    void aBadLineShowsTheMessageWithACaretUnderItsColumn() {
        ConsoleEntry entry = console.run("--read-keyz data");
        assertThat(entry.error()).isTrue();
        assertThat(entry.headline()).startsWith("error: console:1:8:").contains("--read-keyz");
        assertThat(entry.details()).isEqualTo("  node-a --read-keyz data\n         ^");
        assertThat(window.session().actions()).isEmpty();
    }

    @Test
    void upAndDownWalkTheHistory() {
        console.run("--read-keys data");
        console.run("--read-reservation data");
        assertThat(console.previous()).isEqualTo("--read-reservation data");
        assertThat(console.previous()).isEqualTo("--read-keys data");
        assertThat(console.previous()).as("stays on the oldest").isEqualTo("--read-keys data");
        assertThat(console.next()).isEqualTo("--read-reservation data");
        assertThat(console.next()).isEmpty();
        assertThat(console.inputProperty().get()).isEmpty();
    }

    @Test
    void runningClearsTheInputAndRepeatsAreRememberedOnce() {
        console.inputProperty().set("tur");
        console.run("tur");
        console.run("tur");
        assertThat(console.inputProperty().get()).isEmpty();
        assertThat(console.history()).containsExactly("tur");
        assertThat(console.entries()).hasSize(2);
    }

    @Test
    void actingInThePastSaysTheFutureWasReplaced() {
        window.seekSeconds(30);
        window.seekSeconds(5.25);
        ConsoleEntry entry = console.run("node-b --read-keys data");
        assertThat(entry.details()).contains("recorded future after 5.250 s was replaced");
    }
}
