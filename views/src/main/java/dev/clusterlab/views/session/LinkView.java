package dev.clusterlab.views.session;

import dev.clusterlab.engine.timeline.Projection;
import dev.clusterlab.engine.timeline.TimelineEvent;
import java.util.TreeSet;

/** Which heartbeat links are cut at a cursor position, folded from {@link TimelineEvent.LinkChanged}. */
public final class LinkView implements Projection<LinkView.State> {

    public static final LinkView INSTANCE = new LinkView();

    /** The cut links, each as {@link #key(String, String, String)}. */
    public static final class State {
        final TreeSet<String> cut;

        State(TreeSet<String> cut) { this.cut = cut; }

        public boolean isCut(String network, String a, String b) { return cut.contains(key(network, a, b)); }

        public boolean anyCut(String a, String b) {
            String tail = "|" + (a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
            for (String k : cut) if (k.endsWith(tail)) return true;
            return false;
        }

        @Override
        public boolean equals(Object o) { return o instanceof State s && cut.equals(s.cut); }

        @Override
        public int hashCode() { return cut.hashCode(); }

        @Override
        public String toString() { return "cut=" + cut; }
    }

    /** Links are undirected: the key orders the two node names. */
    static String key(String network, String a, String b) {
        return network + "|" + (a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
    }

    private LinkView() {}

    @Override
    public State initial() { return new State(new TreeSet<>()); }

    @Override
    public State copy(State state) { return new State(new TreeSet<>(state.cut)); }

    @Override
    public void apply(State state, TimelineEvent event) {
        if (event instanceof TimelineEvent.LinkChanged e) {
            if (e.up()) state.cut.remove(key(e.network(), e.nodeA(), e.nodeB()));
            else state.cut.add(key(e.network(), e.nodeA(), e.nodeB()));
        }
    }
}
