package dev.clusterlab.tests.differential;

import dev.clusterlab.engine.iscsi.initiator.InitiatorIdentity;
import dev.clusterlab.engine.scsi.PrInAction;
import dev.clusterlab.engine.scsi.PrOutAction;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random multi-nexus persistent reservation sequences, reproducible from a seed.
 *
 * <p>To make matches (and so real reservation logic, not just conflicts) frequent, the generator
 * keeps a rough guess of each nexus's key and of the reservation, and uses the right key and type
 * most of the time; a minority of steps use a wrong key, a wrong type or an invalid type on purpose.
 * Keys come from a pool of three, so PREEMPT victims and duplicate keys across nexuses are common.
 * The guess never needs to be right: the targets decide, the comparison judges.
 */
public final class SequenceGenerator {
    static final long[] KEYS = {0xA1L, 0xB2L, 0xC3L};
    static final int[] TYPES = {1, 3, 5, 6, 7, 8};
    static final String NAME_PREFIX = "iqn.2026-11.dev.clusterlab.diff:node-";
    private static final long ISID_BASE = 0x4000_0000_0000L;

    private final int minSteps;
    private final int maxSteps;

    public SequenceGenerator(int minSteps, int maxSteps) {
        if (minSteps < 1 || maxSteps < minSteps) throw new IllegalArgumentException("steps: 1 <= min <= max");
        this.minSteps = minSteps;
        this.maxSteps = maxSteps;
    }

    public static SequenceGenerator standard() { return new SequenceGenerator(16, 32); }

    public Sequence generate(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<InitiatorIdentity> nexuses = nexuses(r);
        Guess g = new Guess(nexuses.size());
        int count = minSteps + r.nextInt(maxSteps - minSteps + 1);
        List<Step> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) steps.add(step(r, g));
        return new Sequence(seed, nexuses, steps);
    }

    /** 2-4 nexuses with distinct names; in about a third of the sequences one name has a second ISID. */
    private static List<InitiatorIdentity> nexuses(SplittableRandom r) {
        int n = 2 + r.nextInt(3);
        boolean twin = n >= 3 && r.nextInt(3) == 0;
        List<InitiatorIdentity> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (twin && i == n - 1) out.add(new InitiatorIdentity(out.get(0).name(), ISID_BASE | 2));
            else out.add(new InitiatorIdentity(NAME_PREFIX + (char) ('a' + i), ISID_BASE | 1));
        }
        return out;
    }

    /** What the generator believes: key per nexus (0 = unregistered), reservation holder and type. */
    private static final class Guess {
        final long[] key;
        int holder = -1;
        int type;

        Guess(int n) { key = new long[n]; }

        long keyOrWrong(SplittableRandom r, int nexus) {
            if (r.nextInt(6) == 0) return pickKey(r); // sometimes a wrong (or accidentally right) key
            return key[nexus];
        }

        int mostlyRegistered(SplittableRandom r) {
            int any = r.nextInt(key.length);
            if (r.nextInt(5) == 0) return any;
            for (int i = 0; i < key.length; i++) if (key[(any + i) % key.length] != 0) return (any + i) % key.length;
            return any;
        }

        void unregister(int nexus) {
            key[nexus] = 0;
            if (holder == nexus) holder = -1;
        }
    }

    private static long pickKey(SplittableRandom r) { return KEYS[r.nextInt(KEYS.length)]; }

    private static int pickType(SplittableRandom r) { return TYPES[r.nextInt(TYPES.length)]; }

    private Step step(SplittableRandom r, Guess g) {
        int roll = r.nextInt(100);
        // RESERVE, RELEASE, CLEAR and PREEMPT mostly come from a nexus believed registered, so they
        // reach the reservation logic instead of stopping at the unregistered-nexus conflict.
        int n = roll >= 22 && roll < 58 ? g.mostlyRegistered(r) : r.nextInt(g.key.length);
        if (roll < 14) return register(r, g, n);
        if (roll < 22) return registerAndIgnore(r, g, n);
        if (roll < 36) return reserve(r, g, n);
        if (roll < 44) return release(r, g, n);
        if (roll < 47) return clear(r, g, n);
        if (roll < 56) return preempt(r, g, n, PrOutAction.PREEMPT);
        if (roll < 58) return preempt(r, g, n, PrOutAction.PREEMPT_AND_ABORT);
        if (roll < 66) return new Step.PrIn(n, PrInAction.READ_KEYS);
        if (roll < 74) return new Step.PrIn(n, PrInAction.READ_RESERVATION);
        if (roll < 76) return new Step.PrIn(n, PrInAction.REPORT_CAPABILITIES);
        if (roll < 77) return new Step.PrIn(n, PrInAction.READ_FULL_STATUS);
        if (roll < 84) return new Step.TestUnitReady(n);
        if (roll < 91) return new Step.Read(n);
        if (roll < 99) return new Step.Write(n);
        return new Step.Reconnect(n);
    }

    private static Step register(SplittableRandom r, Guess g, int n) {
        long rk = g.keyOrWrong(r, n);
        long sark = r.nextInt(4) == 0 ? 0 : pickKey(r); // a quarter unregister (or the zero-key no-op)
        if (rk == g.key[n]) {
            if (sark == 0) g.unregister(n);
            else g.key[n] = sark;
        }
        return new Step.PrOut(n, PrOutAction.REGISTER, 0, rk, sark);
    }

    private static Step registerAndIgnore(SplittableRandom r, Guess g, int n) {
        long sark = r.nextInt(5) == 0 ? 0 : pickKey(r);
        if (sark == 0) g.unregister(n);
        else g.key[n] = sark;
        return new Step.PrOut(n, PrOutAction.REGISTER_AND_IGNORE_EXISTING_KEY, 0, r.nextInt(4) == 0 ? pickKey(r) : 0, sark);
    }

    private static Step reserve(SplittableRandom r, Guess g, int n) {
        int type = r.nextInt(25) == 0 ? 4 : (g.holder == n && r.nextBoolean() ? g.type : pickType(r)); // 4 is obsolete: 24h/00h
        long rk = g.keyOrWrong(r, n);
        if (g.holder < 0 && g.key[n] != 0 && rk == g.key[n] && type != 4) {
            g.holder = n;
            g.type = type;
        }
        return new Step.PrOut(n, PrOutAction.RESERVE, type, rk, 0);
    }

    private static Step release(SplittableRandom r, Guess g, int n) {
        boolean wrongType = r.nextInt(5) == 0 || g.holder < 0;
        int type = wrongType ? pickType(r) : g.type;
        long rk = g.keyOrWrong(r, n);
        if (g.holder == n && type == g.type && rk == g.key[n]) g.holder = -1;
        return new Step.PrOut(n, PrOutAction.RELEASE, type, rk, 0);
    }

    private static Step clear(SplittableRandom r, Guess g, int n) {
        long rk = g.keyOrWrong(r, n);
        if (rk != 0 && rk == g.key[n]) {
            java.util.Arrays.fill(g.key, 0);
            g.holder = -1;
        }
        return new Step.PrOut(n, PrOutAction.CLEAR, 0, rk, 0);
    }

    /** Victim: mostly another nexus's (guessed) key, sometimes 0 or an unused key; type mostly valid. */
    private static Step preempt(SplittableRandom r, Guess g, int n, PrOutAction action) {
        long rk = g.keyOrWrong(r, n);
        // mostly another nexus's key; sometimes the requester's own (a self-preempt, or removing itself)
        int victim = r.nextInt(6) == 0 ? n : (n + 1 + r.nextInt(g.key.length - 1)) % g.key.length;
        long sark = r.nextInt(8) == 0 ? 0 : (g.key[victim] != 0 && r.nextInt(4) != 0 ? g.key[victim] : pickKey(r));
        int type = r.nextInt(25) == 0 ? 2 : pickType(r);
        if (rk != 0 && rk == g.key[n] && sark != 0) {
            for (int i = 0; i < g.key.length; i++) if (i != n && g.key[i] == sark) g.unregister(i);
            if (g.holder >= 0 && g.holder != n && g.key[g.holder] == 0) {
                g.holder = n;
                g.type = type;
            }
        }
        return new Step.PrOut(n, action, type, rk, sark);
    }
}
