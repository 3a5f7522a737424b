/**
 * The native boundary: the {@code sg_io_hdr} structure, the system calls behind
 * {@link dev.clusterlab.sgio.linux.LinuxCalls} and their JNA implementation. Nothing above this
 * package touches JNA's Library interfaces.
 */
package dev.clusterlab.sgio.linux;
