package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 7143 §6.3.4: key=value text continued over PDUs with the C bit, within a length limit. */
class ContinuedTextTest {

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void aSinglePduIsCompleteAsIs() {
        ContinuedText t = new ContinuedText(100);
        assertThat(t.append(b("A=1\0"), false)).isInstanceOfSatisfying(ContinuedText.Complete.class,
                c -> assertThat(c.text()).isEqualTo(b("A=1\0")));
    }

    @Test
    void continuedPiecesAreJoinedInOrder() {
        ContinuedText t = new ContinuedText(100);
        assertThat(t.append(b("Initiator"), true)).isInstanceOf(ContinuedText.NeedMore.class);
        assertThat(t.append(b("Name=iqn."), true)).isInstanceOf(ContinuedText.NeedMore.class);
        assertThat(t.append(b("x\0"), false)).isInstanceOfSatisfying(ContinuedText.Complete.class,
                c -> assertThat(c.text()).isEqualTo(b("InitiatorName=iqn.x\0")));
        // and the collector starts afresh for the next exchange
        assertThat(t.append(b("B=2\0"), false)).isInstanceOfSatisfying(ContinuedText.Complete.class,
                c -> assertThat(c.text()).isEqualTo(b("B=2\0")));
    }

    @Test
    void textBeyondTheLimitIsRefusedAndDropped() {
        ContinuedText t = new ContinuedText(10);
        assertThat(t.append(b("123456"), true)).isInstanceOf(ContinuedText.NeedMore.class);
        assertThat(t.append(b("789012"), true)).isInstanceOfSatisfying(ContinuedText.TooLong.class,
                l -> assertThat(l.limit()).isEqualTo(10));
        assertThat(t.append(b("C=3\0"), false)).isInstanceOfSatisfying(ContinuedText.Complete.class,
                c -> assertThat(c.text()).isEqualTo(b("C=3\0")));
    }
}
