package org.deltaboost.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.deltaboost.data.image.JpegFixtures.Encoding;
import org.junit.jupiter.api.Test;

class JpegAppMarkersTest {
  private static final byte[] PLAIN =
      JpegFixtures.write(JpegFixtures.photo(3, 8, 8, 1), Encoding.BASELINE_420);

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  @Test
  void imageIosJpegHasJfifOnly() {
    assertEquals(new JpegAppMarkers(true, -1, false), JpegAppMarkers.scan(PLAIN));
  }

  @Test
  void adobeTransformAndIccProfileAreFound() {
    assertEquals(
        new JpegAppMarkers(false, 2, false),
        JpegAppMarkers.scan(JpegFixtures.withAdobe(JpegFixtures.withoutJfif(PLAIN), 2)));
    assertEquals(
        new JpegAppMarkers(true, -1, true),
        JpegAppMarkers.scan(JpegFixtures.withLinearRgbProfile(PLAIN)));
  }

  @Test
  void fillBytesAndMarkersWithoutLengthAreStepped() {
    // SOI, fill, RST0, an empty COM, SOS
    assertEquals(
        new JpegAppMarkers(false, -1, false),
        JpegAppMarkers.scan(bytes(0xFF, 0xD8, 0xFF, 0xFF, 0xD0, 0xFF, 0xFE, 0, 2, 0xFF, 0xDA)));
  }

  @Test
  void segmentsThatDoNotLeadToAScanAreNone() {
    assertNull(JpegAppMarkers.scan(bytes(0xFF, 0xD8, 0xFF, 0xD9)), "EOI before a scan");
    assertNull(JpegAppMarkers.scan(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x40, 0, 1)), "past the end");
    assertNull(JpegAppMarkers.scan(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 0xFF, 0xDA)), "length 1");
    assertNull(JpegAppMarkers.scan(bytes(0xFF, 0xD8, 0x12, 0x34)), "no marker");
    assertNull(JpegAppMarkers.scan(bytes(0xFF, 0xD8, 0xFF)), "cut in a marker");
    assertNull(JpegAppMarkers.scan(bytes(0xFF, 0xD8, 0xFF, 0xE1, 0)), "cut in a length");
  }
}
