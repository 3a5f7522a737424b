package dev.clusterlab.views.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.assets.ShippedScenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The library lists every shipped scenario with its title and the first sentence of its description. */
class ScenarioLibraryTest {

    @Test
    void everyShippedScenarioIsListedInLibraryOrderWithItsTitle() {
        List<ScenarioLibrary.Entry> entries = ScenarioLibrary.shipped();
        assertThat(entries).extracting(e -> e.name() + ".scenario").containsExactlyElementsOf(ShippedScenarios.names());
        assertThat(entries).filteredOn(e -> e.name().equals("wsfc-owner-power-off")).singleElement()
                .satisfies(e -> assertThat(e.title()).isEqualTo("WSFC owner power-off"));
    }

    @Test
    void theSummaryIsTheDescriptionsFirstSentence() {
        for (ScenarioLibrary.Entry e : ScenarioLibrary.shipped()) {
            assertThat(e.summary()).as(e.name()).isNotBlank().doesNotContain("\n").hasSizeLessThan(400);
            assertThat(e.summary()).as(e.name()).doesNotStartWith(e.name() + ":"); // not a parse error
        }
        ScenarioLibrary.Entry demo = ScenarioLibrary.shipped().stream().filter(e -> e.name().equals("wsfc-owner-power-off")).findFirst().orElseThrow();
        assertThat(demo.summary()).startsWith("Two nodes share the data disk").endsWith("reservation on each.");
    }

    @Test
    void aSentenceEndsAtAStopFollowedBySpaceNotInsideANumber() {
        assertThat(ScenarioLibrary.firstSentence("Passthrough since QEMU 2.7 hands status over.\nThen more.")).isEqualTo("Passthrough since QEMU 2.7 hands status over.");
        assertThat(ScenarioLibrary.firstSentence("No stop at all")).isEqualTo("No stop at all");
        assertThat(ScenarioLibrary.firstSentence("")).isEmpty();
    }
}
