package dev.clusterlab.views.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusterlab.views.canvas.HeartbeatPulses.Kind;
import dev.clusterlab.views.canvas.HeartbeatPulses.Pulse;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Heartbeat pulses and command flights are pure functions of the frame time: a rewind draws the same dots. */
class CanvasAnimationTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aHeartbeatBetweenTwoLiveNodesCrossesInSixTenthsOfTheInterval() {
        assertThat(HeartbeatPulses.on(3 * SECOND + 300_000_000L, SECOND, 0, true, true, false))
                .containsExactly(new Pulse(Kind.HEARTBEAT, 0.5, 1));
        assertThat(HeartbeatPulses.on(3 * SECOND + 700_000_000L, SECOND, 0, true, true, false)).isEmpty(); // arrived
    }

    @Test
    void theWayBackIsHalfAnIntervalLater() {
        assertThat(HeartbeatPulses.on(3 * SECOND + 800_000_000L, SECOND, 1, true, true, false))
                .containsExactly(new Pulse(Kind.HEARTBEAT, 0.5, 1));
    }

    @Test
    void aHeartbeatRunningIntoACutFadesAtTheCutAndTheReceiverMissesIt() {
        List<Pulse> early = HeartbeatPulses.on(150_000_000L, SECOND, 0, true, true, true);
        assertThat(early).contains(new Pulse(Kind.HEARTBEAT, 0.25, 1));
        List<Pulse> late = HeartbeatPulses.on(450_000_000L, SECOND, 0, true, true, true);
        assertThat(late).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Kind.LOST);
            assertThat(p.at()).isEqualTo(0.5);
            assertThat(p.alpha()).isBetween(0.0, 1.0);
        });
        assertThat(late).anySatisfy(p -> assertThat(p.kind()).isEqualTo(Kind.MISSED));
    }

    @Test
    void aNodeThatIsNotHeartbeatingSendsNothingAndItsPeerMissesIt() {
        for (long t = 0; t < 2 * SECOND; t += 50_000_000L) {
            List<Pulse> pulses = HeartbeatPulses.on(t, SECOND, 0, false, true, false);
            assertThat(pulses).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Kind.MISSED);
                assertThat(p.at()).isEqualTo(1.0);
            });
        }
        assertThat(HeartbeatPulses.on(100_000_000L, SECOND, 0, false, false, false)).isEmpty();
    }

    @Test
    void theMissedRingIsBrightestWhenTheHeartbeatWasDue() {
        double due = HeartbeatPulses.missed(600_000_000L, SECOND, 0).alpha();
        double later = HeartbeatPulses.missed(950_000_000L, SECOND, 0).alpha();
        assertThat(due).isEqualTo(1.0);
        assertThat(later).isLessThan(due);
    }

    @Property(tries = 200)
    void pulsesDependOnlyOnTheTime(@ForAll @LongRange(min = 0, max = 100_000_000_000L) long time,
                                   @ForAll @LongRange(min = 1_000_000L, max = 5_000_000_000L) long interval) {
        assertThat(HeartbeatPulses.on(time, interval, 1, true, true, true)).isEqualTo(HeartbeatPulses.on(time, interval, 1, true, true, true));
        for (Pulse p : HeartbeatPulses.on(time, interval, 0, true, true, time % 2 == 0)) {
            assertThat(p.at()).isBetween(0.0, 1.0);
            assertThat(p.alpha()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void aCommandFliesToTheDiskThenItsResponseFliesBack() {
        assertThat(CommandPainter.flight(0)).isEqualTo(new CommandPainter.Flight(true, 0));
        assertThat(CommandPainter.flight(200_000_000L)).isEqualTo(new CommandPainter.Flight(true, 0.5));
        assertThat(CommandPainter.flight(600_000_000L)).isEqualTo(new CommandPainter.Flight(false, 0.5));
        assertThat(CommandPainter.flight(800_000_000L)).isNull(); // home: the route stays drawn in the outcome's colour
        assertThat(CommandPainter.flight(-1)).isNull();
    }

    @Test
    void timingsComeFromTheScenarioParameters() throws Exception {
        var scenario = dev.clusterlab.engine.scenario.ScenarioParser.parse("t.scenario", """
                title: t
                policy: wsfc-pr
                quorum: node-majority
                node a
                node b
                disk d size=1G
                param heartbeat.delay=2s node.reboot-time=45s
                """);
        assertThat(CanvasTiming.of(scenario)).isEqualTo(new CanvasTiming(2 * SECOND, 45 * SECOND));
        assertThat(CanvasTiming.DEFAULT).isEqualTo(new CanvasTiming(SECOND, 30 * SECOND));
    }
}
