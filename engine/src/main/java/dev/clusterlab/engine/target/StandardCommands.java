package dev.clusterlab.engine.target;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.Opcode;
import dev.clusterlab.engine.target.copy.CopyManager;
import dev.clusterlab.engine.target.copy.CopyTargetResolver;
import dev.clusterlab.engine.target.sbc.Capacity;
import dev.clusterlab.engine.target.sbc.MediumInformation;
import dev.clusterlab.engine.target.sbc.Provisioning;
import dev.clusterlab.engine.target.sbc.ReadWrite;
import dev.clusterlab.engine.target.sbc.Sanitize;
import dev.clusterlab.engine.target.sbc.Verify;
import dev.clusterlab.engine.target.sbc.WriteVariants;
import dev.clusterlab.engine.target.spc.Inquiry;
import dev.clusterlab.engine.target.spc.ModeSelect;
import dev.clusterlab.engine.target.spc.ModeSense;
import dev.clusterlab.engine.target.spc.ReportLuns;
import dev.clusterlab.engine.target.spc.RequestSense;
import dev.clusterlab.engine.target.spc.SupportedOperationCodes;
import dev.clusterlab.engine.target.spc.UnitControl;

/**
 * Registers the SPC and SBC commands of a simulated disk with their CDB usage data (SPC-4 §6.35.3:
 * a set bit marks a CDB bit the device server uses; for service-action commands the SERVICE
 * ACTION bits hold the code). The same usage data drives {@link CdbChecks#checkUsage}, so a bit
 * that REPORT SUPPORTED OPERATION CODES calls unused is rejected with 24h/00h, and the two can
 * never disagree. The last byte, CONTROL, is 00h: NACA and LINK are not supported.
 */
final class StandardCommands {
    private StandardCommands() {}

    private static final String LBA4 = " FF FF FF FF", LBA8 = LBA4 + LBA4;

    static void registerAll(CommandTable t) { registerAll(t, CopyTargetResolver.SAME_LOGICAL_UNIT); }

    /** {@code copyTargets} finds the other logical units EXTENDED COPY may name. */
    static void registerAll(CommandTable t, CopyTargetResolver copyTargets) {
        // SPC-4
        add(t, "TEST UNIT READY", Opcode.TEST_UNIT_READY, "00 00 00 00 00", UnitControl::testUnitReady);
        add(t, "REQUEST SENSE", Opcode.REQUEST_SENSE, "01 00 00 FF 00", RequestSense::requestSense);
        add(t, "INQUIRY", Opcode.INQUIRY, "01 FF FF FF 00", Inquiry::inquiry);
        add(t, "MODE SELECT(6)", Opcode.MODE_SELECT_6, "11 00 00 FF 00", ModeSelect::modeSelect);
        add(t, "MODE SENSE(6)", Opcode.MODE_SENSE_6, "08 FF FF FF 00", ModeSense::modeSense);
        add(t, "MODE SELECT(10)", Opcode.MODE_SELECT_10, "11 00 00 00 00 00 FF FF 00", ModeSelect::modeSelect);
        add(t, "MODE SENSE(10)", Opcode.MODE_SENSE_10, "18 FF FF 00 00 00 FF FF 00", ModeSense::modeSense);
        add(t, "PREVENT ALLOW MEDIUM REMOVAL", Opcode.PREVENT_ALLOW_MEDIUM_REMOVAL, "00 00 00 03 00",
                UnitControl::preventAllowMediumRemoval);
        add(t, "REPORT LUNS", Opcode.REPORT_LUNS, "00 FF 00 00 00" + LBA4 + " 00 00", ReportLuns::reportLuns);
        addServiceAction(t, "REPORT SUPPORTED OPERATION CODES", Opcode.MAINTENANCE_IN, Opcode.MI_REPORT_SUPPORTED_OPERATION_CODES,
                "00 87 FF FF FF" + LBA4 + " 00 00", SupportedOperationCodes::report);
        // Reservations: the CDBs are decoded by PersistentReservations.
        add(t, "RESERVE(6)", Opcode.RESERVE_6, "1F FF FF FF 00", ctx -> ctx.lu().reservations().reserve(ctx));
        add(t, "RELEASE(6)", Opcode.RELEASE_6, "1F FF 00 00 00", ctx -> ctx.lu().reservations().release(ctx));
        add(t, "RESERVE(10)", Opcode.RESERVE_10, "13 FF FF 00 00 00 FF FF 00", ctx -> ctx.lu().reservations().reserve(ctx));
        add(t, "RELEASE(10)", Opcode.RELEASE_10, "13 FF FF 00 00 00 FF FF 00", ctx -> ctx.lu().reservations().release(ctx));
        add(t, "PERSISTENT RESERVE IN", Opcode.PERSISTENT_RESERVE_IN, "1F 00 00 00 00 00 FF FF 00",
                ctx -> ctx.lu().reservations().persistentReserveIn(ctx));
        add(t, "PERSISTENT RESERVE OUT", Opcode.PERSISTENT_RESERVE_OUT, "1F FF 00 00 FF FF FF FF 00",
                ctx -> ctx.lu().reservations().persistentReserveOut(ctx));
        // Third-party copy (SPC-4 §6.3, §6.18): one copy manager per table, holding its copy results.
        CopyManager copy = new CopyManager(copyTargets);
        t.addResetListener(copy);
        addServiceAction(t, "EXTENDED COPY(LID1)", Opcode.EXTENDED_COPY, CopyManager.EXTENDED_COPY_LID1,
                "00 00 00 00 00 00 00 00 00" + LBA4 + " 00 00", copy::extendedCopy);
        String receiveCopyResults = "00 FF 00 00 00 00 00 00 00" + LBA4 + " 00 00";
        addServiceAction(t, "RECEIVE COPY RESULTS(COPY STATUS)", Opcode.RECEIVE_COPY_RESULTS, CopyManager.COPY_STATUS,
                receiveCopyResults, copy::copyStatus);
        addServiceAction(t, "RECEIVE COPY RESULTS(RECEIVE DATA)", Opcode.RECEIVE_COPY_RESULTS, CopyManager.RECEIVE_DATA,
                receiveCopyResults, copy::receiveData);
        addServiceAction(t, "RECEIVE COPY RESULTS(OPERATING PARAMETERS)", Opcode.RECEIVE_COPY_RESULTS,
                CopyManager.OPERATING_PARAMETERS, receiveCopyResults, copy::operatingParameters);
        addServiceAction(t, "RECEIVE COPY RESULTS(FAILED SEGMENT DETAILS)", Opcode.RECEIVE_COPY_RESULTS,
                CopyManager.FAILED_SEGMENT_DETAILS, receiveCopyResults, copy::failedSegmentDetails);

        // SBC-3
        add(t, "START STOP UNIT", Opcode.START_STOP_UNIT, "01 00 0F F7 00", UnitControl::startStopUnit);
        add(t, "READ CAPACITY(10)", Opcode.READ_CAPACITY_10, "00" + LBA4 + " 00 00 01 00", Capacity::readCapacity10);
        addServiceAction(t, "READ CAPACITY(16)", Opcode.SERVICE_ACTION_IN_16, Opcode.SAI_READ_CAPACITY_16,
                "00" + LBA8 + LBA4 + " 01 00", Capacity::readCapacity16);
        add(t, "READ(6)", Opcode.READ_6, "1F FF FF FF 00", ReadWrite::read);
        add(t, "READ(10)", Opcode.READ_10, "FE" + LBA4 + " 1F FF FF 00", ReadWrite::read);
        add(t, "READ(12)", Opcode.READ_12, "FE" + LBA4 + LBA4 + " 1F 00", ReadWrite::read);
        add(t, "READ(16)", Opcode.READ_16, "FE" + LBA8 + LBA4 + " 1F 00", ReadWrite::read);
        add(t, "WRITE(6)", Opcode.WRITE_6, "1F FF FF FF 00", ReadWrite::write);
        add(t, "WRITE(10)", Opcode.WRITE_10, "FA" + LBA4 + " 1F FF FF 00", ReadWrite::write);
        add(t, "WRITE(12)", Opcode.WRITE_12, "FA" + LBA4 + LBA4 + " 1F 00", ReadWrite::write);
        add(t, "WRITE(16)", Opcode.WRITE_16, "FA" + LBA8 + LBA4 + " 1F 00", ReadWrite::write);
        add(t, "VERIFY(10)", Opcode.VERIFY_10, "F6" + LBA4 + " 1F FF FF 00", Verify::verify);
        add(t, "VERIFY(12)", Opcode.VERIFY_12, "F6" + LBA4 + LBA4 + " 1F 00", Verify::verify);
        add(t, "VERIFY(16)", Opcode.VERIFY_16, "F6" + LBA8 + LBA4 + " 1F 00", Verify::verify);
        add(t, "WRITE SAME(10)", Opcode.WRITE_SAME_10, "F8" + LBA4 + " 1F FF FF 00", Provisioning::writeSame);
        add(t, "WRITE SAME(16)", Opcode.WRITE_SAME_16, "F9" + LBA8 + LBA4 + " 1F 00", Provisioning::writeSame);
        add(t, "UNMAP", Opcode.UNMAP, "01 00 00 00 00 1F FF FF 00", Provisioning::unmap);
        add(t, "COMPARE AND WRITE", Opcode.COMPARE_AND_WRITE, "FA" + LBA8 + " 00 00 00 FF 1F 00", Verify::compareAndWrite);
        add(t, "SYNCHRONIZE CACHE(10)", Opcode.SYNCHRONIZE_CACHE_10, "06" + LBA4 + " 1F FF FF 00", Capacity::synchronizeCache);
        add(t, "SYNCHRONIZE CACHE(16)", Opcode.SYNCHRONIZE_CACHE_16, "06" + LBA8 + LBA4 + " 1F 00", Capacity::synchronizeCache);
        add(t, "ORWRITE(16)", Opcode.ORWRITE_16, "FA" + LBA8 + LBA4 + " 1F 00", WriteVariants::orWrite);
        add(t, "WRITE AND VERIFY(10)", Opcode.WRITE_AND_VERIFY_10, "F6" + LBA4 + " 1F FF FF 00", WriteVariants::writeAndVerify);
        add(t, "WRITE AND VERIFY(12)", Opcode.WRITE_AND_VERIFY_12, "F6" + LBA4 + LBA4 + " 1F 00", WriteVariants::writeAndVerify);
        add(t, "WRITE AND VERIFY(16)", Opcode.WRITE_AND_VERIFY_16, "F6" + LBA8 + LBA4 + " 1F 00", WriteVariants::writeAndVerify);
        // SBC-4: bytes 10-11 (ATOMIC BOUNDARY) unused, since no atomic boundary is supported.
        add(t, "WRITE ATOMIC(16)", Opcode.WRITE_ATOMIC_16, "F8" + LBA8 + " 00 00 FF FF 1F 00", WriteVariants::writeAtomic);
        add(t, "PRE-FETCH(10)", Opcode.PRE_FETCH_10, "02" + LBA4 + " 1F FF FF 00", MediumInformation::preFetch);
        add(t, "PRE-FETCH(16)", Opcode.PRE_FETCH_16, "02" + LBA8 + LBA4 + " 1F 00", MediumInformation::preFetch);
        addServiceAction(t, "GET LBA STATUS", Opcode.SERVICE_ACTION_IN_16, Opcode.SAI_GET_LBA_STATUS,
                "00" + LBA8 + LBA4 + " 00 00", MediumInformation::getLbaStatus);
        add(t, "READ DEFECT DATA(10)", Opcode.READ_DEFECT_DATA_10, "00 1F 00 00 00 00 FF FF 00", MediumInformation::readDefectData);
        add(t, "READ DEFECT DATA(12)", Opcode.READ_DEFECT_DATA_12, "1F" + LBA4 + LBA4 + " 00 00", MediumInformation::readDefectData);
        // SBC-4 §5.30: IMMED and AUSE are accepted; bytes 2-6 are reserved.
        String sanitize = "A0 00 00 00 00 00 FF FF 00";
        addServiceAction(t, "SANITIZE (OVERWRITE)", Opcode.SANITIZE, Sanitize.OVERWRITE, sanitize, Sanitize::sanitize);
        addServiceAction(t, "SANITIZE (BLOCK ERASE)", Opcode.SANITIZE, Sanitize.BLOCK_ERASE, sanitize, Sanitize::sanitize);
        addServiceAction(t, "SANITIZE (CRYPTO ERASE)", Opcode.SANITIZE, Sanitize.CRYPTO_ERASE, sanitize, Sanitize::sanitize);
        addServiceAction(t, "SANITIZE (EXIT FAILURE MODE)", Opcode.SANITIZE, Sanitize.EXIT_FAILURE_MODE, sanitize,
                Sanitize::sanitize);
    }

    /** {@code rest} is the usage data after the opcode byte, in hex. */
    private static void add(CommandTable t, String name, int opcode, String rest, CommandHandler handler) {
        t.add(entry(name, opcode, -1, rest, handler));
    }

    private static void addServiceAction(CommandTable t, String name, int opcode, int serviceAction, String rest,
                                         CommandHandler handler) {
        t.add(entry(name, opcode, serviceAction, rest, handler));
    }

    private static CommandTable.Entry entry(String name, int opcode, int serviceAction, String rest, CommandHandler handler) {
        byte[] usage = Bytes.fromHex(String.format("%02X", opcode) + " " + rest);
        boolean hasServiceAction = serviceAction >= 0;
        if (hasServiceAction) usage[1] = (byte) ((usage[1] & 0xE0) | serviceAction);
        int expected = switch (opcode >>> 5) {
            case 0 -> 6;
            case 1, 2 -> 10;
            case 4 -> 16;
            case 5 -> 12;
            default -> throw new IllegalArgumentException("no fixed CDB length for group of " + name);
        };
        if (usage.length != expected) throw new IllegalStateException(name + ": usage data is " + usage.length + " bytes");
        byte[] mask = usage.clone();
        CommandHandler checked = ctx -> {
            CdbChecks.checkUsage(ctx.cdb(), mask, hasServiceAction);
            return handler.execute(ctx);
        };
        return new CommandTable.Entry(name, opcode, serviceAction, usage, checked);
    }
}
