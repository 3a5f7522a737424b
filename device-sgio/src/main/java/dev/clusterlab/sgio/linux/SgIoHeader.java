package dev.clusterlab.sgio.linux;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct sg_io_hdr} from {@code <scsi/sg.h>} (the SG_IO v3 interface), as JNA lays it out on
 * x86_64: 88 bytes, 22 fields, 4 bytes of padding after {@code pack_id} so that {@code usr_ptr} sits
 * at 56. JNA's default alignment reproduces the C layout exactly; never switch to ALIGN_NONE.
 * {@code SgIoHeaderLayoutTest} pins every offset against the C compiler's answer.
 *
 * <p>Java names are the C names in camel case. Unsigned C fields are held in signed Java types; read
 * them through the {@code *Unsigned} helpers.
 */
@Structure.FieldOrder({"interfaceId", "dxferDirection", "cmdLen", "mxSbLen", "iovecCount", "dxferLen", "dxferp",
        "cmdp", "sbp", "timeout", "flags", "packId", "usrPtr", "status", "maskedStatus", "msgStatus", "sbLenWr",
        "hostStatus", "driverStatus", "resid", "duration", "info"})
public final class SgIoHeader extends Structure {
    /** Size of the structure on x86_64 Linux. */
    public static final int SIZE = 88;

    /** {@code interface_id} must be 'S' (sg's v3 interface); sg answers anything else with ENOSYS. */
    public static final int INTERFACE_ID_S = 'S';

    /** {@code dxfer_direction} values (sg.h). */
    public static final int SG_DXFER_NONE = -1, SG_DXFER_TO_DEV = -2, SG_DXFER_FROM_DEV = -3, SG_DXFER_TO_FROM_DEV = -4;

    /** {@code info} bit 0: something abnormal happened (status, host or driver status non-zero). */
    public static final int SG_INFO_CHECK = 0x1;

    /** ioctl request numbers (glibc {@code <scsi/sg.h>}). */
    public static final long SG_IO = 0x2285, SG_GET_VERSION_NUM = 0x2282;

    public int interfaceId;
    public int dxferDirection;
    public byte cmdLen;
    public byte mxSbLen;
    public short iovecCount;
    public int dxferLen;
    public Pointer dxferp;
    public Pointer cmdp;
    public Pointer sbp;
    public int timeout;
    public int flags;
    public int packId;
    public Pointer usrPtr;
    public byte status;
    public byte maskedStatus;
    public byte msgStatus;
    public byte sbLenWr;
    public short hostStatus;
    public short driverStatus;
    public int resid;
    public int duration;
    public int info;

    public SgIoHeader() { super(); }

    /** A view of a header that already lives in native memory (what a kernel or a test fake sees). */
    public SgIoHeader(Pointer p) {
        super(p);
        read();
    }

    /** The byte offset of {@code field} in the native structure (exposed for the layout test). */
    public int offsetOf(String field) { return fieldOffset(field); }

    /** The field names in native order (exposed for the layout test). */
    public java.util.List<String> fieldNames() { return getFieldOrder(); }

    public int statusUnsigned() { return status & 0xFF; }

    public int sbLenWrUnsigned() { return sbLenWr & 0xFF; }

    public int hostStatusUnsigned() { return hostStatus & 0xFFFF; }

    public int driverStatusUnsigned() { return driverStatus & 0xFFFF; }

    public long dxferLenUnsigned() { return Integer.toUnsignedLong(dxferLen); }
}
