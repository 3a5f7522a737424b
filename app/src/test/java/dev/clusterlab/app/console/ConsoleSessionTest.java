package dev.clusterlab.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console as a support engineer uses it: a script in, an sg_persist-style transcript out. */
class ConsoleSessionTest {

    private record Result(String transcript, int failures) {}

    private static Result run(String script) throws Exception {
        StringWriter text = new StringWriter();
        ConsoleSession s = new ConsoleSession(new SharedDiskBench(List.of("node-a", "node-b"), 2048), new PrintWriter(text));
        int failures = s.run(new BufferedReader(new StringReader(script)), false, true);
        return new Result(text.toString(), failures);
    }

    @Test
    void preemptAndAbortFencesTheOtherNodeAndItSeesTheUnitAttention() throws Exception {
        Result r = run("""
                node-a --register --param-sark=a1
                node-a --reserve --param-rk=a1 --prout-type=5
                node-b --register --param-sark=b1
                node-b --preempt-abort --param-rk=b1 --param-sark=a1 --prout-type=5
                node-a write lba=0 len=1
                node-a tur
                node-b --read-reservation
                node-b --read-keys
                """);
        assertThat(r.failures()).isZero();
        assertThat(r.transcript()).contains(
                "PR out: command (Register) successful",
                "PR out: command (Reserve) successful",
                "PR out: command (Preempt and abort) successful",
                "lab> node-a write lba=0 len=1\nRESERVATION CONFLICT",
                "lab> node-a tur\nCHECK CONDITION, UNIT ATTENTION, asc=2Ah ascq=05h (Registrations preempted)",
                "Key=0xb1\n    scope: LU_SCOPE,  type: Write Exclusive, registrants only",
                "1 registered reservation key follows:\n    0xb1");
    }

    @Test
    void showListsRegistrantsByNodeAndPath() throws Exception {
        Result r = run("""
                node-a --register --param-sark=a1
                node-a/p2 --register --param-sark=a2
                node-a --reserve --param-rk=a1 --prout-type=1
                show
                """);
        assertThat(r.transcript()).contains("reservation type Write Exclusive")
                .containsPattern("node-a/p1 +key=0xa1 +port 1 +HOLDER")
                .containsPattern("node-a/p2 +key=0xa2 +port 2");
    }

    @Test
    void syntaxErrorsAndUnknownNodesAreCountedAndPointAtTheColumn() throws Exception {
        Result r = run("""
                node-a --register --bogus
                node-z tur
                node-a tur
                """);
        assertThat(r.failures()).isEqualTo(2);
        assertThat(r.transcript()).contains("line 1:19: unknown option '--bogus'", "line 2:1: unknown node or path 'node-z'");
    }

    @Test
    void decodeShowsTheLastCommandFieldByField() throws Exception {
        Result r = run("""
                node-a --register --param-sark=a1
                node-b --reserve --param-rk=b1 --prout-type=3
                decode
                """);
        assertThat(r.transcript()).contains("RESERVATION CONFLICT", "Operation code: PERSISTENT RESERVE OUT (5Fh)",
                "Reservation key: 0xb1");
    }

    @Test
    void aptplStateSurvivesAPowerCycleAndANewConsoleOnTheSameStateDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String setup = """
                node-a --register --param-sark=a1 --param-aptpl
                node-a --reserve --param-rk=a1 --prout-type=5
                power-cycle
                node-b tur
                node-b --read-reservation
                """;
        StringWriter text = new StringWriter();
        var store = new dev.clusterlab.engine.target.pr.FileAptplStore(dir, "disk1");
        new ConsoleSession(new SharedDiskBench(List.of("node-a", "node-b"), 2048, store), new PrintWriter(text))
                .run(new BufferedReader(new StringReader(setup)), false, true);
        assertThat(text.toString()).contains("APTPL was active", "asc=29h ascq=01h", "Key=0xa1");

        StringWriter again = new StringWriter();
        new ConsoleSession(new SharedDiskBench(List.of("node-a", "node-b"), 2048, new dev.clusterlab.engine.target.pr.FileAptplStore(dir, "disk1")),
                new PrintWriter(again)).run(new BufferedReader(new StringReader("node-b --read-keys\nnode-b --read-keys\n")), false, true);
        assertThat(again.toString()).contains("1 registered reservation key follows:\n    0xa1");
    }

    @Test
    void withoutAptplAPowerCycleLosesEverything() throws Exception {
        Result r = run("""
                node-a --register --param-sark=a1
                power-cycle
                node-a tur
                node-a --read-keys
                """);
        assertThat(r.transcript()).contains("registrations and reservation lost", "there are NO registered reservation keys");
    }

    @Test
    void luResetReleasesAnSpc2Reservation() throws Exception {
        Result r = run("""
                node-a reserve6
                node-b tur
                lu-reset
                node-b tur
                node-b reserve6
                """);
        assertThat(r.transcript()).contains("lab> node-b tur\nRESERVATION CONFLICT",
                "lab> node-b tur\nCHECK CONDITION, UNIT ATTENTION, asc=29h ascq=03h",
                "lab> node-b reserve6\nGOOD");
    }
}
