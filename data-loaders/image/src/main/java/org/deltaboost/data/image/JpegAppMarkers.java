package org.deltaboost.data.image;

/**
 * The application markers before a JPEG's first scan that decide how its three components are read
 * as colour: a JFIF {@code APP0} ({@code "JFIF\0"}, at least 14 bytes of data, as libjpeg
 * requires), an Adobe {@code APP14} ({@code "Adobe"}, at least 12 bytes; its transform byte says 0
 * = RGB or CMYK, 1 = YCbCr, 2 = YCCK) and an ICC profile in {@code APP2} ({@code "ICC_PROFILE\0"}).
 *
 * @param jfif whether a JFIF marker is present
 * @param adobeTransform the Adobe marker's transform, or -1 when there is no Adobe marker
 * @param iccProfile whether an ICC profile is embedded
 */
record JpegAppMarkers(boolean jfif, int adobeTransform, boolean iccProfile) {
  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;
  private static final int APP0 = 0xE0;
  private static final int APP2 = 0xE2;
  private static final int APP14 = 0xEE;

  /**
   * Walks the marker segments from SOI to the first SOS.
   *
   * @param jpeg a file starting {@code FF D8}
   * @return its markers, or {@code null} when the segments do not lead to a scan (a length past the
   *     end, bytes where a marker should be, no scan before EOI or the end)
   */
  static JpegAppMarkers scan(byte[] jpeg) {
    boolean jfif = false;
    int adobeTransform = -1;
    boolean iccProfile = false;
    int at = 2;
    while (at + 1 < jpeg.length) {
      if ((jpeg[at] & 0xFF) != 0xFF) {
        return null;
      }
      int marker = jpeg[at + 1] & 0xFF;
      if (marker == 0xFF) {
        at++; // fill byte before a marker
        continue;
      }
      if (marker == SOS) {
        return new JpegAppMarkers(jfif, adobeTransform, iccProfile);
      }
      if (marker == EOI) {
        return null;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        at += 2; // TEM, RSTn: no length
        continue;
      }
      if (at + 3 >= jpeg.length) {
        return null;
      }
      int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
      int data = at + 4;
      int end = at + 2 + length;
      if (length < 2 || end > jpeg.length) {
        return null;
      }
      if (marker == APP0 && end - data >= 14 && startsWith(jpeg, data, "JFIF\0")) {
        jfif = true;
      } else if (marker == APP14 && end - data >= 12 && startsWith(jpeg, data, "Adobe")) {
        adobeTransform = jpeg[data + 11] & 0xFF;
      } else if (marker == APP2 && end - data >= 12 && startsWith(jpeg, data, "ICC_PROFILE\0")) {
        iccProfile = true;
      }
      at = end;
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int from, String ascii) {
    if (from + ascii.length() > bytes.length) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (bytes[from + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
