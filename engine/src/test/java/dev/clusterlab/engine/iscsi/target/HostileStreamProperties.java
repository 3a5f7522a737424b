package dev.clusterlab.engine.iscsi.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing over the wire: random bytes before and after login, on one connection at a time, while a
 * well-behaved session on the same target keeps working (issue 3, Robustness).
 */
class HostileStreamProperties {
    private static TargetFixture fixture;
    private static TestInitiator witness;

    @BeforeContainer
    static void start() throws IOException {
        fixture = TargetFixture.start();
        witness = fixture.session("iqn.2026-01.test:witness", 0x42);
    }

    @AfterContainer
    static void stop() {
        witness.close();
        fixture.close();
    }

    private static void assertWitnessAlive() throws IOException {
        assertThat(witness.ping(new byte[] {7}).data()).containsExactly(7);
    }

    @Property(tries = 40)
    void garbageInsteadOfLoginNeverHurtsOthers(@ForAll @Size(min = 1, max = 600) byte[] garbage) throws IOException {
        try (TestInitiator i = fixture.initiator("iqn.2026-01.test:fuzz", 1)) {
            i.sendRaw(garbage);
            i.closedWithin(20); // a Reject, silence or a closed connection are all acceptable answers
        }
        assertWitnessAlive();
    }

    @Property(tries = 40)
    void garbageAfterLoginNeverHurtsOthers(@ForAll @Size(min = 1, max = 600) byte[] garbage) throws IOException {
        try (TestInitiator i = fixture.session("iqn.2026-01.test:fuzz", 2)) {
            i.sendRaw(garbage);
            i.closedWithin(20); // a Reject, silence or a closed connection are all acceptable answers
        }
        assertWitnessAlive();
    }
}
