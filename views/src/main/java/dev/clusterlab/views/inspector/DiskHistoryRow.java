package dev.clusterlab.views.inspector;

/**
 * One change of a disk's reservation state, as the inspector's history table shows it.
 *
 * @param time when it happened (nanoseconds)
 * @param who "node-b/p1" for the path whose command made it, "target" for a reset or power on
 * @param action the command in sg_persist style ({@code PR OUT PREEMPT rk=0x2 sark=0x1 type=5 (WERO)}), or what the target did
 * @param change what changed: registrations added (+) and removed (-), the reservation, SPC-2 reservations
 * @param generation the PR generation afterwards (SPC-4 §6.16.2: it counts PR OUT commands that changed registrations)
 */
public record DiskHistoryRow(long time, String who, String action, String change, long generation) {}
