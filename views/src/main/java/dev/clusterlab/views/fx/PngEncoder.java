package dev.clusterlab.views.fx;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;

/**
 * Writes a JavaFX image as a PNG (8-bit RGBA, no filtering), so snapshots need neither javafx-swing
 * nor AWT. Format: PNG specification (W3C, 2nd ed.) §5 (signature, chunks) and §11.2 (IHDR, IDAT, IEND).
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngEncoder() {}

    public static void write(Image image, OutputStream out) throws IOException {
        int w = (int) image.getWidth(), h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);

        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed)) {
            byte[] row = new byte[1 + 4 * w]; // filter type 0 (None), then R, G, B, A per pixel
            for (int y = 0; y < h; y++) {
                for (int x = 0, o = 1; x < w; x++) {
                    int p = argb[y * w + x];
                    row[o++] = (byte) (p >>> 16);
                    row[o++] = (byte) (p >>> 8);
                    row[o++] = (byte) p;
                    row[o++] = (byte) (p >>> 24);
                }
                z.write(row);
            }
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(header);
        ihdr.writeInt(w);
        ihdr.writeInt(h);
        ihdr.writeByte(8); // bit depth
        ihdr.writeByte(6); // colour type: truecolour with alpha
        ihdr.writeByte(0); // compression: deflate
        ihdr.writeByte(0); // filter method 0
        ihdr.writeByte(0); // no interlace

        DataOutputStream png = new DataOutputStream(out);
        png.write(SIGNATURE);
        chunk(png, "IHDR", header.toByteArray());
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        png.flush();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
