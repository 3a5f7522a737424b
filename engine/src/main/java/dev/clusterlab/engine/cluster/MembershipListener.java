package dev.clusterlab.engine.cluster;

import dev.clusterlab.engine.timeline.TimelineEvent.MembershipChange;

/** Hears each change of a node's membership view, right after it is recorded. */
@FunctionalInterface
public interface MembershipListener {
    void membershipChanged(String observer, String peer, MembershipChange change);

    MembershipListener NONE = (observer, peer, change) -> { };
}
