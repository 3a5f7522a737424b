package dev.clusterlab.sgio;

import java.io.UncheckedIOException;

/**
 * {@code ioctl(SG_IO)} returned -1: the kernel did not run the command at all (sg(4), "setup"
 * errors). {@link dev.clusterlab.engine.device.ScsiDevice#execute} cannot throw checked exceptions, so
 * the {@link SgDeviceException} saying why travels inside this unchecked wrapper.
 */
public final class SgIoctlException extends UncheckedIOException {
    public SgIoctlException(SgDeviceException cause) { super(cause.getMessage(), cause); }

    @Override
    public synchronized SgDeviceException getCause() { return (SgDeviceException) super.getCause(); }

    public SgDeviceException.Reason reason() { return getCause().reason(); }

    public int errno() { return getCause().errno(); }
}
