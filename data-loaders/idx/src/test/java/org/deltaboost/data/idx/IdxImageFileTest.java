package org.deltaboost.data.idx;

import static org.deltaboost.data.idx.IdxFixtures.concat;
import static org.deltaboost.data.idx.IdxFixtures.idx;
import static org.deltaboost.data.idx.IdxFixtures.imageBody;
import static org.deltaboost.data.idx.IdxFixtures.images;
import static org.deltaboost.data.idx.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.idx.IdxFixtures.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IdxImageFileTest {
  @TempDir Path tmp;

  private Path file(Encoding encoding, byte[] content) {
    return write(tmp, encoding.fileName("images-idx3-ubyte"), encoding.encode(content));
  }

  private DatasetFormatException failure(Encoding encoding, byte[] content) {
    Path path = file(encoding, content);
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxImageFile.read(path));
    assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    return e;
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void readsHeaderAndPixels(Encoding encoding) throws IOException {
    IdxImageFile file = IdxImageFile.read(file(encoding, images(3, 2, 4)));
    assertEquals(3, file.count());
    assertEquals(2, file.rows());
    assertEquals(4, file.cols());
    assertArrayEquals(imageBody(3, 2, 4), file.pixels());
    assertEquals((byte) 100, file.pixels()[0]);
    assertEquals((byte) 123, file.pixels()[23]);
  }

  @Test
  void detectsGzipByContentNotByName() throws IOException {
    Path gzipWithoutSuffix = write(tmp, "a", Encoding.GZIP.encode(images(2, 3, 3)));
    Path rawWithSuffix = write(tmp, "b.gz", images(2, 3, 3));
    assertArrayEquals(imageBody(2, 3, 3), IdxImageFile.read(gzipWithoutSuffix).pixels());
    assertArrayEquals(imageBody(2, 3, 3), IdxImageFile.read(rawWithSuffix).pixels());
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void readsAStream(Encoding encoding) throws IOException {
    IdxImageFile file =
        IdxImageFile.read(new ByteArrayInputStream(encoding.encode(images(2, 2, 2))), "stream");
    assertEquals("stream", file.source());
    assertArrayEquals(imageBody(2, 2, 2), file.pixels());
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsZeroImages(Encoding encoding) {
    assertTrue(
        failure(encoding, images(0, 28, 28))
            .getMessage()
            .endsWith(
                "count: expected at least 1 image (a split without samples can be neither trained"
                    + " nor evaluated), found 0"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsAnEmptyFile(Encoding encoding) {
    assertTrue(
        failure(encoding, new byte[0])
            .getMessage()
            .endsWith("header: expected an IDX header of 16 bytes, found an empty file"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsABadMagicNumber(Encoding encoding) {
    byte[] labelMagic = idx(imageBody(1, 2, 2), IdxLabelFile.MAGIC, 1, 2, 2);
    assertTrue(
        failure(encoding, labelMagic)
            .getMessage()
            .endsWith(
                "magic number: expected 0x00000803 (IDX unsigned-byte images, 3 dimensions),"
                    + " found 0x00000801 (IDX unsigned-byte labels, 1 dimension)"));
    byte[] text = "P5 28 28 255\n".repeat(3).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertTrue(
        failure(encoding, text)
            .getMessage()
            .contains("(not an IDX unsigned-byte image or label file)"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsATruncatedHeader(Encoding encoding) {
    byte[] header = Arrays.copyOf(images(1, 2, 2), 10);
    assertTrue(
        failure(encoding, header)
            .getMessage()
            .endsWith("header: expected 16 bytes, found only 10 (file truncated)"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsTruncatedPixels(Encoding encoding) {
    byte[] short4 = Arrays.copyOf(images(3, 2, 4), 16 + 20);
    assertTrue(
        failure(encoding, short4)
            .getMessage()
            .endsWith(
                "data: expected count×rows×cols = 3×2×4 = 24 bytes after the header,"
                    + " found 20 (file truncated)"));
  }

  @Test
  void rejectsACutOffGzipStream() {
    byte[] gzip = Encoding.GZIP.encode(images(50, 28, 28));
    Path path = write(tmp, "cut.gz", Arrays.copyOf(gzip, gzip.length / 2));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxImageFile.read(path));
    assertTrue(
        e.getMessage()
            .matches(
                ".*data: expected .* = 39200 bytes after the header, found \\d+ \\(file"
                    + " truncated\\)"),
        e.getMessage());
  }

  @Test
  void rejectsAGzipStreamCutInItsTrailer() {
    byte[] gzip = Encoding.GZIP.encode(images(1, 2, 2));
    Path path = write(tmp, "cut.gz", Arrays.copyOf(gzip, gzip.length - 4));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxImageFile.read(path));
    assertTrue(e.getMessage().contains("gzip trailer"), e.getMessage());
  }

  @Test
  void rejectsAGzipStreamWithABadChecksum() {
    byte[] gzip = Encoding.GZIP.encode(images(1, 2, 2));
    gzip[gzip.length - 8] ^= 1; // first byte of the CRC-32
    Path path = write(tmp, "crc.gz", gzip);
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxImageFile.read(path));
    assertTrue(e.getMessage().startsWith(path + ": gzip trailer: damaged"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsTrailingBytes(Encoding encoding) {
    byte[] longer = concat(images(3, 2, 4), new byte[] {1, 2, 3});
    assertTrue(
        failure(encoding, longer)
            .getMessage()
            .endsWith(
                "end of data: expected the end of the file after 24 bytes of data,"
                    + " found 3 trailing bytes"));
  }

  @Test
  void countsTrailingDataOnlyUpToALimit() {
    // 2 MiB of zeros after the data: reported as "more than" without being counted to the end.
    byte[] longer = concat(images(1, 1, 1), new byte[2 << 20]);
    assertTrue(
        failure(Encoding.GZIP, longer)
            .getMessage()
            .endsWith("found more than 1048577 trailing bytes"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void aStreamDeclaringGigabytesCostsOnlyWhatItHolds(Encoding encoding) {
    // The header declares 2,000,000,000 bytes; the stream holds 300,000 of them (more than the
    // reader's 64 KiB buffer, so reads past it hand the reader's own data array to the stream).
    byte[] content = idx(new byte[300_000], IdxImageFile.MAGIC, 2_000_000, 1000, 1);
    LargestReadStream stream = new LargestReadStream(encoding.encode(content));
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxImageFile.read(stream, "stream"));
    assertEquals(
        "stream: data: expected count×rows×cols = 2000000×1000×1 = 2000000000 bytes after the"
            + " header, found 300000 (file truncated)",
        e.getMessage());
    // Raw data: the arrays offered were sized by the bytes that arrived, never by the header.
    assertTrue(stream.largestRead <= 1 << 20, "largest read: " + stream.largestRead);
  }

  /** A stream that remembers the largest array a read offered to fill. */
  private static final class LargestReadStream extends java.io.ByteArrayInputStream {
    long largestRead;

    LargestReadStream(byte[] content) {
      super(content);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      largestRead = Math.max(largestRead, b.length);
      return super.read(b, off, len);
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsZeroRowsOrColumns(Encoding encoding) {
    assertTrue(
        failure(encoding, images(3, 0, 4))
            .getMessage()
            .endsWith("rows×cols: expected at least 1×1, found 0×4"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsADimensionAboveTwoToThe31(Encoding encoding) {
    assertTrue(
        failure(encoding, idx(new byte[0], IdxImageFile.MAGIC, -1, 28, 28))
            .getMessage()
            .endsWith("count: expected at most 2147483647, found 4294967295"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsMoreDataThanAnArrayHolds(Encoding encoding) {
    assertTrue(
        failure(encoding, idx(new byte[0], IdxImageFile.MAGIC, 100_000_000, 28, 28))
            .getMessage()
            .contains("data length: expected at most 2147483639 bytes"));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void rejectsDimensionsWhoseProductOverflowsALong(Encoding encoding) {
    // A fuzzing find: 0x4a000002 × 0x6869 × 0x6a717273 > 2^63 wrapped round to a negative length.
    assertTrue(
        failure(encoding, idx(new byte[4], IdxImageFile.MAGIC, 0x4a000002, 0x6869, 0x6a717273))
            .getMessage()
            .endsWith(
                "data length: expected at most 2147483639 bytes, found count×rows×cols ="
                    + " 1241513986×26729×1785819763 ≥ 2^63"));
  }

  @Test
  void rejectsARawHeaderThatPromisesMoreThanTheFileHoldsBeforeReading() {
    // 10^6 images of 28×28 = 784 MB declared by a 17-byte file: refused from the file size alone.
    DatasetFormatException e =
        failure(Encoding.RAW, idx(new byte[1], IdxImageFile.MAGIC, 1_000_000, 28, 28));
    assertTrue(
        e.getMessage()
            .endsWith(
                "data: expected count×rows×cols = 1000000×28×28 = 784000000 bytes after the header,"
                    + " found 1 (file truncated)"),
        e.getMessage());
  }

  @Test
  void rejectsAGzipHeaderThatPromisesMoreThanDeflateCanHold() {
    DatasetFormatException e =
        failure(Encoding.GZIP, idx(new byte[1], IdxImageFile.MAGIC, 1_000_000, 28, 28));
    assertTrue(e.getMessage().contains("(header damaged?)"), e.getMessage());
  }

  @Test
  void aGzipFileWhoseTrailerAgreesIsReadIntoOneArrayOfTheDeclaredLength() throws IOException {
    // 3 MiB of noise (it inflates about 1×, like photos): a growing read would allocate 1 + 2 + 3
    // MiB, one array of the length 3 MiB.
    int count = 3 << 10;
    byte[] body = new byte[count * 32 * 32];
    new java.util.Random(7).nextBytes(body);
    Path path = file(Encoding.GZIP, idx(body, IdxImageFile.MAGIC, count, 32, 32));
    long before = allocatedBytes();
    IdxImageFile file = IdxImageFile.read(path);
    long allocated = allocatedBytes() - before;
    assertArrayEquals(body, file.pixels());
    // The data array (3 MiB) and the reader's buffers; the pixels() copy above came after.
    assertTrue(allocated < (3 << 20) + (1 << 20), "allocated " + allocated + " bytes");
  }

  @Test
  void aHeaderAndTrailerThatAgreeOnALieCostLittleMoreThanTheFile() throws IOException {
    // 2 MiB declared, 8 KiB of noise there, and the trailer, patched, agrees. The file (8 KiB) is
    // within DEFLATE's bound for 2 MiB but 256 times smaller: the read grows from 1 MiB instead of
    // allocating the 2 MiB the two agree on, and meets the truncation.
    int count = 2 << 10;
    byte[] present = new byte[8 << 10];
    new java.util.Random(11).nextBytes(present);
    byte[] gzip = Encoding.GZIP.encode(idx(present, IdxImageFile.MAGIC, count, 32, 32));
    long isize = 16 + (long) count * 32 * 32;
    for (int i = 0; i < 4; i++) {
      gzip[gzip.length - 4 + i] = (byte) (isize >>> (8 * i)); // ISIZE, little-endian
    }
    Path path = write(tmp, "lie.gz", gzip);
    long before = allocatedBytes();
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxImageFile.read(path));
    long allocated = allocatedBytes() - before;
    assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    assertTrue(allocated < (1 << 20) + (1 << 19), "allocated " + allocated + " bytes");
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  @Test
  void aGzipFileWhoseTrailerDisagreesIsStillReadWhole() throws IOException {
    // Two gzip members, header then data: the trailer's length is the second member's alone.
    byte[] content = images(3, 2, 4);
    byte[] twoMembers =
        concat(
            Encoding.GZIP.encode(Arrays.copyOf(content, 16)),
            Encoding.GZIP.encode(Arrays.copyOfRange(content, 16, content.length)));
    Path path = write(tmp, "two-members.gz", twoMembers);
    assertArrayEquals(imageBody(3, 2, 4), IdxImageFile.read(path).pixels());
  }

  @Test
  void aGzipTrailerThatAgreesWithAnInflatedHeaderStillMeetsTheTruncation() {
    // The header declares 3×2×4 = 24 bytes and the trailer, patched, agrees; 20 are there.
    byte[] gzip = Encoding.GZIP.encode(Arrays.copyOf(images(3, 2, 4), 16 + 20));
    gzip[gzip.length - 4] = 16 + 24; // ISIZE, little-endian
    Path path = write(tmp, "lying.gz", gzip);
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxImageFile.read(path));
    assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    assertTrue(
        e.getMessage().endsWith("found 20 (file truncated)")
            || e.getMessage().contains("gzip data: damaged after 36 bytes"),
        e.getMessage());
  }

  @Test
  void rejectsADamagedGzipHeader() {
    Path path = write(tmp, "bad.gz", new byte[] {0x1f, (byte) 0x8b, 8});
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> IdxImageFile.read(path));
    assertTrue(e.getMessage().startsWith(path + ": gzip header: damaged"), e.getMessage());
  }
}
