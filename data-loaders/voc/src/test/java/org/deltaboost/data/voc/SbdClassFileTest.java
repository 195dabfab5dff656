package org.deltaboost.data.voc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.image.PlanarImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Matrix;

class SbdClassFileTest {
  @TempDir Path tmp;

  private String failure(Path file) {
    return assertThrows(DatasetFormatException.class, () -> SbdClassFile.readSegmentation(file))
        .getMessage();
  }

  @Test
  void aFileOverTheSizeCapIsRefusedUnread() throws IOException {
    Path file = tmp.resolve("2008_000002.mat");
    try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength((64L << 20) + 1); // sparse: nothing written, nothing read
    }
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> SbdClassFile.readSegmentation(file));
    assertEquals(
        file + ": file size: expected at most 67108864 bytes, found 67108865 bytes",
        e.getMessage());
  }

  @Test
  void readsSegmentationRowByRow() throws IOException {
    // 2×3 labels: MATLAB stores columns first; the reader must give rows.
    PlanarImage labels = PlanarImage.of(1, 2, 3, new byte[] {0, 1, 2, 15, 20, (byte) 255});
    Path file = tmp.resolve("2008_000002.mat");
    VocFixtures.writeGtCls(file, labels);
    assertEquals(labels, SbdClassFile.readSegmentation(file));
  }

  @Test
  void acceptsADoubleMatrixOfWholeNumbers() throws IOException {
    Matrix segmentation = Mat5.newMatrix(1, 2);
    segmentation.setDouble(0, 0, 3);
    segmentation.setDouble(0, 1, 7);
    Path file = tmp.resolve("double.mat");
    Mat5.writeToFile(
        Mat5.newMatFile().addArray("GTcls", Mat5.newStruct().set("Segmentation", segmentation)),
        file.toFile());
    assertEquals(PlanarImage.of(1, 1, 2, new byte[] {3, 7}), SbdClassFile.readSegmentation(file));
  }

  @Test
  void aFractionalValueIsNamed() throws IOException {
    Matrix segmentation = Mat5.newMatrix(2, 2);
    segmentation.setDouble(1, 0, 2.5);
    Path file = tmp.resolve("fraction.mat");
    Mat5.writeToFile(
        Mat5.newMatFile().addArray("GTcls", Mat5.newStruct().set("Segmentation", segmentation)),
        file.toFile());
    assertEquals(
        file
            + ": GTcls.Segmentation at row 1, column 0: expected an integer class index, found 2.5",
        failure(file));
  }

  @Test
  void aMissingVariableIsNamed() throws IOException {
    Path file = tmp.resolve("other.mat");
    Mat5.writeToFile(Mat5.newMatFile().addArray("GTinst", Mat5.newStruct()), file.toFile());
    assertEquals(file + ": variables: expected one named GTcls, found [GTinst]", failure(file));
  }

  @Test
  void aMissingFieldIsNamed() throws IOException {
    Path file = tmp.resolve("nofield.mat");
    Mat5.writeToFile(
        Mat5.newMatFile().addArray("GTcls", Mat5.newStruct().set("Boundaries", Mat5.newCell(1, 1))),
        file.toFile());
    assertEquals(
        file + ": GTcls.Segmentation: expected a field, found fields [Boundaries]", failure(file));
  }

  @Test
  void aCorruptFileIsUnreadable() throws IOException {
    Path whole = tmp.resolve("whole.mat");
    VocFixtures.writeGtCls(whole, PlanarImage.of(1, 20, 20, new byte[400]));
    byte[] bytes = Files.readAllBytes(whole);
    Path truncated = Files.write(tmp.resolve("truncated.mat"), Arrays.copyOf(bytes, 200));
    assertTrue(
        failure(truncated).startsWith(truncated + ": unreadable MAT file"), failure(truncated));
    byte[] garbage = new byte[300];
    Arrays.fill(garbage, (byte) 0x7F);
    Path noise = Files.write(tmp.resolve("noise.mat"), garbage);
    assertTrue(failure(noise).startsWith(noise + ": unreadable MAT file"), failure(noise));
    Path empty = Files.createFile(tmp.resolve("empty.mat"));
    assertTrue(failure(empty).startsWith(empty + ": unreadable MAT file"), failure(empty));
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = tmp.resolve("absent.mat");
    assertEquals(file + ": no such file", failure(file));
  }
}
