package dev.clusterlab.app;

import dev.clusterlab.engine.scsi.Bytes;
import dev.clusterlab.engine.scsi.decode.ScsiDecoder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `clusterlab decode`: field-by-field decoding of a CDB and, optionally, its data or sense. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode a CDB (hex) field by field, with byte offsets, like a packet-details pane.",
                "Example: clusterlab decode 5F0105000000001800 --data-out 00000000000000B100000000000000A1000000000000000000000000"})
final class DecodeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CDB", description = "The CDB in hex (spaces and colons allowed).", arity = "0..1")
    String cdbHex;

    @Option(names = "--data-out", paramLabel = "HEX", description = "PR OUT parameter list to decode with the CDB.")
    String dataOutHex;

    @Option(names = "--data-in", paramLabel = "HEX", description = "PR IN response data to decode with the CDB.")
    String dataInHex;

    @Option(names = "--sense", paramLabel = "HEX", description = "Sense data to decode (fixed or descriptor format).")
    String senseHex;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            if (cdbHex == null && senseHex == null) {
                spec.commandLine().usage(System.err);
                return 2;
            }
            if (cdbHex != null) {
                byte[] cdb = Bytes.fromHex(cdbHex);
                System.out.println(ScsiDecoder.summarize(cdb, dataOutHex == null ? new byte[0] : Bytes.fromHex(dataOutHex)));
                System.out.print(ScsiDecoder.render(ScsiDecoder.decodeCdb(cdb)));
                if (dataOutHex != null) System.out.print(ScsiDecoder.render(ScsiDecoder.decodePrOutParameters(cdb, Bytes.fromHex(dataOutHex))));
                if (dataInHex != null) System.out.print(ScsiDecoder.render(ScsiDecoder.decodePrInResponse(cdb, Bytes.fromHex(dataInHex))));
            }
            if (senseHex != null) System.out.print(ScsiDecoder.render(ScsiDecoder.decodeSense(Bytes.fromHex(senseHex))));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("clusterlab decode: " + e.getMessage());
            return 2;
        }
    }
}
