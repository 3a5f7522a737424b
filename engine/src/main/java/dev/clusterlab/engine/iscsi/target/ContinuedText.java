package dev.clusterlab.engine.iscsi.target;

import java.io.ByteArrayOutputStream;

/**
 * Key=value text that an initiator spreads over several Login or Text Request PDUs with the C bit
 * (RFC 7143 §6.3.4, §11.10.2), collected up to a total length limit so that a hostile initiator
 * cannot make the target buffer without bound.
 */
final class ContinuedText {
    /** What one PDU's data did to the text being collected. */
    sealed interface Step {}

    /** More PDUs follow (C=1): answer with an empty response and wait. */
    record NeedMore() implements Step {}

    /** The text is complete. */
    record Complete(byte[] text) implements Step {}

    /** The text would exceed the limit; what was collected is dropped. */
    record TooLong(int limit) implements Step {}

    private final int limit;
    private ByteArrayOutputStream partial;

    ContinuedText(int limit) { this.limit = limit; }

    Step append(byte[] data, boolean continues) {
        if (partial == null && !continues) return new Complete(data); // the common case: one PDU
        if (partial == null) partial = new ByteArrayOutputStream();
        if (partial.size() + data.length > limit) {
            partial = null;
            return new TooLong(limit);
        }
        partial.writeBytes(data);
        if (continues) return new NeedMore();
        byte[] text = partial.toByteArray();
        partial = null;
        return new Complete(text);
    }

    /** Drops any partly collected text (a new exchange starts). */
    void reset() { partial = null; }
}
