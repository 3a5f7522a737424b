package dev.clusterlab.engine.target.pr;

import static dev.clusterlab.engine.target.pr.PrFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.engine.scsi.Cdbs;
import dev.clusterlab.engine.scsi.PrOutAction;
import dev.clusterlab.engine.scsi.PrType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** PRgeneration: SPC-4 §6.15.2; notes §1.7 and corner case 13. */
class GenerationTest {
    final PrFixture f = PrFixture.create();

    @Test
    @DisplayName("Starts at 0")
    void startsAtZero() { assertThat(f.generation(A1)).isZero(); }

    @Test
    @DisplayName("+1 for each REGISTER, REGISTER AND IGNORE, key change and unregister")
    void registrationsIncrement() {
        f.registerIgnore(A1, 1);
        f.register(B1, 0, 2);
        f.register(A1, 1, 3);
        f.register(A1, 3, 0);
        assertThat(f.generation(B1)).isEqualTo(4);
    }

    @Test
    @DisplayName("+1 even for the successful no-op REGISTER with SARK=0 from an unregistered nexus (it completes successfully)")
    void zeroKeyRegisterIncrements() {
        f.register(A1, 0, 0);
        assertThat(f.generation(A1)).isEqualTo(1);
    }

    @Test
    @DisplayName("No change for RESERVE, RELEASE or PR IN")
    void reserveReleaseDoNotIncrement() {
        f.registerIgnore(A1, 1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 1);
        f.release(A1, PrType.EXCLUSIVE_ACCESS, 1);
        f.prIn(A1, 3, 255);
        assertThat(f.generation(A1)).isEqualTo(1);
    }

    @Test
    @DisplayName("No change for a command ending in RESERVATION CONFLICT or CHECK CONDITION")
    void failuresDoNotIncrement() {
        f.registerIgnore(A1, 1);
        f.register(B1, 5, 6);                       // conflict
        f.preempt(A1, PrType.EXCLUSIVE_ACCESS, 1, 99); // conflict
        f.prOut(A1, PrOutAction.REGISTER, 0, new byte[20]); // 1Ah/00h (length 20)
        f.prOut(A1, PrOutAction.REGISTER, 0, Cdbs.prOutParameters(1, 2, false, true)); // 26h/00h
        assertThat(f.generation(A1)).isEqualTo(1);
    }

    @Test
    @DisplayName("+1 exactly for CLEAR, PREEMPT, PREEMPT AND ABORT and REGISTER AND MOVE, whatever they remove")
    void preemptionsIncrementOnce() {
        f.registerIgnore(A1, 1);
        f.registerIgnore(B1, 2);
        f.registerIgnore(C1, 2);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS, 1);
        long g = f.generation(A1);
        f.preempt(A1, PrType.EXCLUSIVE_ACCESS, 1, 2);            // removes two registrations
        assertThat(f.generation(A1)).isEqualTo(g + 1);
        f.drainAll(); // B1 and C1 were told 2Ah/05h
        f.registerIgnore(B1, 2);
        f.preemptAndAbort(B1, PrType.WRITE_EXCLUSIVE, 2, 1);     // takes the reservation
        assertThat(f.generation(B1)).isEqualTo(g + 3);
        f.drainAll();
        f.registerAndMove(B1, 2, 7, true, 1, C.transportId());
        assertThat(f.generation(C1)).isEqualTo(g + 4);
        f.clear(C1, 7);
        assertThat(f.generation(C1)).isEqualTo(g + 5);
    }

    @Test
    @DisplayName("Unregistering the holder that also releases the reservation increments once, not twice (Dev tgt)")
    void unregisterWithImplicitReleaseIncrementsOnce() {
        f.registerIgnore(A1, 1);
        f.reserve(A1, PrType.EXCLUSIVE_ACCESS_REGISTRANTS_ONLY, 1);
        long g = f.generation(A1);
        f.register(A1, 1, 0);
        assertThat(f.generation(A1)).isEqualTo(g + 1);
    }

    @Test
    @DisplayName("The counter is 32 bits and wraps from FFFFFFFFh to 0")
    void wrapsAt32Bits() {
        PrState s = new PrState();
        s.generation = -1; // 0xFFFFFFFF
        assertThat(Integer.toUnsignedLong(s.generation)).isEqualTo(0xFFFF_FFFFL);
        s.bumpGeneration();
        assertThat(PrInResponses.readKeys(s, java.util.List.of(P1))).startsWith(0, 0, 0, 0);
    }

    @Test
    @DisplayName("Power on resets it to 0")
    void powerOnResets() {
        f.registerIgnore(A1, 1);
        f.lu.powerOn();
        f.drain(A1);
        assertThat(f.generation(A1)).isZero();
    }
}
