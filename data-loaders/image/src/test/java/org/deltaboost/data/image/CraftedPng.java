package org.deltaboost.data.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * PNG files written chunk by chunk (signature, IHDR, one IDAT, IEND, each with its CRC-32), so a
 * header can declare any size while the file stays tiny: the IDAT holds one compressed row of
 * zeros.
 */
final class CraftedPng {
  private CraftedPng() {}

  /**
   * @param width the IHDR width
   * @param height the IHDR height
   * @param bitDepth bits per sample (8 or 16)
   * @param colourType 0 grey, 2 RGB, 3 palette, 6 RGBA
   * @return the file's bytes
   */
  static byte[] declaring(int width, int height, int bitDepth, int colourType) {
    return declaring(width, height, bitDepth, colourType, 0);
  }

  /**
   * As {@link #declaring(int, int, int, int)}, with an ancillary chunk {@code prVt} of {@code
   * padding} zero bytes after IHDR (readers skip it) to make the file as large as a real one.
   */
  static byte[] declaring(int width, int height, int bitDepth, int colourType, int padding) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType);
    ihdr.put((byte) 0).put((byte) 0).put((byte) 0); // deflate, adaptive filtering, no interlace
    chunk(out, "IHDR", ihdr.array());
    if (padding > 0) {
      chunk(out, "prVt", new byte[padding]);
    }
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[64]);
    deflater.finish();
    byte[] compressed = new byte[128];
    int length = deflater.deflate(compressed);
    deflater.end();
    chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, length));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
