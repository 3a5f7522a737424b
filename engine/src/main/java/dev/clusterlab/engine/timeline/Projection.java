package dev.clusterlab.engine.timeline;

/**
 * A view's state as a fold over the timeline (DESIGN.md: views are projections at a cursor).
 *
 * <p>The state is mutable and folded in place, so replaying thousands of events allocates nothing
 * per event; {@link #copy} makes the independent copies that snapshots and callers keep.
 *
 * @param <S> the state type
 */
public interface Projection<S> {

    /** A fresh state before any event. */
    S initial();

    /** An independent copy: later {@link #apply} calls on either must not affect the other. */
    S copy(S state);

    /** Folds one event into {@code state}. Must be deterministic and must not keep {@code event}'s arrays. */
    void apply(S state, TimelineEvent event);
}
