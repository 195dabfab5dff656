package org.deltaboost.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deltaboost.data.core.DatasetFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFileReaderTest {
  @TempDir Path tmp;

  /** A 2×3 RGB image whose pixel (y, x) is (10·y + x, 100 + x, 200 + y). */
  private static PlanarImage rgbRamp() {
    byte[] samples = new byte[18];
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        samples[y * 3 + x] = (byte) (10 * y + x);
        samples[6 + y * 3 + x] = (byte) (100 + x);
        samples[12 + y * 3 + x] = (byte) (200 + y);
      }
    }
    return PlanarImage.of(3, 2, 3, samples);
  }

  private static PlanarImage uniform(int channels, int size, int... value) {
    byte[] samples = new byte[channels * size * size];
    for (int c = 0; c < channels; c++) {
      Arrays.fill(samples, c * size * size, (c + 1) * size * size, (byte) value[c]);
    }
    return PlanarImage.of(channels, size, size, samples);
  }

  private static void assertUniform(PlanarImage image, int tolerance, int... expected) {
    assertEquals(3, image.channels());
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < image.height(); y++) {
        for (int x = 0; x < image.width(); x++) {
          int found = image.sample(c, y, x);
          assertTrue(
              Math.abs(found - expected[c]) <= tolerance,
              "channel "
                  + c
                  + " at "
                  + y
                  + ","
                  + x
                  + ": expected "
                  + expected[c]
                  + ", found "
                  + found);
        }
      }
    }
  }

  private String failure(Path file) {
    return assertThrows(DatasetFormatException.class, () -> ImageFileReader.readRgb(file))
        .getMessage();
  }

  @Test
  void pngRgbIsReadExactly() throws IOException {
    Path file = tmp.resolve("ramp.png");
    ImageFileWriter.writePng(rgbRamp(), file);
    assertEquals(rgbRamp(), ImageFileReader.readRgb(file));
  }

  @Test
  void aPngNamedJpegIsReadAsPng() throws IOException {
    // ImageNet's n02105855_2933.JPEG is a PNG: the name must not decide the decoder.
    Path file = tmp.resolve("n02105855_2933.JPEG");
    ImageFileWriter.writePng(rgbRamp(), file);
    assertEquals(ImageFileReader.Format.PNG, ImageFileReader.sniff(Files.readAllBytes(file)));
    assertEquals(rgbRamp(), ImageFileReader.readRgb(file));
  }

  @Test
  void rgbJpegIsCloseToItsColour() throws IOException {
    Path file = tmp.resolve("uniform.jpg");
    ImageFileWriter.writeJpeg(uniform(3, 16, 200, 50, 20), file, 1f);
    assertEquals(ImageFileReader.Format.JPEG, ImageFileReader.sniff(Files.readAllBytes(file)));
    assertUniform(ImageFileReader.readRgb(file), 3, 200, 50, 20);
  }

  @Test
  void greyscaleJpegBecomesThreeEqualChannels() throws IOException {
    Path file = tmp.resolve("grey.jpg");
    ImageFileWriter.writeJpeg(uniform(1, 16, 100), file, 1f);
    PlanarImage image = ImageFileReader.readRgb(file);
    assertUniform(image, 2, 100, 100, 100);
  }

  @Test
  void greyscalePngKeepsItsValuesWithoutGammaConversion() throws IOException {
    // BufferedImage.getRGB would brighten linear grey 100 to about 170.
    Path file = tmp.resolve("grey.png");
    ImageFileWriter.writePng(uniform(1, 4, 100), file);
    assertUniform(ImageFileReader.readRgb(file), 0, 100, 100, 100);
  }

  @Test
  void photoshopCmykJpegIsInvertedThenConverted() throws IOException {
    // Adobe marker: stored values are 255 − ink, so R = C·K/255 = 200·30/255 = 23.5,
    // G = 50·30/255 = 5.9, B = 0·30/255 = 0.
    Path file = tmp.resolve("cmyk-adobe.jpg");
    CmykJpeg.write(file, 16, new int[] {200, 50, 0, 30}, true);
    assertUniform(ImageFileReader.readRgb(file), 2, 24, 6, 0);
  }

  @Test
  void bareCmykJpegIsConverted() throws IOException {
    // No marker: stored values are ink, so R = (255−200)(255−30)/255 = 48.5,
    // G = (255−50)(225)/255 = 180.9, B = 255·225/255 = 225.
    Path file = tmp.resolve("cmyk-bare.jpg");
    CmykJpeg.write(file, 16, new int[] {200, 50, 0, 30}, false);
    assertUniform(ImageFileReader.readRgb(file), 2, 49, 181, 225);
  }

  @Test
  void paletteIndicesAreReadNotColours() throws IOException {
    // VOC palette: index 1 is (128, 0, 0), 15 (192, 128, 128), 255 (224, 224, 192).
    int[] palette = new int[256];
    palette[1] = 0x800000;
    palette[15] = 0xC08080;
    palette[255] = 0xE0E0C0;
    PlanarImage mask = PlanarImage.of(1, 2, 2, new byte[] {0, 1, 15, (byte) 255});
    Path file = tmp.resolve("mask.png");
    ImageFileWriter.writeIndexedPng(mask, file, palette);
    assertEquals(mask, ImageFileReader.readIndexed(file));
    PlanarImage colours = ImageFileReader.readRgb(file);
    assertEquals(128, colours.sample(0, 0, 1));
    assertEquals(192, colours.sample(0, 1, 0));
    assertEquals(224, colours.sample(0, 1, 1));
  }

  @Test
  void greyPngIsAcceptedAsIndices() throws IOException {
    PlanarImage mask = PlanarImage.of(1, 1, 3, new byte[] {0, 20, (byte) 255});
    Path file = tmp.resolve("mask-grey.png");
    ImageFileWriter.writePng(mask, file);
    assertEquals(mask, ImageFileReader.readIndexed(file));
  }

  @Test
  void anRgbMaskIsRejected() throws IOException {
    Path file = tmp.resolve("rgb-mask.png");
    ImageFileWriter.writePng(rgbRamp(), file);
    String message =
        assertThrows(DatasetFormatException.class, () -> ImageFileReader.readIndexed(file))
            .getMessage();
    assertTrue(message.startsWith(file + ": pixel format: expected a palette-indexed"), message);
    assertTrue(message.contains("3 channel(s)"), message);
  }

  @Test
  void aJpegMaskIsRejected() throws IOException {
    Path file = tmp.resolve("mask.jpg");
    ImageFileWriter.writeJpeg(uniform(1, 8, 3), file, 1f);
    String message =
        assertThrows(DatasetFormatException.class, () -> ImageFileReader.readIndexed(file))
            .getMessage();
    assertTrue(message.startsWith(file + ": format: expected a PNG"), message);
  }

  @Test
  void aSixteenBitGiantIsRefusedFromItsHeaderBeforeDecoding() throws IOException {
    // 10000×10000 16-bit RGB: 100 megapixels, within MAX_PIXELS, but 600 MB decoded. Padded to
    // 600 KB, so that DEFLATE could have held it.
    Path file =
        Files.write(tmp.resolve("giant.png"), CraftedPng.declaring(10_000, 10_000, 16, 2, 600_000));
    assertEquals(
        file
            + ": decoded size: expected at most 400000000 bytes, found 10000×10000 pixels × 6"
            + " bytes = 600000000 bytes",
        failure(file));
  }

  @Test
  void aTinyPngDeclaringMoreThanDeflateHoldsIsRefused() throws IOException {
    // 69 bytes declaring 10000 rows of 1 + 60000 bytes: a 777 KB file at least.
    Path file = Files.write(tmp.resolve("bomb.png"), CraftedPng.declaring(10_000, 10_000, 16, 2));
    assertEquals(
        file
            + ": image size: expected at most 1032 × 69 bytes of rows in a PNG of 69 bytes"
            + " (DEFLATE's largest expansion), found 10000×10000 pixels of 48 bits (header"
            + " damaged?)",
        failure(file));
  }

  @Test
  void aTinyJpegDeclaringMorePixelsThanItsBitsCanCodeIsRefused() throws IOException {
    Path source = tmp.resolve("small.jpg");
    ImageFileWriter.writeJpeg(rgbRamp(), source, 0.9f);
    byte[] bytes = Files.readAllBytes(source);
    for (int i = 2; i + 8 < bytes.length; i++) {
      if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xC0) { // SOF0: height, width
        bytes[i + 5] = 0x07;
        bytes[i + 6] = (byte) 0xD0;
        bytes[i + 7] = 0x07;
        bytes[i + 8] = (byte) 0xD0;
        break;
      }
    }
    Path file = Files.write(tmp.resolve("bomb.jpg"), bytes);
    assertEquals(
        file
            + ": image size: expected at most 512 pixels per byte of a JPEG of "
            + bytes.length
            + " bytes (every 8×8 block takes a bit), found 2000×2000 (header damaged?)",
        failure(file));
  }

  @Test
  void anImageOverThePixelCapIsRefusedFromItsHeader() throws IOException {
    Path file = Files.write(tmp.resolve("wide.png"), CraftedPng.declaring(100_000, 1_001, 8, 0));
    assertEquals(
        file + ": image size: expected at most 100000000 pixels, found 100000×1001", failure(file));
  }

  @Test
  void aFileOverTheSizeCapIsRefusedUnread() throws IOException {
    Path file = tmp.resolve("huge.jpg");
    try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(300L << 20); // sparse: no disk written, nothing to read
    }
    assertEquals(
        file + ": file size: expected at most 268435456 bytes, found 314572800 bytes",
        failure(file));
  }

  @Test
  void zeroByteFileIsNamed() throws IOException {
    Path file = Files.createFile(tmp.resolve("empty.JPEG"));
    assertEquals(file + ": empty file (0 bytes), expected a JPEG or PNG", failure(file));
  }

  @Test
  void missingFileIsNamed() {
    Path file = tmp.resolve("absent.jpg");
    assertEquals(file + ": no such file", failure(file));
  }

  @Test
  void unknownSignatureIsNamed() throws IOException {
    Path file = Files.writeString(tmp.resolve("text.jpg"), "hello", StandardCharsets.US_ASCII);
    assertNull(ImageFileReader.sniff(Files.readAllBytes(file)));
    assertEquals(
        file
            + ": first bytes: expected a JPEG (FF D8 FF) or PNG (89 50 4E 47 0D 0A 1A 0A)"
            + " signature, found 68 65 6C 6C 6F",
        failure(file));
  }

  @Test
  void corruptJpegIsUnreadable() throws IOException {
    byte[] bytes = new byte[64];
    Arrays.fill(bytes, (byte) 0x5A);
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    bytes[2] = (byte) 0xFF;
    Path file = Files.write(tmp.resolve("corrupt.jpg"), bytes);
    assertTrue(failure(file).startsWith(file + ": unreadable JPEG (corrupt or truncated)"));
  }

  @Test
  void rgbJpegSamplesAreImageIosDecodedPixels() throws IOException {
    byte[] noise = new byte[3 * 20 * 30];
    new java.util.Random(2).nextBytes(noise);
    Path file = tmp.resolve("noise.jpg");
    ImageFileWriter.writeJpeg(PlanarImage.of(3, 20, 30, noise), file, 0.9f);
    java.awt.image.BufferedImage decoded = javax.imageio.ImageIO.read(file.toFile());
    assertEquals(java.awt.image.BufferedImage.TYPE_3BYTE_BGR, decoded.getType());
    PlanarImage image = ImageFileReader.readRgb(file);
    for (int y = 0; y < 20; y++) {
      for (int x = 0; x < 30; x++) {
        int rgb = decoded.getRGB(x, y);
        assertEquals((rgb >> 16) & 0xFF, image.sample(0, y, x), "R at " + y + "," + x);
        assertEquals((rgb >> 8) & 0xFF, image.sample(1, y, x), "G at " + y + "," + x);
        assertEquals(rgb & 0xFF, image.sample(2, y, x), "B at " + y + "," + x);
      }
    }
  }

  @Test
  void jpegCutShortIsUnreadableNotGreyFilled() throws IOException {
    // 64×48 of noise: most of the file is entropy-coded data, so a cut lands inside the scan,
    // where ImageIO alone would only warn and fill the rest grey.
    byte[] noise = new byte[3 * 48 * 64];
    new java.util.Random(1).nextBytes(noise);
    Path whole = tmp.resolve("whole.jpg");
    ImageFileWriter.writeJpeg(PlanarImage.of(3, 48, 64, noise), whole, 0.9f);
    byte[] bytes = Files.readAllBytes(whole);
    assertEquals(48, ImageFileReader.readRgb(whole).height());
    for (int keep : new int[] {bytes.length * 3 / 4, bytes.length - 2}) {
      Path file = Files.write(tmp.resolve("cut-" + keep + ".jpg"), Arrays.copyOf(bytes, keep));
      assertEquals(
          file + ": unreadable JPEG (corrupt or truncated): Truncated File - Missing EOI marker",
          failure(file));
    }
  }

  @Test
  void truncatedPngIsUnreadable() throws IOException {
    Path whole = tmp.resolve("whole.png");
    ImageFileWriter.writePng(uniform(3, 32, 1, 2, 3), whole);
    byte[] bytes = Files.readAllBytes(whole);
    Path file = Files.write(tmp.resolve("truncated.png"), Arrays.copyOf(bytes, bytes.length / 2));
    assertTrue(failure(file).startsWith(file + ": unreadable PNG (corrupt or truncated)"));
  }

  @Test
  void aResizedCropIsReadAsTheResizedCropOfTheImage() throws IOException {
    Path jpeg = tmp.resolve("photo.jpg");
    Files.write(
        jpeg,
        JpegFixtures.write(JpegFixtures.photo(3, 120, 160, 1), JpegFixtures.Encoding.BASELINE_420));
    Path png = tmp.resolve("photo.png");
    ImageFileWriter.writePng(JpegFixtures.photo(3, 90, 60, 2), png);
    Path cmyk = tmp.resolve("cmyk.jpg");
    CmykJpeg.write(cmyk, 16, new int[] {200, 50, 0, 30}, true);
    Path grey = tmp.resolve("grey.jpg");
    ImageFileWriter.writeJpeg(JpegFixtures.photo(1, 50, 70, 3), grey, 0.9f);
    for (Path file : List.of(jpeg, png, cmyk, grey)) {
      PlanarImage image = ImageFileReader.readRgb(file);
      // shorter side to 12, a 10×10 window off the centre
      int h = image.height() <= image.width() ? 12 : image.height() * 12 / image.width();
      int w = image.height() <= image.width() ? image.width() * 12 / image.height() : 12;
      ResizedCrop crop = new ResizedCrop(h, w, 1, 2, 10, 10);
      AtomicInteger calls = new AtomicInteger();
      PlanarImage read =
          ImageFileReader.readRgbResizedCrop(
              file,
              (height, width) -> {
                calls.incrementAndGet();
                assertEquals(image.height(), height);
                assertEquals(image.width(), width);
                return crop;
              },
              false);
      assertEquals(image.resizeBilinearCrop(crop), read, file.toString());
      assertEquals(1, calls.get(), file.toString());
    }
  }

  @Test
  void aResizedCropOfAnUnreadableFileFailsAsReadRgbDoes() throws IOException {
    byte[] whole =
        JpegFixtures.write(JpegFixtures.photo(3, 48, 64, 4), JpegFixtures.Encoding.BASELINE_420);
    Path cut = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(whole, whole.length - 2));
    assertEquals(
        cut + ": unreadable JPEG (corrupt or truncated): Truncated File - Missing EOI marker",
        assertThrows(
                DatasetFormatException.class,
                () ->
                    ImageFileReader.readRgbResizedCrop(
                        cut, (h, w) -> new ResizedCrop(h, w, 0, 0, h, w), false))
            .getMessage());
  }

  @Test
  void writerRejectsOtherChannelCounts() {
    PlanarImage twoChannels = PlanarImage.of(2, 1, 1, new byte[2]);
    assertThrows(
        IllegalArgumentException.class,
        () -> ImageFileWriter.writePng(twoChannels, tmp.resolve("x.png")));
  }
}
