package dev.clusterlab.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Bad input never crashes the parser: it either parses or names a position inside the text. */
class ScenarioParserProperties {

    private static final String EXAMPLE = example();

    private static String example() {
        try {
            return ScenarioParserTest.exampleText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Words of the format, so random text reaches deep into the grammar rather than failing on line 1. */
    private static final List<String> WORDS = List.of("title:", "policy:", "quorum:", "seed:", "description:", "node",
            "network", "disk", "group", "param", "at", "expect", "by", "5s:", "1.5s", "0s:", "node-a", "node-a/p1",
            "node-a/p9", "--register", "--param-sark=a1", "--prout-type=5", "-T", "crash", "cut", "passthrough",
            "lossy", "fail-path", "owner", "=", ">=", "monitor", "silent", "violations", "member", "of", "paths=2",
            "size=1G", "size=7", "latency=1ms", "loss=5%", "disk=data", "owner=node-a", "witness=data", "wsfc-pr",
            "node-and-disk-majority", "heartbeat.delay=1s", "#", ":", "/", "\t", "\r", "raw", "cdb=zz",
            "--transport-id=iqn.x,i,0xZZ", "99999999999999999999s", "1e9s", "data", "sql", "é", "\u0000");

    @Property(tries = 400)
    void randomTextOnlyEverFailsWithAPositionInsideTheText(@ForAll("scenarioLikeText") String text) {
        checkParses(text);
    }

    @Property(tries = 400)
    void mutatedExampleOnlyEverFailsWithAPositionInsideTheText(@ForAll("mutatedExample") String text) {
        checkParses(text);
    }

    @Property(tries = 200)
    void arbitraryStringsOnlyEverFailWithAPositionInsideTheText(@ForAll String text) {
        checkParses(text);
    }

    private static void checkParses(String text) {
        try {
            Scenario s = ScenarioParser.parse("p.scenario", text);
            assertThat(s.title()).isNotBlank();
            assertThat(s.nodes()).isNotEmpty();
        } catch (ScenarioSyntaxException e) {
            String[] lines = text.split("\n", -1);
            assertThat(e.file()).isEqualTo("p.scenario");
            assertThat(e.line()).isBetween(1, lines.length);
            assertThat(e.column()).isBetween(1, lines[e.line() - 1].length() + 1);
            assertThat(e.getMessage()).startsWith("p.scenario:" + e.line() + ":" + e.column() + ": ");
            assertThat(e.detail()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> scenarioLikeText() {
        Arbitrary<String> line = Arbitraries.of(WORDS).list().ofMaxSize(7).map(ws -> String.join(" ", ws));
        return line.list().ofMaxSize(20).map(ls -> String.join("\n", ls));
    }

    /** Replace {@code length} characters at {@code position} with {@code insert}. */
    record Edit(int position, int length, String insert) {
        String applyTo(String text) {
            int from = Math.min(position, text.length());
            int to = Math.min(text.length(), from + length);
            return text.substring(0, from) + insert + text.substring(to);
        }
    }

    @Provide
    Arbitrary<String> mutatedExample() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, EXAMPLE.length());
        Arbitrary<Integer> length = Arbitraries.integers().between(0, 12);
        Arbitrary<String> insert = Arbitraries.oneOf(Arbitraries.of(WORDS),
                Arbitraries.strings().withChars("az09 :=/#.-%\n\t").ofMaxLength(6));
        Arbitrary<Edit> edit = Combinators.combine(position, length, insert).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            String t = EXAMPLE;
            for (Edit e : edits) t = e.applyTo(t);
            return t;
        });
    }
}
