package org.deltaboost.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.deltaboost.data.core.DatasetFormatException;
import org.w3c.dom.Node;

/**
 * Reads JPEG and PNG files, surviving the quirks of real photo collections such as ImageNet.
 *
 * <p>JPEGs are decoded by libjpeg-turbo ({@code libturbojpeg}, through JNA) where it is installed,
 * 2–3 times faster, to the same pixels ImageIO gives; it takes the greyscale and the YCbCr JPEGs
 * whose colour ImageIO reads the same way ({@link TurboJpegDecoder}), and leaves to {@code
 * javax.imageio} the rest (CMYK, YCCK, RGB, an embedded ICC profile) and every file it reports an
 * error or a warning for, so damaged files fail as before. PNGs are ImageIO's. The system property
 * {@code deltaboost.jpeg=imageio} makes ImageIO decode every JPEG; {@link #jpegDecoder()} says
 * which decoder is in use.
 *
 * <ul>
 *   <li>The format is told by the file's first bytes ({@code FF D8 FF} JPEG, {@code 89 'PNG' 0D 0A
 *       1A 0A} PNG), never by its name: ImageNet holds a PNG named {@code .JPEG}.
 *   <li>CMYK and YCCK JPEGs (4 components), which ImageIO cannot turn into RGB, are read as a raw
 *       raster and converted with the naive formula {@code R = (255 − C)(255 − K)/255} (G from M, B
 *       from Y), rounded. A JPEG with an Adobe APP14 marker stores CMYK inverted (Photoshop's
 *       convention, as libjpeg and Pillow read it), so there {@code R = C·K/255}.
 *   <li>Greyscale images (1 component) are replicated to three equal channels, read from the raster
 *       without the linear-grey-to-sRGB conversion {@code BufferedImage.getRGB} would apply.
 *   <li>Alpha is dropped; palette and 16-bit images go through their colour model to 8-bit sRGB.
 *   <li>A truncated JPEG is rejected: ImageIO decodes a file cut short (missing its EOI marker, or
 *       data ending early) with only a warning and the missing part grey; here a warning that says
 *       {@code Truncated} or {@code premature end} fails the read, as Pillow's default does. Other
 *       warnings (e.g. extraneous bytes before a marker, which libjpeg also tolerates) do not.
 * </ul>
 *
 * Masks ({@link #readIndexed}) are PNGs whose samples are class indices: for a palette PNG the
 * palette <em>indices</em> are returned, never the colours.
 *
 * <p>Size limits, checked from the file system and the image header (PNG IHDR, JPEG SOF) before any
 * pixel is decoded: a file of at most {@value #MAX_FILE_BYTES} bytes, at most {@value #MAX_PIXELS}
 * pixels, and a decoded raster (pixels × bytes per pixel, e.g. 6 for 16-bit RGB) of at most {@value
 * #MAX_DECODED_BYTES} bytes. The header must also fit the file: a JPEG spends at least a bit on
 * each 8×8 block (at most 512 pixels a byte), a PNG's rows (a filter byte and the packed samples
 * each) expand from DEFLATE at most 1032-fold; a tiny file declaring a huge image is refused as
 * damaged rather than decoded. A decode the JVM's heap cannot hold anyway fails with the heap's
 * limit and how to raise it, not an {@link OutOfMemoryError}.
 *
 * <p>Every failure (a missing, empty, unrecognised, corrupt or oversized file) is a {@link
 * DatasetFormatException} naming the file.
 */
public final class ImageFileReader {
  /** The largest image accepted, in pixels (width × height): 100 megapixels. */
  public static final long MAX_PIXELS = 100_000_000L;

  /**
   * The largest decoded raster accepted, in bytes (pixels × bytes per pixel): a 100-megapixel 8-bit
   * RGB image (300 MB) or CMYK JPEG (400 MB) passes, a 16-bit RGB PNG of 10000×10000 (600 MB) does
   * not.
   */
  public static final long MAX_DECODED_BYTES = 400_000_000L;

  /** The largest image file read, in bytes. */
  public static final long MAX_FILE_BYTES = 256L << 20;

  // Huffman coding spends at least one bit on each 8×8 block of the first component: 512 pixels a
  // byte. A header declaring more than that for its file's size is damaged.
  private static final long JPEG_PIXELS_PER_BYTE = 512;
  // DEFLATE expands at most about 1032:1; PNG rows are a filter byte and the packed samples.
  private static final long PNG_DEFLATE_RATIO = 1032;

  /** What a file's first bytes say it is. */
  public enum Format {
    /** JPEG/JFIF: starts {@code FF D8 FF}. */
    JPEG("jpeg"),
    /** PNG: starts {@code 89 50 4E 47 0D 0A 1A 0A}. */
    PNG("png");

    private final String imageIoName;

    Format(String imageIoName) {
      this.imageIoName = imageIoName;
    }
  }

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  private ImageFileReader() {}

  /**
   * @param bytes a file's content
   * @return the format its first bytes announce, or {@code null} if neither JPEG nor PNG
   */
  public static Format sniff(byte[] bytes) {
    if (bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xFF
        && (bytes[1] & 0xFF) == 0xD8
        && (bytes[2] & 0xFF) == 0xFF) {
      return Format.JPEG;
    }
    if (bytes.length >= PNG_SIGNATURE.length) {
      for (int i = 0; i < PNG_SIGNATURE.length; i++) {
        if (bytes[i] != PNG_SIGNATURE[i]) {
          return null;
        }
      }
      return Format.PNG;
    }
    return null;
  }

  /**
   * @param file a JPEG or PNG file (whatever its name says)
   * @return its pixels as 3 channels R, G, B
   * @throws DatasetFormatException naming the file if it is missing, empty, neither JPEG nor PNG,
   *     corrupt, or larger than {@link #MAX_PIXELS}
   */
  public static PlanarImage readRgb(Path file) throws DatasetFormatException {
    return readRgb(readBytes(file), file.toString());
  }

  /**
   * @param bytes a JPEG or PNG file's content
   * @param source the file's name, for messages
   * @return its pixels as 3 channels R, G, B
   * @throws DatasetFormatException naming {@code source} if the bytes are not a readable image
   */
  public static PlanarImage readRgb(byte[] bytes, String source) throws DatasetFormatException {
    Format format = requireFormat(bytes, source);
    TurboJpegDecoder turbo = format == Format.JPEG ? turbo(source) : null;
    if (turbo != null) {
      Optional<PlanarImage> decoded = turbo.decode(bytes, source);
      if (decoded.isPresent()) {
        return decoded.get();
      }
    }
    return readRgbWithImageIo(bytes, source, format);
  }

  /** libjpeg-turbo, or {@code null} when ImageIO decodes JPEGs in this JVM. */
  private static TurboJpegDecoder turbo(String source) throws DatasetFormatException {
    TurboJpegDecoder.Selection jpeg = TurboJpegDecoder.selection();
    if (jpeg.invalid() != null) {
      throw new DatasetFormatException(jpeg.invalid() + " (reading " + source + ")");
    }
    return jpeg.turbo();
  }

  /**
   * Reads an image file straight into a resized crop: equal, sample for sample, to {@code
   * readRgb(file).resizeBilinearCrop(chooser.choose(height, width))} unless {@code dctScaling} is
   * on. A JPEG that libjpeg-turbo decodes is resampled from its decoded rows, the whole image never
   * held as planes.
   *
   * @param file a JPEG or PNG file (whatever its name says)
   * @param chooser where the crop lies, from the image's size; called once
   * @param dctScaling JPEGs decoded by libjpeg-turbo only: decode at the smallest of 1/2, 1/4, 1/8
   *     (in the DCT domain) that keeps the image at least the resized size, then resize from there;
   *     faster for an image at least twice the resized size, and slightly different pixels
   *     (docs/performance.md measures how much)
   * @return the crop as 3 channels R, G, B
   * @throws DatasetFormatException as {@link #readRgb(Path)}
   */
  public static PlanarImage readRgbResizedCrop(
      Path file, ResizedCrop.Chooser chooser, boolean dctScaling) throws DatasetFormatException {
    byte[] bytes = readBytes(file);
    String source = file.toString();
    Format format = requireFormat(bytes, source);
    ChosenOnce once = new ChosenOnce(chooser);
    TurboJpegDecoder turbo = format == Format.JPEG ? turbo(source) : null;
    if (turbo != null) {
      Optional<PlanarImage> decoded = turbo.decodeResizedCrop(bytes, source, once, dctScaling);
      if (decoded.isPresent()) {
        return decoded.get();
      }
    }
    PlanarImage image = readRgbWithImageIo(bytes, source, format);
    return image.resizeBilinearCrop(once.choose(image.height(), image.width()));
  }

  /**
   * A chooser asked at most once per size: libjpeg-turbo may ask and then leave the file to
   * ImageIO, whose image must get the same crop (the same random draws).
   */
  private static final class ChosenOnce implements ResizedCrop.Chooser {
    private final ResizedCrop.Chooser chooser;
    private int height = -1;
    private int width = -1;
    private ResizedCrop chosen;

    ChosenOnce(ResizedCrop.Chooser chooser) {
      this.chooser = chooser;
    }

    @Override
    public ResizedCrop choose(int height, int width) {
      if (chosen == null || height != this.height || width != this.width) {
        chosen = chooser.choose(height, width);
        this.height = height;
        this.width = width;
      }
      return chosen;
    }
  }

  /**
   * Which decoder {@link #readRgb} uses for JPEGs, in words: libjpeg-turbo and the file it was
   * loaded from, or ImageIO and why (the system property {@code deltaboost.jpeg=imageio} asks for
   * it; {@code auto}, the default, takes libjpeg-turbo where {@code libturbojpeg} loads). PNGs, and
   * the JPEGs libjpeg-turbo leaves to ImageIO (see the class comment), are ImageIO's either way.
   *
   * @return e.g. {@code libjpeg-turbo /usr/lib/x86_64-linux-gnu/libturbojpeg.so.0.2.0}
   */
  public static String jpegDecoder() {
    return TurboJpegDecoder.selection().description();
  }

  /** {@link #readRgb} through ImageIO alone: the decoder of PNGs and of the JPEGs left to it. */
  static PlanarImage readRgbWithImageIo(byte[] bytes, String source, Format format)
      throws DatasetFormatException {
    ImageReader reader = open(bytes, format, source);
    List<String> warnings = warnings(reader);
    try {
      checkSize(reader, source, format, bytes.length);
      if (format == Format.JPEG) {
        int components = jpegComponents(reader.getImageMetadata(0));
        if (components == 4) {
          Raster raster = reader.readRaster(0, null);
          checkComplete(warnings, source, format);
          return cmykToRgb(raster, hasAdobeMarker(reader.getImageMetadata(0)));
        }
        if (components == 1) {
          Raster raster = reader.readRaster(0, null);
          checkComplete(warnings, source, format);
          return greyToRgb(raster);
        }
      }
      BufferedImage image = reader.read(0);
      checkComplete(warnings, source, format);
      return toRgb(image);
    } catch (IOException | RuntimeException e) {
      throw unreadable(source, format, e);
    } catch (OutOfMemoryError e) {
      throw outOfMemory(declaredSize(reader), source);
    } finally {
      reader.dispose();
    }
  }

  /**
   * @param file a PNG whose samples are class indices: palette-indexed, or 8-bit single-channel
   * @return its indices as 1 channel (for a palette PNG the palette indices, not the colours)
   * @throws DatasetFormatException naming the file if it is missing, empty, not a PNG, corrupt, or
   *     has colour channels instead of indices
   */
  public static PlanarImage readIndexed(Path file) throws DatasetFormatException {
    byte[] bytes = readBytes(file);
    String source = file.toString();
    Format format = requireFormat(bytes, source);
    if (format != Format.PNG) {
      throw DatasetFormatException.mismatch(
          source, "format", "a PNG of class indices (a lossy JPEG cannot hold indices)", format);
    }
    ImageReader reader = open(bytes, format, source);
    List<String> warnings = warnings(reader);
    BufferedImage image;
    try {
      checkSize(reader, source, format, bytes.length);
      image = reader.read(0);
      checkComplete(warnings, source, format);
    } catch (IOException | RuntimeException e) {
      throw unreadable(source, format, e);
    } catch (OutOfMemoryError e) {
      throw outOfMemory(declaredSize(reader), source);
    } finally {
      reader.dispose();
    }
    ColorModel model = image.getColorModel();
    Raster raster = image.getRaster();
    boolean indexed = model instanceof IndexColorModel;
    boolean singleChannel =
        raster.getNumBands() == 1 && raster.getSampleModel().getSampleSize(0) <= 8;
    if (!indexed && !singleChannel) {
      throw DatasetFormatException.mismatch(
          source,
          "pixel format",
          "a palette-indexed or 8-bit single-channel PNG of class indices",
          raster.getNumBands()
              + " channel(s) of "
              + raster.getSampleModel().getSampleSize(0)
              + " bits (colours, not indices)");
    }
    int width = raster.getWidth();
    int height = raster.getHeight();
    int[] values = raster.getSamples(0, 0, width, height, 0, (int[]) null);
    byte[] out = new byte[values.length];
    for (int k = 0; k < values.length; k++) {
      out[k] = (byte) values[k];
    }
    return PlanarImage.owning(1, height, width, out);
  }

  private static byte[] readBytes(Path file) throws DatasetFormatException {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw DatasetFormatException.mismatch(
            file.toString(), "file size", "at most " + MAX_FILE_BYTES + " bytes", size + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (DatasetFormatException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new DatasetFormatException(file + ": no such file", e);
    } catch (IOException e) {
      throw new DatasetFormatException(file + ": cannot be read: " + e, e);
    }
    if (bytes.length == 0) {
      throw new DatasetFormatException(file + ": empty file (0 bytes), expected a JPEG or PNG");
    }
    return bytes;
  }

  private static Format requireFormat(byte[] bytes, String source) throws DatasetFormatException {
    if (bytes.length == 0) {
      throw new DatasetFormatException(source + ": empty file (0 bytes), expected a JPEG or PNG");
    }
    Format format = sniff(bytes);
    if (format == null) {
      StringBuilder head = new StringBuilder();
      for (int i = 0; i < Math.min(8, bytes.length); i++) {
        head.append(String.format("%02X ", bytes[i] & 0xFF));
      }
      throw DatasetFormatException.mismatch(
          source,
          "first bytes",
          "a JPEG (FF D8 FF) or PNG (89 50 4E 47 0D 0A 1A 0A) signature",
          head.toString().trim());
    }
    return format;
  }

  private static ImageReader open(byte[] bytes, Format format, String source)
      throws DatasetFormatException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
    if (!readers.hasNext()) {
      throw new DatasetFormatException(source + ": no ImageIO reader for " + format);
    }
    ImageReader reader = readers.next();
    // In memory: ImageIO.createImageInputStream may spill to a temporary file per image.
    ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
    reader.setInput(input, true, true);
    return reader;
  }

  /**
   * Collects the reader's warnings, e.g. ImageIO's {@code "Truncated File - Missing EOI marker"}.
   */
  private static List<String> warnings(ImageReader reader) {
    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
    return warnings;
  }

  /** Fails when a warning says the data ended early: ImageIO filled the rest in grey. */
  private static void checkComplete(List<String> warnings, String source, Format format)
      throws DatasetFormatException {
    for (String warning : warnings) {
      String lower = warning.toLowerCase(Locale.ROOT);
      if (lower.contains("truncated") || lower.contains("premature end")) {
        throw new DatasetFormatException(
            source + ": unreadable " + format + " (corrupt or truncated): " + warning);
      }
    }
  }

  /** Checks the header's size against the caps and the file's size, before any pixel is decoded. */
  private static void checkSize(ImageReader reader, String source, Format format, long fileBytes)
      throws IOException {
    int width = reader.getWidth(0);
    int height = reader.getHeight(0);
    checkDeclaredSize(source, format, fileBytes, width, height);
    checkDecodedSize(source, format, fileBytes, width, height, bitsPerPixel(reader));
  }

  /**
   * Checks a header's width × height against {@link #MAX_PIXELS} and, for a JPEG, against what the
   * file's size can code.
   */
  static void checkDeclaredSize(String source, Format format, long fileBytes, int width, int height)
      throws DatasetFormatException {
    long pixels = (long) width * height;
    String declared = width + "×" + height;
    if (format == Format.JPEG && pixels > JPEG_PIXELS_PER_BYTE * fileBytes) {
      throw DatasetFormatException.mismatch(
          source,
          "image size",
          "at most "
              + JPEG_PIXELS_PER_BYTE
              + " pixels per byte of a JPEG of "
              + fileBytes
              + " bytes (every 8×8 block takes a bit)",
          declared + " (header damaged?)");
    }
    if (pixels > MAX_PIXELS) {
      throw DatasetFormatException.mismatch(
          source, "image size", "at most " + MAX_PIXELS + " pixels", declared);
    }
  }

  /**
   * Checks the raster a header declares against {@link #MAX_DECODED_BYTES} and, for a PNG, against
   * what DEFLATE can expand the file's size to.
   */
  static void checkDecodedSize(
      String source, Format format, long fileBytes, int width, int height, int bitsPerPixel)
      throws DatasetFormatException {
    long pixels = (long) width * height;
    String declared = width + "×" + height;
    int bytesPerPixel = Math.max(1, (bitsPerPixel + 7) / 8);
    long encodedRows = height * (1 + ((long) width * bitsPerPixel + 7) / 8);
    if (format == Format.PNG && encodedRows > PNG_DEFLATE_RATIO * fileBytes) {
      throw DatasetFormatException.mismatch(
          source,
          "image size",
          "at most "
              + PNG_DEFLATE_RATIO
              + " × "
              + fileBytes
              + " bytes of rows in a PNG of "
              + fileBytes
              + " bytes (DEFLATE's largest expansion)",
          declared + " pixels of " + bitsPerPixel + " bits (header damaged?)");
    }
    if (pixels * bytesPerPixel > MAX_DECODED_BYTES) {
      throw DatasetFormatException.mismatch(
          source,
          "decoded size",
          "at most " + MAX_DECODED_BYTES + " bytes",
          declared
              + " pixels × "
              + bytesPerPixel
              + " bytes = "
              + pixels * bytesPerPixel
              + " bytes");
    }
  }

  /** Bits per decoded pixel as the header declares them; 32 (CMYK) when it does not say. */
  private static int bitsPerPixel(ImageReader reader) throws IOException {
    ImageTypeSpecifier raw;
    try {
      raw = reader.getRawImageType(0);
    } catch (IIOException e) {
      raw = null; // e.g. a CMYK JPEG, which has no ImageIO image type
    }
    if (raw == null) {
      return 32;
    }
    int bits = 0;
    for (int size : raw.getSampleModel().getSampleSize()) {
      bits += size;
    }
    return bits;
  }

  private static String declaredSize(ImageReader reader) {
    try {
      return reader.getWidth(0) + "×" + reader.getHeight(0) + " image";
    } catch (IOException | RuntimeException e) {
      return "image";
    }
  }

  /**
   * @param image what was decoded, e.g. {@code 640×480 image}
   * @param source the file's name
   * @return the failure of a decode the heap cannot hold, with how to raise the heap
   */
  static DatasetFormatException outOfMemory(String image, String source) {
    return new DatasetFormatException(
        source
            + ": decoding the "
            + image
            + " needs more than the JVM's maximum heap of "
            + Runtime.getRuntime().maxMemory()
            + " bytes; raise it, e.g. DELTABOOST_JAVA_OPTS=-Xmx8g, or decode on fewer threads");
  }

  private static DatasetFormatException unreadable(String source, Format format, Exception e) {
    if (e instanceof DatasetFormatException formatException) {
      return formatException;
    }
    return new DatasetFormatException(
        source + ": unreadable " + format + " (corrupt or truncated): " + e.getMessage(), e);
  }

  private static int jpegComponents(IIOMetadata metadata) {
    Node sof = find(metadata.getAsTree("javax_imageio_jpeg_image_1.0"), "sof");
    if (sof == null) {
      return -1;
    }
    Node count = sof.getAttributes().getNamedItem("numFrameComponents");
    return count == null ? -1 : Integer.parseInt(count.getNodeValue());
  }

  private static boolean hasAdobeMarker(IIOMetadata metadata) {
    return find(metadata.getAsTree("javax_imageio_jpeg_image_1.0"), "app14Adobe") != null;
  }

  private static Node find(Node node, String name) {
    if (name.equals(node.getNodeName())) {
      return node;
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      Node found = find(child, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static PlanarImage cmykToRgb(Raster raster, boolean inverted) {
    int width = raster.getWidth();
    int height = raster.getHeight();
    int plane = width * height;
    int[] pixel = new int[raster.getNumBands()];
    byte[] out = new byte[3 * plane];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.getPixel(raster.getMinX() + x, raster.getMinY() + y, pixel);
        int k = y * width + x;
        for (int c = 0; c < 3; c++) {
          // Ink coverage complement: 255 − ink, where an inverted file stores 255 − ink itself.
          int paper = inverted ? pixel[c] : 255 - pixel[c];
          int black = inverted ? pixel[3] : 255 - pixel[3];
          out[c * plane + k] = (byte) Math.round(paper * black / 255f);
        }
      }
    }
    return PlanarImage.owning(3, height, width, out);
  }

  private static PlanarImage greyToRgb(Raster raster) {
    int width = raster.getWidth();
    int height = raster.getHeight();
    int plane = width * height;
    int[] grey =
        raster.getSamples(raster.getMinX(), raster.getMinY(), width, height, 0, new int[plane]);
    byte[] out = new byte[3 * plane];
    for (int k = 0; k < plane; k++) {
      byte value = (byte) grey[k];
      out[k] = value;
      out[plane + k] = value;
      out[2 * plane + k] = value;
    }
    return PlanarImage.owning(3, height, width, out);
  }

  /**
   * The common case of a decoded JPEG (ImageIO's {@code TYPE_3BYTE_BGR}): 8-bit samples interleaved
   * in one byte array, de-interleaved in one pass without per-sample calls.
   *
   * @return the R, G, B planes, or {@code null} when the raster is laid out otherwise
   */
  private static PlanarImage fromInterleavedBytes(Raster raster) {
    if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || buffer.getNumBanks() != 1
        || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)
        || raster.getSampleModelTranslateX() != 0
        || raster.getSampleModelTranslateY() != 0) {
      return null;
    }
    int width = raster.getWidth();
    int height = raster.getHeight();
    int stride = model.getPixelStride();
    int rowStride = model.getScanlineStride();
    int[] offsets = model.getBandOffsets();
    if (model.getWidth() != width || model.getHeight() != height || offsets.length < 3) {
      return null;
    }
    byte[] data = buffer.getData();
    int base = buffer.getOffset();
    int plane = width * height;
    byte[] out = new byte[3 * plane];
    for (int c = 0; c < 3; c++) {
      int target = c * plane;
      for (int y = 0; y < height; y++) {
        int source = base + y * rowStride + offsets[c];
        for (int x = 0; x < width; x++) {
          out[target++] = data[source];
          source += stride;
        }
      }
    }
    return PlanarImage.owning(3, height, width, out);
  }

  private static PlanarImage toRgb(BufferedImage image) {
    ColorModel model = image.getColorModel();
    Raster raster = image.getRaster();
    int width = raster.getWidth();
    int height = raster.getHeight();
    int plane = width * height;
    boolean eightBit = raster.getSampleModel().getSampleSize(0) == 8;
    if (!(model instanceof IndexColorModel) && eightBit) {
      ColorSpace space = model.getColorSpace();
      if (space.getType() == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1) {
        return greyToRgb(raster);
      }
      if (space.isCS_sRGB() && model.getNumColorComponents() == 3) {
        PlanarImage interleaved = fromInterleavedBytes(raster);
        if (interleaved != null) {
          return interleaved;
        }
        byte[] out = new byte[3 * plane];
        int[] band = new int[plane];
        for (int c = 0; c < 3; c++) {
          raster.getSamples(0, 0, width, height, c, band);
          for (int k = 0; k < plane; k++) {
            out[c * plane + k] = (byte) band[k];
          }
        }
        return PlanarImage.owning(3, height, width, out);
      }
    }
    int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
    byte[] out = new byte[3 * plane];
    for (int k = 0; k < plane; k++) {
      out[k] = (byte) (argb[k] >> 16);
      out[plane + k] = (byte) (argb[k] >> 8);
      out[2 * plane + k] = (byte) argb[k];
    }
    return PlanarImage.owning(3, height, width, out);
  }
}
