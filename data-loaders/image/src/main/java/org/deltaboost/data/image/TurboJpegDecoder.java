package org.deltaboost.data.image;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.io.File;
import java.util.Locale;
import java.util.Optional;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * Decodes JPEGs with libjpeg-turbo's TurboJPEG API ({@link TurboJpegLibrary}, {@code
 * libturbojpeg}), 2–3 times faster than ImageIO, to exactly ImageIO's pixels: both run libjpeg's
 * accurate integer IDCT, fancy upsampling and YCbCr→RGB tables.
 *
 * <p>It takes only the JPEGs whose colour ImageIO reads the same way: greyscale, and YCbCr with no
 * embedded ICC profile (ImageIO converts through the profile; libjpeg, like Pillow, ignores it), no
 * Adobe marker naming another transform, and, when the chroma is not subsampled, a JFIF or Adobe
 * YCbCr marker (without one ImageIO may take the components for RGB). For every other file, and
 * every file libjpeg-turbo reports an error or warning for, {@link #decode} answers empty and
 * {@link ImageFileReader} decodes it with ImageIO as before, so outcomes and messages of damaged
 * files stay ImageIO's. The header's size is checked against {@link ImageFileReader}'s limits
 * before any native memory is allocated; the decompressor and the buffers (the file, the RGB
 * pixels) live for one call, and all calls at once hold at most the JVM's maximum heap size of
 * native memory ({@link NativeMemoryBudget}): a file that would pass it goes to ImageIO.
 *
 * <p>The library is loaded once, on first use, unless the system property {@value #PROPERTY} says
 * {@code imageio}; if it is missing or cannot be loaded, ImageIO decodes everything.
 */
final class TurboJpegDecoder {
  /**
   * The system property that picks the JPEG decoder: {@code auto} (the default) or {@code imageio}.
   */
  static final String PROPERTY = "deltaboost.jpeg";

  private static final System.Logger LOG = System.getLogger(TurboJpegDecoder.class.getName());
  private static final String LIBRARY = "turbojpeg";
  private static final int FLAGS =
      TurboJpegLibrary.TJFLAG_STOPONWARNING | TurboJpegLibrary.TJFLAG_LIMITSCANS;
  // Native memory of all decodes at once: as much as the JVM may take for its heap.
  private static final NativeMemoryBudget BUDGET =
      new NativeMemoryBudget(Runtime.getRuntime().maxMemory());

  private final TurboJpegLibrary library;
  // where the library was found, or its name when JNA does not say
  private final String file;

  private TurboJpegDecoder(TurboJpegLibrary library, String file) {
    this.library = library;
    this.file = file;
  }

  /**
   * The JPEG decoder of this JVM.
   *
   * @param turbo libjpeg-turbo, or {@code null} when ImageIO decodes every JPEG
   * @param description which decoder, in words, for {@code deltaboost doctor}
   * @param invalid the complaint about {@value #PROPERTY}'s value, or {@code null} when valid
   */
  record Selection(TurboJpegDecoder turbo, String description, String invalid) {}

  private static final class Chosen {
    static final Selection SELECTION = select(System.getProperty(PROPERTY, "auto"));
  }

  /**
   * @return the decoder chosen for this JVM on first use, from {@value #PROPERTY}
   */
  static Selection selection() {
    return Chosen.SELECTION;
  }

  /**
   * @param property {@value #PROPERTY}'s value
   * @return libjpeg-turbo when asked for ({@code auto}) and loadable, else ImageIO with the reason
   */
  static Selection select(String property) {
    String value = property.strip().toLowerCase(Locale.ROOT);
    if (value.equals("imageio")) {
      return new Selection(null, "ImageIO (-D" + PROPERTY + "=imageio)", null);
    }
    if (!value.equals("auto")) {
      String invalid = "-D" + PROPERTY + "=" + property + ": expected auto or imageio";
      return new Selection(null, "ImageIO (" + invalid + ")", invalid);
    }
    try {
      TurboJpegDecoder turbo = load();
      return new Selection(turbo, "libjpeg-turbo " + turbo.file, null);
    } catch (LinkageError | RuntimeException e) {
      return new Selection(
          null,
          "ImageIO (libjpeg-turbo not loaded: "
              + firstLine(e.getMessage())
              + "; on Debian: apt-get install libturbojpeg0)",
          null);
    }
  }

  /** Loads the library and checks a call goes through: a decompressor made and destroyed. */
  private static TurboJpegDecoder load() {
    NativeLibrary found = NativeLibrary.getInstance(LIBRARY);
    TurboJpegLibrary library = Native.load(LIBRARY, TurboJpegLibrary.class);
    Pointer handle = library.tjInitDecompress();
    if (handle == null) {
      throw new IllegalStateException("tjInitDecompress: " + library.tjGetErrorStr2(null));
    }
    library.tjDestroy(handle);
    File file = found.getFile();
    return new TurboJpegDecoder(library, file == null ? found.getName() : file.toString());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no reason given";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
  }

  /**
   * @param jpeg a JPEG file's content
   * @param source the file's name, for messages
   * @return its pixels as R, G, B planes; empty when ImageIO is to decode it (see the class
   *     comment)
   * @throws DatasetFormatException naming {@code source} when its header declares more than {@link
   *     ImageFileReader}'s limits allow, or its pixels do not fit in memory
   */
  Optional<PlanarImage> decode(byte[] jpeg, String source) throws DatasetFormatException {
    return decode(jpeg, source, null, false);
  }

  /**
   * Decodes a JPEG straight into a resized crop: the window is resampled from libjpeg-turbo's
   * interleaved pixels, the whole image never held as planes.
   *
   * @param jpeg a JPEG file's content
   * @param source the file's name, for messages
   * @param chooser where the crop lies, from the image's size; called once, and only when this
   *     decoder takes the file
   * @param dctScaling whether to decode at the smallest scale 1/2, 1/4 or 1/8 (in libjpeg's DCT
   *     domain) that keeps the image at least the resized size ({@link #reduction}); off, the
   *     result is {@code PlanarImage#resizeBilinearCrop} of the full decode, sample for sample
   * @return the crop, R, G, B planes; empty when ImageIO is to decode the file
   * @throws DatasetFormatException as {@link #decode(byte[], String)}
   */
  Optional<PlanarImage> decodeResizedCrop(
      byte[] jpeg, String source, ResizedCrop.Chooser chooser, boolean dctScaling)
      throws DatasetFormatException {
    return decode(jpeg, source, chooser, dctScaling);
  }

  /**
   * @param width the image's columns
   * @param height the image's rows
   * @param crop its resized crop
   * @return the largest {@code k ≤ 3} with {@code ⌈width / 2^k⌉ ≥ crop.width()} and {@code ⌈height
   *     / 2^k⌉ ≥ crop.height()}: decoded at {@code 1/2^k} the image is still no smaller than the
   *     resized image, so resizing it still shrinks (or keeps) it
   */
  static int reduction(int width, int height, ResizedCrop crop) {
    int k = 0;
    while (k < 3
        && scaled(width, k + 1) >= crop.width()
        && scaled(height, k + 1) >= crop.height()) {
      k++;
    }
    return k;
  }

  /** {@code ⌈size / 2^k⌉}: libjpeg-turbo's size of a side decoded at {@code 1/2^k}. */
  private static int scaled(int size, int k) {
    return (int) (((long) size + (1L << k) - 1) >> k);
  }

  private Optional<PlanarImage> decode(
      byte[] jpeg, String source, ResizedCrop.Chooser chooser, boolean dctScaling)
      throws DatasetFormatException {
    JpegAppMarkers markers = JpegAppMarkers.scan(jpeg);
    if (markers == null) {
      return Optional.empty();
    }
    if (!BUDGET.tryReserve(jpeg.length)) {
      return imageIo(source, "(not asked: the native memory budget is spent)");
    }
    Pointer handle = null;
    try (Memory buffer = allocate(jpeg.length, source, jpeg.length + "-byte file")) {
      handle = library.tjInitDecompress();
      if (handle == null) {
        return imageIo(source, library.tjGetErrorStr2(null));
      }
      buffer.write(0, jpeg, 0, jpeg.length);
      return decode(handle, buffer, jpeg.length, markers, source, chooser, dctScaling);
    } finally {
      if (handle != null) {
        library.tjDestroy(handle);
      }
      BUDGET.release(jpeg.length);
    }
  }

  /** Reads the header, checks it, then decodes into native memory and converts from there. */
  private Optional<PlanarImage> decode(
      Pointer handle,
      Memory jpeg,
      long jpegBytes,
      JpegAppMarkers markers,
      String source,
      ResizedCrop.Chooser chooser,
      boolean dctScaling)
      throws DatasetFormatException {
    NativeLong size = new NativeLong(jpegBytes);
    int[] widthOut = new int[1];
    int[] heightOut = new int[1];
    int[] subsampling = new int[1];
    int[] colourSpace = new int[1];
    if (library.tjDecompressHeader3(
            handle, jpeg, size, widthOut, heightOut, subsampling, colourSpace)
        != 0) {
      return imageIo(source, library.tjGetErrorStr2(handle));
    }
    if (!readsAsImageIoDoes(colourSpace[0], subsampling[0], markers)) {
      return Optional.empty();
    }
    int width = widthOut[0];
    int height = heightOut[0];
    int components = colourSpace[0] == TurboJpegLibrary.TJCS_GRAY ? 1 : 3;
    ImageFileReader.checkDeclaredSize(
        source, ImageFileReader.Format.JPEG, jpegBytes, width, height);
    ImageFileReader.checkDecodedSize(
        source, ImageFileReader.Format.JPEG, jpegBytes, width, height, 8 * components);
    ResizedCrop crop = chooser == null ? null : chooser.choose(height, width);
    int k = dctScaling && crop != null ? reduction(width, height, crop) : 0;
    // Asked for ⌈width/2^k⌉ × ⌈height/2^k⌉, libjpeg-turbo picks the scale 1/2^k (or, for tiny
    // sides, a larger one of the same result size).
    int decodedWidth = scaled(width, k);
    int decodedHeight = scaled(height, k);
    long rgbBytes = 3L * decodedWidth * decodedHeight;
    if (!BUDGET.tryReserve(rgbBytes)) {
      return imageIo(source, "(not asked: the native memory budget is spent)");
    }
    String image = decodedWidth + "×" + decodedHeight + " image";
    try (Memory rgb = allocate(rgbBytes, source, image)) {
      if (library.tjDecompress2(
              handle,
              jpeg,
              size,
              rgb,
              decodedWidth,
              0,
              decodedHeight,
              TurboJpegLibrary.TJPF_RGB,
              FLAGS)
          != 0) {
        return imageIo(source, library.tjGetErrorStr2(handle));
      }
      if (crop == null) {
        return Optional.of(planar(rgb, decodedHeight, decodedWidth));
      }
      return Optional.of(
          new BilinearResampling(
                  BilinearWeights.triangle(
                      decodedHeight, crop.height(), crop.top(), crop.cropHeight()),
                  BilinearWeights.triangle(
                      decodedWidth, crop.width(), crop.left(), crop.cropWidth()))
              .apply(3, decodedHeight, decodedWidth, new InterleavedRows(rgb, decodedWidth)));
    } catch (OutOfMemoryError e) {
      throw ImageFileReader.outOfMemory(image, source);
    } finally {
      BUDGET.release(rgbBytes);
    }
  }

  /** {@link BilinearResampling.Rows} over libjpeg-turbo's R, G, B bytes in native memory. */
  private static final class InterleavedRows implements BilinearResampling.Rows {
    private final Memory rgb;
    private final int width;
    private byte[] row = new byte[0];

    InterleavedRows(Memory rgb, int width) {
      this.rgb = rgb;
      this.width = width;
    }

    @Override
    public void read(int y, int x0, int count, float[][] lines) {
      if (row.length < 3 * count) {
        row = new byte[3 * count];
      }
      rgb.read(3L * ((long) y * width + x0), row, 0, 3 * count);
      float[] red = lines[0];
      float[] green = lines[1];
      float[] blue = lines[2];
      for (int x = 0; x < count; x++) {
        int i = 3 * x; // one induction variable: C2 then drops the range checks
        red[x] = row[i] & 0xFF;
        green[x] = row[i + 1] & 0xFF;
        blue[x] = row[i + 2] & 0xFF;
      }
    }
  }

  /** See the class comment. */
  private static boolean readsAsImageIoDoes(
      int colourSpace, int subsampling, JpegAppMarkers markers) {
    if (colourSpace == TurboJpegLibrary.TJCS_GRAY) {
      return true;
    }
    if (colourSpace != TurboJpegLibrary.TJCS_YCBCR
        || markers.iccProfile()
        || (markers.adobeTransform() != -1 && markers.adobeTransform() != 1)) {
      return false;
    }
    return subsampling != TurboJpegLibrary.TJSAMP_444
        || markers.jfif()
        || markers.adobeTransform() == 1;
  }

  private static Optional<PlanarImage> imageIo(String source, String reason) {
    LOG.log(
        System.Logger.Level.DEBUG,
        () -> source + ": decoding with ImageIO; libjpeg-turbo said: " + reason);
    return Optional.empty();
  }

  private static Memory allocate(long bytes, String source, String what)
      throws DatasetFormatException {
    try {
      return new Memory(bytes);
    } catch (OutOfMemoryError e) {
      throw new DatasetFormatException(
          source
              + ": decoding the "
              + what
              + " needs "
              + bytes
              + " bytes of native memory, which the system could not allocate",
          e);
    }
  }

  /** De-interleaves R, G, B, a row at a time through a row buffer. */
  private static PlanarImage planar(Memory rgb, int height, int width) {
    int plane = width * height;
    byte[] out = new byte[3 * plane];
    byte[] row = new byte[3 * width];
    for (int y = 0; y < height; y++) {
      rgb.read(3L * y * width, row, 0, row.length);
      int base = y * width;
      for (int x = 0; x < width; x++) {
        int i = 3 * x;
        out[base + x] = row[i];
        out[plane + base + x] = row[i + 1];
        out[2 * plane + base + x] = row[i + 2];
      }
    }
    return PlanarImage.owning(3, height, width, out);
  }
}
