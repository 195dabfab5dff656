package org.deltaboost.data.image;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.NodeList;

/**
 * JPEGs for the decoder tests, written by ImageIO's encoder (JFIF, component ids 1, 2, 3) and, for
 * the variants a camera or an editor writes, edited at the marker level.
 */
final class JpegFixtures {
  private JpegFixtures() {}

  /**
   * A photo-like image: per-channel gradients, a few soft-edged blocks and fine grain, so that the
   * IDCT, the upsampling and the colour conversion all have work to do.
   */
  static PlanarImage photo(int channels, int height, int width, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] samples = new byte[channels * height * width];
    double[] slope = new double[2 * channels];
    for (int k = 0; k < slope.length; k++) {
      slope[k] = random.nextDouble(-1, 1);
    }
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double value =
              128
                  + 100 * (slope[2 * c] * x / width + slope[2 * c + 1] * y / height)
                  + (((x / 7 + y / 5) % 3 == 0) ? 40 : 0)
                  + random.nextInt(-12, 13);
          samples[(c * height + y) * width + x] = (byte) Math.max(0, Math.min(255, value));
        }
      }
    }
    return PlanarImage.of(channels, height, width, samples);
  }

  /** How ImageIO is asked to encode. */
  enum Encoding {
    /** Baseline, chroma subsampled 2×2 (4:2:0): ImageIO's default. */
    BASELINE_420,
    /** Baseline, no chroma subsampling (4:4:4). */
    BASELINE_444,
    /** Progressive, 4:2:0. */
    PROGRESSIVE
  }

  static byte[] write(PlanarImage image, Encoding encoding) {
    BufferedImage buffered = toBufferedImage(image);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      if (encoding == Encoding.PROGRESSIVE) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      IIOMetadata metadata =
          writer.getDefaultImageMetadata(new ImageTypeSpecifier(buffered), param);
      if (encoding == Encoding.BASELINE_444) {
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree(format);
        NodeList components = tree.getElementsByTagName("componentSpec");
        for (int i = 0; i < components.getLength(); i++) {
          IIOMetadataNode component = (IIOMetadataNode) components.item(i);
          component.setAttribute("HsamplingFactor", "1");
          component.setAttribute("VsamplingFactor", "1");
        }
        metadata.setFromTree(format, tree);
      }
      writer.write(null, new IIOImage(buffered, null, metadata), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static BufferedImage toBufferedImage(PlanarImage image) {
    int type = image.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
    BufferedImage buffered = new BufferedImage(image.width(), image.height(), type);
    for (int c = 0; c < image.channels(); c++) {
      for (int y = 0; y < image.height(); y++) {
        for (int x = 0; x < image.width(); x++) {
          buffered.getRaster().setSample(x, y, c, image.sample(c, y, x));
        }
      }
    }
    return buffered;
  }

  /** The JPEG with its JFIF {@code APP0} segment removed, as many cameras write. */
  static byte[] withoutJfif(byte[] jpeg) {
    List<byte[]> segments = segments(jpeg);
    segments.removeIf(s -> (s[1] & 0xFF) == 0xE0);
    return join(segments);
  }

  /** The JPEG with an Adobe {@code APP14} segment of the given transform. */
  static byte[] withAdobe(byte[] jpeg, int transform) {
    byte[] data = new byte[12];
    System.arraycopy("Adobe".getBytes(StandardCharsets.US_ASCII), 0, data, 0, 5);
    data[6] = 100; // version
    data[11] = (byte) transform;
    return withSegment(jpeg, 0xEE, data);
  }

  /** The JPEG with the JDK's linear-RGB ICC profile embedded ({@code APP2}). */
  static byte[] withLinearRgbProfile(byte[] jpeg) {
    byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    byte[] data = new byte[14 + profile.length];
    System.arraycopy("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII), 0, data, 0, 12);
    data[12] = 1; // chunk 1 of 1
    data[13] = 1;
    System.arraycopy(profile, 0, data, 14, profile.length);
    return withSegment(jpeg, 0xE2, data);
  }

  /**
   * A baseline JPEG with its components renumbered (SOF, SOS), e.g. 0, 1, 2 as some encoders do.
   */
  static byte[] withComponentIds(byte[] jpeg, int... ids) {
    byte[] edited = jpeg.clone();
    int at = 2;
    while (true) {
      int marker = edited[at + 1] & 0xFF;
      if (marker == 0xC0 || marker == 0xC2) { // SOF0, SOF2: 3 bytes a component from byte 10
        for (int c = 0; c < (edited[at + 9] & 0xFF); c++) {
          edited[at + 10 + 3 * c] = (byte) ids[c];
        }
      }
      if (marker == 0xDA) { // SOS: 2 bytes a component from byte 5
        for (int c = 0; c < (edited[at + 4] & 0xFF); c++) {
          edited[at + 5 + 2 * c] = (byte) ids[c];
        }
        return edited;
      }
      at += 2 + (((edited[at + 2] & 0xFF) << 8) | (edited[at + 3] & 0xFF));
    }
  }

  private static byte[] withSegment(byte[] jpeg, int marker, byte[] data) {
    List<byte[]> segments = segments(jpeg);
    byte[] segment = new byte[4 + data.length];
    segment[0] = (byte) 0xFF;
    segment[1] = (byte) marker;
    segment[2] = (byte) ((data.length + 2) >> 8);
    segment[3] = (byte) (data.length + 2);
    System.arraycopy(data, 0, segment, 4, data.length);
    // after JFIF's APP0 if there is one: ImageIO requires it first
    segments.add((segments.get(1)[1] & 0xFF) == 0xE0 ? 2 : 1, segment);
    return join(segments);
  }

  /** SOI, each marker segment up to SOS, then the rest of the file as one piece. */
  private static List<byte[]> segments(byte[] jpeg) {
    List<byte[]> segments = new ArrayList<>();
    segments.add(new byte[] {(byte) 0xFF, (byte) 0xD8});
    int at = 2;
    while ((jpeg[at + 1] & 0xFF) != 0xDA) {
      int end = at + 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
      segments.add(Arrays.copyOfRange(jpeg, at, end));
      at = end;
    }
    segments.add(Arrays.copyOfRange(jpeg, at, jpeg.length));
    return segments;
  }

  private static byte[] join(List<byte[]> pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pieces.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
