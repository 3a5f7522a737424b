package dev.clusterlab.views.sequence.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** PlantUML and Mermaid text of the sequence diagram: goldens on a hand-built timeline, and syntax sanity. */
class TextExportTest {
    private final SequenceDiagram diagram = HandBuiltTimeline.diagram();

    @Test
    void plantUmlOfTheHandBuiltTimelineIsTheGolden() {
        assertThat(PlantUmlExport.write(diagram)).isEqualTo(PLANTUML);
    }

    @Test
    void mermaidOfTheHandBuiltTimelineIsTheGolden() {
        assertThat(MermaidExport.write(diagram)).isEqualTo(MERMAID);
    }

    @Test
    void plantUmlHasOneStartAndOneEndAndDeclaresEveryParticipantBeforeUsingIt() {
        List<String> lines = PlantUmlExport.write(diagram).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("@startuml");
        assertThat(lines.getLast()).isEqualTo("@enduml");
        assertThat(lines.stream().filter(l -> l.startsWith("@startuml"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.startsWith("@enduml"))).hasSize(1);
        List<String> declared = new ArrayList<>();
        Pattern participant = Pattern.compile("^participant \"[^\"]*\" as (\\w+)$");
        Pattern arrow = Pattern.compile("^(\\w+) -(?:\\[#[0-9a-f]{6}\\]-)?> (\\w+) : .+$");
        Pattern note = Pattern.compile("^note over (\\w+) : .+$");
        int arrows = 0;
        for (String l : lines.subList(1, lines.size() - 1)) {
            Matcher m;
            if ((m = participant.matcher(l)).matches()) declared.add(m.group(1));
            else if ((m = arrow.matcher(l)).matches()) {
                assertThat(declared).contains(m.group(1), m.group(2));
                arrows++;
            } else if ((m = note.matcher(l)).matches()) assertThat(declared).contains(m.group(1));
            else assertThat(l).startsWith("title ");
        }
        assertThat(arrows).isEqualTo(2 * diagram.commands().size());
    }

    @Test
    void labelsWithLineBreaksSemicolonsAndHashesStayOnOneStatement() {
        SequenceDiagram odd = new SequenceDiagram("a;b#c\nd", List.of("n-1"), List.of("d.1"), List.of(
                new dev.clusterlab.views.sequence.SequenceRow.ClusterEvent(0, 0, "n-1", null, "x;y\n#z", null)));
        assertThat(MermaidExport.write(odd)).isEqualTo("""
                sequenceDiagram
                    %% a#59;b#35;c d
                    participant n_1 as n-1
                    participant disk_d_1 as disk d.1
                    Note over n_1: 0.000 s  x#59;y #35;z
                """);
        assertThat(PlantUmlExport.write(odd)).contains("note over n_1 : 0.000 s  x;y #z\n").doesNotContain("\nd\n");
    }

    private static final String PLANTUML = """
            @startuml
            title Replay of hand-built
            participant "node-a" as node_a
            participant "node-b" as node_b
            participant "disk data" as disk_data
            node_a -> disk_data : 0.001 s  PR OUT REGISTER rk=0x0 sark=0xa  [p1]
            disk_data -[#1e9e3e]-> node_a : GOOD
            node_a -> disk_data : 1.001 s  PR OUT RESERVE rk=0xa type=5 (WERO)  [p1]
            disk_data -[#1e9e3e]-> node_a : GOOD
            node_b -> disk_data : 2.001 s  WRITE(10) lba=0 len=1  [p1]
            disk_data -[#d62020]-> node_b : RESERVATION CONFLICT
            note over node_a : 3.000 s  sql is online here (arbitration won)
            node_b -> disk_data : 4.001 s  PR IN SA 1Fh alloc=8192  [p1]
            disk_data -[#e09b00]-> node_b : CHECK CONDITION ILLEGAL REQUEST 24h/00h Invalid field in CDB
            @enduml
            """;

    private static final String MERMAID = """
            sequenceDiagram
                %% Replay of hand-built
                participant node_a as node-a
                participant node_b as node-b
                participant disk_data as disk data
                node_a->>disk_data: 0.001 s  PR OUT REGISTER rk=0x0 sark=0xa  [p1]
                disk_data-->>node_a: GOOD
                node_a->>disk_data: 1.001 s  PR OUT RESERVE rk=0xa type=5 (WERO)  [p1]
                disk_data-->>node_a: GOOD
                node_b->>disk_data: 2.001 s  WRITE(10) lba=0 len=1  [p1]
                disk_data--xnode_b: RESERVATION CONFLICT
                Note over node_a: 3.000 s  sql is online here (arbitration won)
                node_b->>disk_data: 4.001 s  PR IN SA 1Fh alloc=8192  [p1]
                disk_data--xnode_b: CHECK CONDITION ILLEGAL REQUEST 24h/00h Invalid field in CDB
            """;
}
