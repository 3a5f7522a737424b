package dev.clusterlab.engine.iscsi.pdu;

/**
 * What the decoder emits instead of a PDU when the bytes are not a valid one. The connection
 * answers a non-fatal error with a Reject carrying {@code rejectReason} and {@code header} (RFC 7143
 * §11.17) and keeps going; a fatal one (framing lost: oversized segment, bad header digest) ends
 * the connection, because the next PDU boundary can no longer be trusted (§7.8).
 *
 * @param header the offending 48-byte BHS as received
 */
public record DecodeError(int rejectReason, byte[] header, boolean fatal, String detail) {}
