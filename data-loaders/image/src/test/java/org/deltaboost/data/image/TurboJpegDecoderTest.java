package org.deltaboost.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.image.JpegFixtures.Encoding;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * libjpeg-turbo against ImageIO on the same files. Measured on every fixture here: identical pixels
 * (largest difference 0 of 255); both run libjpeg's accurate integer IDCT and 6b-style fancy
 * upsampling, so the tests allow no difference. The tests that need {@code libturbojpeg} skip
 * without it (CI installs it); with {@code -Ddeltaboost.jpeg=imageio}, the surefire run that forces
 * ImageIO (this module's pom), they check that ImageIO is in use instead.
 */
class TurboJpegDecoderTest {

  private static TurboJpegDecoder turbo() {
    TurboJpegDecoder turbo = TurboJpegDecoder.selection().turbo();
    Assumptions.assumeTrue(
        turbo != null, "libjpeg-turbo not in use: " + ImageFileReader.jpegDecoder());
    return turbo;
  }

  private static PlanarImage imageIo(byte[] jpeg) throws DatasetFormatException {
    return ImageFileReader.readRgbWithImageIo(jpeg, "fixture", ImageFileReader.Format.JPEG);
  }

  /** libjpeg-turbo decodes the file itself, to exactly ImageIO's pixels. */
  private static void decodesAsImageIo(byte[] jpeg) throws DatasetFormatException {
    Optional<PlanarImage> decoded = turbo().decode(jpeg, "fixture");
    assertTrue(decoded.isPresent(), "left to ImageIO");
    PlanarImage expected = imageIo(jpeg);
    assertEquals(expected, decoded.get(), "largest difference " + largest(expected, decoded.get()));
    assertEquals(expected, ImageFileReader.readRgb(jpeg, "fixture"));
  }

  /** libjpeg-turbo leaves the file to ImageIO, whose pixels readRgb then returns. */
  private static void leftToImageIo(byte[] jpeg) throws DatasetFormatException {
    assertEquals(Optional.empty(), turbo().decode(jpeg, "fixture"));
    assertEquals(imageIo(jpeg), ImageFileReader.readRgb(jpeg, "fixture"));
  }

  private static int largest(PlanarImage a, PlanarImage b) {
    if (a.size() != b.size()) {
      return -1;
    }
    byte[] x = a.samples();
    byte[] y = b.samples();
    int largest = 0;
    for (int k = 0; k < x.length; k++) {
      largest = Math.max(largest, Math.abs((x[k] & 0xFF) - (y[k] & 0xFF)));
    }
    return largest;
  }

  private static double mean(PlanarImage a, PlanarImage b) {
    byte[] x = a.samples();
    byte[] y = b.samples();
    long total = 0;
    for (int k = 0; k < x.length; k++) {
      total += Math.abs((x[k] & 0xFF) - (y[k] & 0xFF));
    }
    return (double) total / x.length;
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void colourJpegsGiveImageIosPixels(Encoding encoding) throws DatasetFormatException {
    // odd sizes: partial MCUs at the right and bottom edges
    decodesAsImageIo(JpegFixtures.write(JpegFixtures.photo(3, 61, 83, 1), encoding));
    decodesAsImageIo(JpegFixtures.write(JpegFixtures.photo(3, 240, 320, 2), encoding));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void greyJpegsGiveImageIosPixels(Encoding encoding) throws DatasetFormatException {
    byte[] jpeg = JpegFixtures.write(JpegFixtures.photo(1, 45, 70, 3), encoding);
    decodesAsImageIo(jpeg);
    PlanarImage image = ImageFileReader.readRgb(jpeg, "grey");
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        assertEquals(image.sample(0, y, x), image.sample(1, y, x));
        assertEquals(image.sample(0, y, x), image.sample(2, y, x));
      }
    }
  }

  @Test
  void subsampledJpegsWithoutJfifAreStillYcbcr() throws DatasetFormatException {
    byte[] jpeg = JpegFixtures.write(JpegFixtures.photo(3, 40, 56, 4), Encoding.BASELINE_420);
    decodesAsImageIo(JpegFixtures.withoutJfif(jpeg));
    decodesAsImageIo(JpegFixtures.withAdobe(jpeg, 1));
  }

  @Test
  void anUnsubsampledJpegWithoutJfifIsLeftToImageIo() throws DatasetFormatException {
    // No JFIF, no Adobe marker, components 0, 1, 2: libjpeg takes YCbCr, ImageIO takes RGB.
    byte[] jpeg =
        JpegFixtures.withComponentIds(
            JpegFixtures.withoutJfif(
                JpegFixtures.write(JpegFixtures.photo(3, 32, 48, 5), Encoding.BASELINE_444)),
            0,
            1,
            2);
    leftToImageIo(jpeg);
    // An Adobe marker saying YCbCr settles it for both.
    decodesAsImageIo(JpegFixtures.withAdobe(jpeg, 1));
  }

  @Test
  void anEmbeddedIccProfileIsLeftToImageIoWhichAppliesIt() throws DatasetFormatException {
    byte[] plain = JpegFixtures.write(JpegFixtures.photo(3, 32, 48, 6), Encoding.BASELINE_420);
    byte[] tagged = JpegFixtures.withLinearRgbProfile(plain);
    leftToImageIo(tagged);
    // the profile changes ImageIO's pixels (linear RGB to sRGB brightens), libjpeg would not
    assertNotEquals(imageIo(plain), ImageFileReader.readRgb(tagged, "tagged"));
  }

  @Test
  void anAdobeMarkerNamingAnotherTransformIsLeftToImageIo() throws DatasetFormatException {
    byte[] jpeg = JpegFixtures.write(JpegFixtures.photo(3, 16, 16, 7), Encoding.BASELINE_420);
    byte[] adobeRgb = JpegFixtures.withAdobe(jpeg, 0);
    assertEquals(Optional.empty(), turbo().decode(adobeRgb, "fixture"));
  }

  @Test
  void cmykJpegsAreLeftToImageIo() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("cmyk", ".jpg");
    try {
      CmykJpeg.write(file, 16, new int[] {200, 50, 0, 30}, true);
      leftToImageIo(java.nio.file.Files.readAllBytes(file));
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void damagedJpegsAreLeftToImageIoAndFailAsBefore() throws DatasetFormatException {
    byte[] whole = JpegFixtures.write(JpegFixtures.photo(3, 48, 64, 8), Encoding.BASELINE_420);
    byte[] cut = Arrays.copyOf(whole, whole.length * 3 / 4);
    assertEquals(Optional.empty(), turbo().decode(cut, "cut"));
    assertEquals(
        "cut: unreadable JPEG (corrupt or truncated): Truncated File - Missing EOI marker",
        assertThrows(DatasetFormatException.class, () -> ImageFileReader.readRgb(cut, "cut"))
            .getMessage());
    byte[] garbage = whole.clone();
    Arrays.fill(garbage, 20, garbage.length, (byte) 0x5A);
    assertEquals(Optional.empty(), turbo().decode(garbage, "garbage"));
    assertTrue(
        assertThrows(
                DatasetFormatException.class, () -> ImageFileReader.readRgb(garbage, "garbage"))
            .getMessage()
            .startsWith("garbage: unreadable JPEG (corrupt or truncated)"));
  }

  @Test
  void aHeaderOverTheLimitsFailsBeforeAnyPixelIsDecoded() {
    TurboJpegDecoder turbo = turbo();
    byte[] jpeg = JpegFixtures.write(JpegFixtures.photo(3, 8, 8, 9), Encoding.BASELINE_420);
    for (int i = 2; i + 8 < jpeg.length; i++) {
      if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) { // SOF0: height, width
        jpeg[i + 5] = (byte) 0xEA; // 60000 × 60000: 3.6 gigapixels
        jpeg[i + 6] = (byte) 0x60;
        jpeg[i + 7] = (byte) 0xEA;
        jpeg[i + 8] = (byte) 0x60;
        break;
      }
    }
    assertEquals(
        "big: image size: expected at most 512 pixels per byte of a JPEG of "
            + jpeg.length
            + " bytes (every 8×8 block takes a bit), found 60000×60000 (header damaged?)",
        assertThrows(DatasetFormatException.class, () -> turbo.decode(jpeg, "big")).getMessage());
  }

  @Test
  void dctScalingDecodesAtTheSmallestScaleNoSmallerThanTheResize() {
    ResizedCrop toShorter256 = new ResizedCrop(256, 341, 16, 58, 224, 224);
    assertEquals(0, TurboJpegDecoder.reduction(500, 375, toShorter256)); // 250×188 < 341×256
    assertEquals(1, TurboJpegDecoder.reduction(1024, 768, toShorter256)); // 512×384
    assertEquals(1, TurboJpegDecoder.reduction(1023, 767, toShorter256)); // ⌈⌉: 512×384
    assertEquals(2, TurboJpegDecoder.reduction(1365, 1024, toShorter256)); // 342×256
    assertEquals(3, TurboJpegDecoder.reduction(6000, 4500, toShorter256)); // 1/8 at most
    assertEquals(0, TurboJpegDecoder.reduction(100, 75, toShorter256)); // enlarged
  }

  @Test
  void dctScalingChangesTheCropSlightly() throws DatasetFormatException {
    // 640×480 to shorter side 160 (213×160), centre 128: decoded at 1/2 (320×240) first
    byte[] jpeg = JpegFixtures.write(JpegFixtures.photo(3, 480, 640, 10), Encoding.BASELINE_420);
    ResizedCrop crop = new ResizedCrop(160, 213, 16, 42, 128, 128);
    PlanarImage exact =
        turbo().decodeResizedCrop(jpeg, "fixture", (h, w) -> crop, false).orElseThrow();
    assertEquals(imageIo(jpeg).resizeBilinearCrop(crop), exact);
    PlanarImage scaled =
        turbo().decodeResizedCrop(jpeg, "fixture", (h, w) -> crop, true).orElseThrow();
    assertEquals(exact.size(), scaled.size());
    assertNotEquals(exact, scaled);
    // measured on this fixture, whose pixel-wise grain and hard-edged stripes are harder than a
    // photo: at most 7 of 255, mean 1.19 (on bench/decode's photo-like images: at most 3, mean
    // 0.24; docs/performance.md)
    assertTrue(largest(exact, scaled) <= 7, "largest difference " + largest(exact, scaled));
    assertTrue(mean(exact, scaled) <= 1.25, "mean difference " + mean(exact, scaled));
    // too small to reduce: the exact crop
    byte[] small = JpegFixtures.write(JpegFixtures.photo(3, 240, 320, 11), Encoding.BASELINE_420);
    assertEquals(
        imageIo(small).resizeBilinearCrop(crop),
        turbo().decodeResizedCrop(small, "fixture", (h, w) -> crop, true).orElseThrow());
  }

  @Test
  void thePropertyChoosesTheDecoder() {
    TurboJpegDecoder.Selection imageIo = TurboJpegDecoder.select("imageio");
    assertNull(imageIo.turbo());
    assertNull(imageIo.invalid());
    assertEquals("ImageIO (-Ddeltaboost.jpeg=imageio)", imageIo.description());
    TurboJpegDecoder.Selection typo = TurboJpegDecoder.select("turbo");
    assertNull(typo.turbo());
    assertEquals("-Ddeltaboost.jpeg=turbo: expected auto or imageio", typo.invalid());
    if ("imageio".equals(System.getProperty(TurboJpegDecoder.PROPERTY))) {
      assertNull(TurboJpegDecoder.selection().turbo());
      assertEquals("ImageIO (-Ddeltaboost.jpeg=imageio)", ImageFileReader.jpegDecoder());
    } else if (TurboJpegDecoder.selection().turbo() != null) {
      assertTrue(
          ImageFileReader.jpegDecoder().startsWith("libjpeg-turbo /"),
          ImageFileReader.jpegDecoder());
    } else {
      assertTrue(
          ImageFileReader.jpegDecoder().startsWith("ImageIO (libjpeg-turbo not loaded: "),
          ImageFileReader.jpegDecoder());
    }
  }
}
