package org.deltaboost.data.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes the seeds of {@link ImageFuzzTest}: small valid JPEGs and PNGs of each kind the reader
 * handles, and a PNG whose header declares a 600 MB raster. Run once with the seeds folder ({@code
 * src/test/resources/org/deltaboost/data/image/ImageFuzzTestInputs}) as its argument.
 */
final class ImageFuzzSeeds {
  private ImageFuzzSeeds() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    Path rgb = Files.createDirectories(root.resolve("rgb"));
    Path indexed = Files.createDirectories(root.resolve("indexed"));
    Path resizedCrop = Files.createDirectories(root.resolve("rgbResizedCrop"));
    PlanarImage colour = ramp(3, 8);
    ImageFileWriter.writePng(colour, rgb.resolve("rgb-8x8.png"));
    ImageFileWriter.writeJpeg(colour, rgb.resolve("rgb-8x8.jpg"), 0.9f);
    ImageFileWriter.writePng(ramp(1, 8), rgb.resolve("grey-8x8.png"));
    ImageFileWriter.writeJpeg(ramp(1, 8), rgb.resolve("grey-8x8.jpg"), 0.9f);
    CmykJpeg.write(rgb.resolve("cmyk-adobe-8x8.jpg"), 8, new int[] {10, 20, 30, 40}, true);
    BufferedImage sixteen = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
    sixteen.getRaster().setSample(1, 1, 0, 40_000);
    ImageIO.write(sixteen, "png", rgb.resolve("grey16-4x4.png").toFile());
    Files.write(
        rgb.resolve("declares-600mb-raster.png"), CraftedPng.declaring(10_000, 10_000, 16, 2));
    ImageFileWriter.writeJpeg(colour, resizedCrop.resolve("rgb-8x8.jpg"), 0.9f);
    ImageFileWriter.writeJpeg(ramp(1, 8), resizedCrop.resolve("grey-8x8.jpg"), 0.9f);
    ImageFileWriter.writePng(colour, resizedCrop.resolve("rgb-8x8.png"));
    CmykJpeg.write(resizedCrop.resolve("cmyk-adobe-8x8.jpg"), 8, new int[] {10, 20, 30, 40}, true);
    // 64×48: decoded at 1/2 (32×24) for the 21×16 resize
    Files.write(
        resizedCrop.resolve("photo-64x48.jpg"),
        JpegFixtures.write(JpegFixtures.photo(3, 48, 64, 1), JpegFixtures.Encoding.BASELINE_420));
    Files.write(
        resizedCrop.resolve("progressive-64x48.jpg"),
        JpegFixtures.write(JpegFixtures.photo(3, 48, 64, 2), JpegFixtures.Encoding.PROGRESSIVE));
    ImageFileWriter.writeIndexedPng(
        ramp(1, 8), indexed.resolve("palette-8x8.png"), 0x000000, 0x800000, 0x008000);
    ImageFileWriter.writePng(ramp(1, 8), indexed.resolve("grey-8x8.png"));
    ImageFileWriter.writePng(colour, indexed.resolve("rgb-is-not-indices-8x8.png"));
  }

  /** channels × size × size samples, sample k = k mod 3 (valid palette indices too). */
  private static PlanarImage ramp(int channels, int size) {
    byte[] samples = new byte[channels * size * size];
    for (int k = 0; k < samples.length; k++) {
      samples[k] = (byte) (k % 3);
    }
    return PlanarImage.of(channels, size, size, samples);
  }
}
