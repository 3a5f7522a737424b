package dev.clusterlab.views.sequence.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.ScsiStatus;
import dev.clusterlab.views.sequence.CommandKind;
import dev.clusterlab.views.sequence.SequenceRow;
import dev.clusterlab.views.session.LabSession;
import dev.clusterlab.views.session.ScenarioSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG export: well-formed XML, one lane per node and disk, one request and one response arrow per command, escaped text. */
class SvgExportTest {

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static NodeList select(Document d, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
    }

    @Test
    void theHandBuiltTimelineIsWellFormedSvgWithALanePerNodeAndDiskAndAnArrowPairPerCommand() throws Exception {
        SequenceDiagram diagram = HandBuiltTimeline.diagram();
        Document svg = parse(SvgExport.write(diagram));
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        NodeList lanes = select(svg, "//*[local-name()='g'][@class='lane']/*[local-name()='text']");
        assertThat(lanes.getLength()).isEqualTo(3);
        assertThat(List.of(lanes.item(0).getTextContent(), lanes.item(1).getTextContent(), lanes.item(2).getTextContent()))
                .containsExactly("node-a", "node-b", "disk data");
        assertThat(select(svg, "//*[local-name()='g'][@class='command']").getLength()).isEqualTo(4);
        assertThat(select(svg, "//*[local-name()='line'][@class='request']").getLength()).isEqualTo(4);
        assertThat(select(svg, "//*[local-name()='line'][@class='response']").getLength()).isEqualTo(4);
        assertThat(select(svg, "//*[local-name()='g'][@class='event']").getLength()).isEqualTo(1);
    }

    @Test
    void arrowsAreColouredByOutcomeAsInTheWindow() throws Exception {
        Document svg = parse(SvgExport.write(HandBuiltTimeline.diagram()));
        NodeList requests = select(svg, "//*[local-name()='line'][@class='request']");
        assertThat(((Element) requests.item(0)).getAttribute("stroke")).isEqualTo("#1e9e3e"); // GOOD: green
        assertThat(((Element) requests.item(2)).getAttribute("stroke")).isEqualTo("#d62020"); // RESERVATION CONFLICT: red
        assertThat(((Element) requests.item(3)).getAttribute("stroke")).isEqualTo("#e09b00"); // CHECK CONDITION: amber
        NodeList outcomes = select(svg, "//*[local-name()='text'][@class='outcome']");
        assertThat(outcomes.item(2).getTextContent()).isEqualTo("RESERVATION CONFLICT");
    }

    @Test
    void markupInNamesAndLabelsIsEscaped() throws Exception {
        SequenceRow.Command odd = new SequenceRow.Command(0, 0, "<a&b>", "p\"1", "d'1", CommandKind.OTHER, "x < y & \u0001z", ScsiStatus.GOOD,
                null, new byte[6], new byte[0], new byte[0]);
        Document svg = parse(SvgExport.write(new SequenceDiagram("t&<>", List.of("<a&b>"), List.of("d'1"), List.of(odd))));
        assertThat(select(svg, "//*[local-name()='text'][@class='label']").item(0).getTextContent()).isEqualTo("x < y & \uFFFDz  [p\"1]");
        assertThat(select(svg, "//*[local-name()='g'][@class='lane']/*[local-name()='text']").item(0).getTextContent()).isEqualTo("<a&b>");
    }

    @Test
    void theDemoExportsEveryRowTheWindowShowsWithTheSameLanes() throws Exception {
        LabSession session = LabSession.open(ScenarioSource.demo());
        session.advanceTo(30 * HandBuiltTimeline.S);
        SequenceDiagram diagram = SequenceDiagram.of(session, SequenceDiagram.Selection.everything());
        Document svg = parse(SvgExport.write(diagram));
        assertThat(select(svg, "//*[local-name()='g'][@class='lane']").getLength())
                .isEqualTo(session.topology().nodeNames().size() + session.topology().diskNames().size());
        assertThat(select(svg, "//*[local-name()='g'][@class='command']").getLength()).isEqualTo(diagram.commands().size()).isPositive();
    }

    @Test
    void aNodeFilterKeepsThatNodesLaneAndTheLanesItsRowsUse() {
        LabSession session = LabSession.open(ScenarioSource.demo());
        session.advanceTo(30 * HandBuiltTimeline.S);
        SequenceDiagram diagram = SequenceDiagram.of(session, new SequenceDiagram.Selection(0, Long.MAX_VALUE, "node-a", null,
                EnumSet.allOf(CommandKind.class), true));
        // node-b's mark "fenced node-a" concerns node-a, so node-b's lane stays for it.
        assertThat(diagram.nodes()).containsExactly("node-a", "node-b");
        assertThat(diagram.commands()).isNotEmpty().allSatisfy(c -> assertThat(c.node()).isEqualTo("node-a"));
    }

    @Test
    void aTimeRangeAndFiltersNarrowTheRows() {
        LabSession session = LabSession.open(ScenarioSource.demo());
        session.advanceTo(30 * HandBuiltTimeline.S);
        SequenceDiagram.Selection prOnData = new SequenceDiagram.Selection(5 * HandBuiltTimeline.S, 25 * HandBuiltTimeline.S, null, "data",
                EnumSet.of(CommandKind.PR_OUT), false);
        SequenceDiagram diagram = SequenceDiagram.of(session, prOnData);
        assertThat(diagram.disks()).containsExactly("data");
        assertThat(diagram.nodes()).containsExactlyElementsOf(session.topology().nodeNames());
        assertThat(diagram.rows()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.time()).isBetween(5 * HandBuiltTimeline.S, 25 * HandBuiltTimeline.S);
            assertThat(r).isInstanceOfSatisfying(SequenceRow.Command.class, c -> {
                assertThat(c.disk()).isEqualTo("data");
                assertThat(c.kind()).isEqualTo(CommandKind.PR_OUT);
            });
        });
    }
}
