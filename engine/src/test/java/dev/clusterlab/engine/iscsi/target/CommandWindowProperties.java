package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.iscsi.pdu.Pdu;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** RFC 7143 §4.2.2.1 with RFC 1982 serial arithmetic: any start value, commands delivered in reverse. */
class CommandWindowProperties {
    private static Pdu cmd(int itt) { return new Pdu.NopOut(false, 0, itt, Pdu.RESERVED_TAG, 0, 0, Pdu.NO_DATA); }

    @Property
    void serialArithmeticAcrossTheWrap(@ForAll int start, @ForAll @IntRange(min = 1, max = 64) int depth) {
        CommandWindow w = new CommandWindow(start, depth);
        List<Integer> order = new ArrayList<>();
        for (int k = depth - 1; k >= 0; k--) w.offer(cmd(start + k), false, start + k, p -> order.add(p.itt()));
        assertThat(order).hasSize(depth);
        for (int k = 0; k < depth; k++) assertThat(order.get(k)).isEqualTo(start + k);
        assertThat(w.expCmdSn()).isEqualTo(start + depth);
    }
}
