package org.deltaboost.data.mat;

import static org.deltaboost.data.mat.Mat5Bytes.CELL;
import static org.deltaboost.data.mat.Mat5Bytes.CHAR;
import static org.deltaboost.data.mat.Mat5Bytes.CLASS_UINT8;
import static org.deltaboost.data.mat.Mat5Bytes.COMPRESSED;
import static org.deltaboost.data.mat.Mat5Bytes.INT32;
import static org.deltaboost.data.mat.Mat5Bytes.INT8;
import static org.deltaboost.data.mat.Mat5Bytes.MATRIX;
import static org.deltaboost.data.mat.Mat5Bytes.OBJECT;
import static org.deltaboost.data.mat.Mat5Bytes.STRUCT;
import static org.deltaboost.data.mat.Mat5Bytes.UINT8;
import static org.deltaboost.data.mat.Mat5Bytes.UTF8;
import static org.deltaboost.data.mat.Mat5Bytes.compressed;
import static org.deltaboost.data.mat.Mat5Bytes.concat;
import static org.deltaboost.data.mat.Mat5Bytes.doubleMatrix;
import static org.deltaboost.data.mat.Mat5Bytes.element;
import static org.deltaboost.data.mat.Mat5Bytes.file;
import static org.deltaboost.data.mat.Mat5Bytes.header;
import static org.deltaboost.data.mat.Mat5Bytes.ints;
import static org.deltaboost.data.mat.Mat5Bytes.matrix;
import static org.deltaboost.data.mat.Mat5Bytes.struct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.deltaboost.data.core.DatasetFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sinks;
import us.hebi.matlab.mat.types.Struct;

class Mat5FileTest {
  private static final long LIMIT = 1 << 20;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"v6", "v7"})
  void readsSbdClassFilesAsScipyWritesThem(String version) throws Exception {
    Path mat = resource("sbd-gtcls-scipy-" + version + ".mat");
    try (MatFile file = Mat5File.read(mat, LIMIT)) {
      Struct gtcls = file.getArray("GTcls");
      Matrix segmentation = gtcls.get("Segmentation");
      assertEquals(5, segmentation.getNumRows());
      assertEquals(7, segmentation.getNumCols());
      assertEquals((3 * 7 + 4) % 4, segmentation.getInt(3, 4));
      Cell boundaries = gtcls.get("Boundaries");
      assertEquals(2, boundaries.getNumElements());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"v6", "v7"})
  void readsImageNetMetaFilesAsScipyWritesThem(String version) throws Exception {
    Path mat = resource("imagenet-meta-scipy-" + version + ".mat");
    try (MatFile file = Mat5File.read(mat, LIMIT)) {
      Struct synsets = file.getArray("synsets");
      assertEquals(3, synsets.getNumElements());
      assertEquals(2.0, ((Matrix) synsets.get("ILSVRC2012_ID", 1)).getDouble(0));
      assertEquals("n01484850", ((Char) synsets.get("WNID", 2)).getString());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 6})
  void readsWhatTheMatFileLibraryWrites(int deflateLevel) throws Exception {
    Matrix segmentation = Mat5.newMatrix(3, 4, MatlabType.UInt8);
    segmentation.setInt(2, 3, 21);
    Cell boundaries = Mat5.newCell(2, 1);
    boundaries.set(0, Mat5.newLogical(3, 4));
    Struct gtcls =
        Mat5.newStruct()
            .set("Boundaries", boundaries)
            .set("Segmentation", segmentation)
            .set("Name", Mat5.newString("2008_000002"))
            .set("CategoriesPresent", Mat5.newScalar(21));
    MatFile written =
        Mat5.newMatFile().addArray("GTcls", gtcls).addArray("empty", Mat5.newCell(0, 0));
    ByteBuffer buffer = ByteBuffer.allocate(Mat5.getSerializedSize("GTcls", gtcls) + 4096);
    Mat5.newWriter(Sinks.wrap(buffer)).setDeflateLevel(deflateLevel).writeMat(written);
    Path mat = write(java.util.Arrays.copyOf(buffer.array(), buffer.position()));
    try (MatFile file = Mat5File.read(mat, LIMIT)) {
      Struct read = file.getArray("GTcls");
      assertEquals(21, ((Matrix) read.get("Segmentation")).getInt(2, 3));
      assertEquals("2008_000002", ((Char) read.get("Name")).getString());
    }
  }

  @Test
  void readsHandWrittenElementsOfEveryCheckedKind() throws Exception {
    byte[] cellOfTwo =
        matrix(
            CELL,
            "c",
            new int[] {1, 2},
            doubleMatrix("", new int[] {1, 1}, 4.5),
            element(MATRIX, new byte[0]));
    byte[] chars = matrix(CHAR, "s", new int[] {1, 3}, element(UTF8, "abc".getBytes()));
    byte[] small = matrix(CLASS_UINT8, "u", new int[] {1, 2}, element(UINT8, new byte[] {7, 9}));
    Path mat =
        write(
            file(
                struct("top", new String[] {"x"}, cellOfTwo),
                compressed(chars),
                small,
                doubleMatrix("d", new int[] {2, 0})));
    try (MatFile file = Mat5File.read(mat, LIMIT)) {
      assertEquals(
          4.5, ((Matrix) ((Cell) ((Struct) file.getArray("top")).get("x")).get(0)).getDouble(0));
      assertEquals("abc", ((Char) file.getArray("s")).getString());
      assertEquals(9, ((Matrix) file.getArray("u")).getInt(1));
      assertEquals(0, file.<Matrix>getArray("d").getNumElements());
    }
  }

  @Test
  void refusesAFileShorterThanTheHeader() throws Exception {
    assertRefused(new byte[100], "shorter than the 128-byte header");
  }

  @Test
  void refusesAMatlab73File() throws Exception {
    assertRefused(
        concat(header("MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00 ."), new byte[512]),
        "unreadable MAT file: MATLAB 7.3 (HDF5) format, which is not read; save it with -v7");
  }

  @Test
  void refusesAFileWithoutTheEndianIndicator() throws Exception {
    byte[] bytes = file(doubleMatrix("x", new int[] {1, 1}, 1));
    bytes[126] = 'X';
    assertRefused(bytes, "no MATLAB 5 endian indicator");
  }

  @Test
  void refusesATopLevelElementLongerThanTheFileWithoutTheLibrarysWarning() throws Exception {
    // declares 4 GB: the MAT File Library would print "[MFL] encountered illegal entry ..."
    byte[] bytes = file(element(MATRIX, 0xFFFF_FF00L, new byte[64]));
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertRefused(bytes, "declares 4294967040 bytes, but only 64 follow");
    } finally {
      System.setErr(err);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }

  @Test
  void refusesACompressedElementThatInflatesPastTheLimit() throws Exception {
    byte[] zeros =
        matrix(CLASS_UINT8, "z", new int[] {1, 4 << 20}, element(UINT8, new byte[4 << 20]));
    assertRefused(file(compressed(zeros)), "inflates to more than " + LIMIT + " bytes");
  }

  @Test
  void refusesACutZlibStream() throws Exception {
    byte[] whole = compressed(doubleMatrix("x", new int[] {1, 64}, new double[64]));
    byte[] data = java.util.Arrays.copyOfRange(whole, 8, whole.length - 6);
    assertRefused(file(element(COMPRESSED, data)), "its zlib stream ends early");
  }

  @Test
  void refusesACellDeclaringMoreElementsThanItHolds() throws Exception {
    byte[] cell =
        matrix(CELL, "c", new int[] {1 << 15, 1 << 15}, doubleMatrix("", new int[] {1, 1}, 1));
    assertRefused(file(cell), "declares 1073741824 element(s), but holds only 1");
  }

  @Test
  void refusesAStructWhoseFieldsTimesElementsExceedItsBytes() throws Exception {
    byte[] names = new byte[8 * 1000];
    byte[] struct =
        matrix(
            STRUCT,
            "s",
            new int[] {1000, 1000},
            element(INT32, ints(8)),
            element(INT8, names),
            doubleMatrix("", new int[] {1, 1}, 1));
    assertRefused(file(struct), "1000 field(s) × 1000000 element(s) declared");
  }

  @Test
  void refusesDimensionsWhoseProductOverflowsAnInt() throws Exception {
    assertRefused(
        file(doubleMatrix("x", new int[] {1 << 16, 1 << 16}, 1)),
        "more than 2^31 - 1 elements declared");
  }

  @Test
  void refusesNumericDataOfAnotherCountThanTheDimensions() throws Exception {
    assertRefused(file(doubleMatrix("x", new int[] {100, 100}, 1, 2)), "holds 2 values, not 10000");
  }

  @Test
  void refusesNestingDeeperThanTheLimit() throws Exception {
    byte[] nested = doubleMatrix("", new int[] {1, 1}, 1);
    for (int i = 0; i <= Mat5Layout.MAX_DEPTH + 1; i++) {
      nested = matrix(CELL, "", new int[] {1, 1}, nested);
    }
    assertRefused(
        file(nested), "nests cells or structs more than " + Mat5Layout.MAX_DEPTH + " deep");
  }

  @Test
  void refusesObjects() throws Exception {
    assertRefused(
        file(matrix(OBJECT, "o", new int[] {1, 1}, element(INT8, "table".getBytes()))),
        "a MATLAB object, function handle or opaque value (class 3)");
  }

  @Test
  void refusesAMatrixWhoseContentDoesNotFillIt() throws Exception {
    byte[] matrix = doubleMatrix("x", new int[] {1, 1}, 1);
    byte[] longer =
        concat(
            element(
                MATRIX,
                concat(java.util.Arrays.copyOfRange(matrix, 8, matrix.length), new byte[8])));
    assertRefused(file(longer), "declares 72 bytes, but its content takes 64");
  }

  @Test
  void refusesAnUnknownElementType() throws Exception {
    assertRefused(file(element(8, new byte[8])), "has the unknown type 8");
  }

  @Test
  void refusesAMissingFileAFolderAndALargerFileNamingThem() throws Exception {
    DatasetFormatException missing =
        assertThrows(
            DatasetFormatException.class, () -> Mat5File.read(dir.resolve("no.mat"), LIMIT));
    assertEquals(dir.resolve("no.mat") + ": no such file", missing.getMessage());
    DatasetFormatException folder =
        assertThrows(DatasetFormatException.class, () -> Mat5File.read(dir, LIMIT));
    assertTrue(folder.getMessage().startsWith(dir + ": a folder"), folder.getMessage());
    Path large = write(new byte[2000]);
    DatasetFormatException tooLarge =
        assertThrows(DatasetFormatException.class, () -> Mat5File.read(large, 1000));
    assertTrue(tooLarge.getMessage().contains("at most 1000 bytes"), tooLarge.getMessage());
  }

  /** The input that took the fuzzer 10 s (and ended in an OutOfMemoryError) before the checks. */
  @Test
  void refusesTheFuzzersSlowInputQuickly() throws Exception {
    Path mat = resource("fuzz-slow-unit-bad-zlib-checksum.mat");
    DatasetFormatException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(1),
            () -> assertThrows(DatasetFormatException.class, () -> Mat5File.read(mat, 64L << 20)));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private void assertRefused(byte[] content, String reason) throws IOException {
    Path mat = write(content);
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> Mat5File.read(mat, LIMIT));
    assertTrue(e.getMessage().startsWith(mat + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  private Path write(byte[] content) throws IOException {
    Path mat = Files.createTempFile(dir, "test", ".mat");
    Files.write(mat, content);
    return mat;
  }

  private Path resource(String name) throws IOException {
    Path copy = dir.resolve(name);
    try (InputStream in = Mat5FileTest.class.getResourceAsStream(name)) {
      Files.copy(in, copy);
    }
    return copy;
  }
}
