package org.deltaboost.data.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes {@link PlanarImage}s as PNG or JPEG files with {@code javax.imageio}: photos (1 or 3
 * channels) and class-index masks as palette PNGs, the format of PASCAL VOC's {@code
 * SegmentationClass} (and of its evaluation server's submissions).
 */
public final class ImageFileWriter {
  private ImageFileWriter() {}

  /**
   * @param image 1 (grey) or 3 (R, G, B) channels
   * @param file where to write; overwritten
   * @throws IOException if the file cannot be written
   */
  public static void writePng(PlanarImage image, Path file) throws IOException {
    write(toBufferedImage(image), "png", file);
  }

  /**
   * @param image 1 (grey) or 3 (R, G, B) channels
   * @param file where to write; overwritten
   * @param quality JPEG quality in {@code [0, 1]}; 1 loses least
   * @throws IOException if the file cannot be written
   */
  public static void writeJpeg(PlanarImage image, Path file, float quality) throws IOException {
    if (!(quality >= 0 && quality <= 1)) {
      throw new IllegalArgumentException("quality: expected a value in [0, 1], found " + quality);
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(toBufferedImage(image), null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /**
   * Writes a mask as an 8-bit palette PNG: the samples are the palette indices.
   *
   * @param indices 1 channel of class indices, 0..255
   * @param palette 0xRRGGBB colour of each index; indices beyond it are black
   * @param file where to write; overwritten
   * @throws IOException if the file cannot be written
   */
  public static void writeIndexedPng(PlanarImage indices, Path file, int... palette)
      throws IOException {
    if (indices.channels() != 1) {
      throw new IllegalArgumentException(
          "indices: expected 1 channel, found " + indices.channels());
    }
    byte[] r = new byte[256];
    byte[] g = new byte[256];
    byte[] b = new byte[256];
    for (int i = 0; i < Math.min(256, palette.length); i++) {
      r[i] = (byte) (palette[i] >> 16);
      g[i] = (byte) (palette[i] >> 8);
      b[i] = (byte) palette[i];
    }
    BufferedImage image =
        new BufferedImage(
            indices.width(),
            indices.height(),
            BufferedImage.TYPE_BYTE_INDEXED,
            new IndexColorModel(8, 256, r, g, b));
    setSamples(image.getRaster(), indices);
    write(image, "png", file);
  }

  private static BufferedImage toBufferedImage(PlanarImage image) {
    int type =
        switch (image.channels()) {
          case 1 -> BufferedImage.TYPE_BYTE_GRAY;
          case 3 -> BufferedImage.TYPE_3BYTE_BGR;
          default ->
              throw new IllegalArgumentException(
                  "image: expected 1 or 3 channels, found " + image.channels());
        };
    BufferedImage out = new BufferedImage(image.width(), image.height(), type);
    setSamples(out.getRaster(), image);
    return out;
  }

  private static void setSamples(WritableRaster raster, PlanarImage image) {
    int plane = image.width() * image.height();
    byte[] samples = image.samples();
    int[] band = new int[plane];
    for (int c = 0; c < image.channels(); c++) {
      for (int k = 0; k < plane; k++) {
        band[k] = samples[c * plane + k] & 0xFF;
      }
      raster.setSamples(0, 0, image.width(), image.height(), c, band);
    }
  }

  private static void write(BufferedImage image, String format, Path file) throws IOException {
    if (!ImageIO.write(image, format, file.toFile())) {
      throw new IOException(file + ": no ImageIO writer for " + format);
    }
  }
}
