package org.deltaboost.data.image;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The part of libjpeg-turbo's TurboJPEG C API ({@code turbojpeg.h}, library {@code libturbojpeg},
 * Debian package {@code libturbojpeg0}) that {@link TurboJpegDecoder} calls, bound with JNA. A
 * {@code tjhandle} is a {@link Pointer}; every function but {@link #tjGetErrorStr2} reports failure
 * by its return value ({@code -1}, or {@code null} for {@link #tjInitDecompress}).
 */
interface TurboJpegLibrary extends Library {
  /** {@code TJPF_RGB}: 3 bytes a pixel, R, G, B. */
  int TJPF_RGB = 0;

  /** {@code TJSAMP_444}: no chroma subsampling. */
  int TJSAMP_444 = 0;

  /** {@code TJCS_YCbCr}: a colour JPEG in the usual luma/chroma form. */
  int TJCS_YCBCR = 1;

  /** {@code TJCS_GRAY}: one component. */
  int TJCS_GRAY = 2;

  /** {@code TJFLAG_STOPONWARNING}: a warning (e.g. data cut short) fails the call at once. */
  int TJFLAG_STOPONWARNING = 8192;

  /** {@code TJFLAG_LIMITSCANS}: a progressive JPEG of more than 500 scans fails the call. */
  int TJFLAG_LIMITSCANS = 32768;

  /**
   * @return a new decompressor, or {@code null} (then {@code tjGetErrorStr2(null)} says why)
   */
  Pointer tjInitDecompress();

  /**
   * Reads a JPEG's header without decoding any pixel.
   *
   * @return 0, or -1 on error or warning
   */
  int tjDecompressHeader3(
      Pointer handle,
      Pointer jpegBuf,
      NativeLong jpegSize,
      int[] width,
      int[] height,
      int[] jpegSubsamp,
      int[] jpegColorspace);

  /**
   * Decodes a JPEG into {@code dstBuf}; a {@code width}×{@code height} smaller than the image's
   * picks the smallest scaling factor (1/2, 1/4, 1/8, …, computed in the DCT domain) that gives at
   * least that size.
   *
   * @param pitch bytes per row of {@code dstBuf}, 0 for {@code width ×} bytes per pixel
   * @return 0, or -1 on error or warning
   */
  int tjDecompress2(
      Pointer handle,
      Pointer jpegBuf,
      NativeLong jpegSize,
      Pointer dstBuf,
      int width,
      int pitch,
      int height,
      int pixelFormat,
      int flags);

  /**
   * @param handle the decompressor, or {@code null} for the error of {@link #tjInitDecompress}
   * @return the last error's message
   */
  String tjGetErrorStr2(Pointer handle);

  /**
   * @return 0, or -1 on error
   */
  int tjDestroy(Pointer handle);
}
