package org.deltaboost.data.voc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deltaboost.data.image.ImageFileWriter;
import org.deltaboost.data.image.PlanarImage;

/**
 * Writes the seeds of {@link VocFuzzTest}: SBD class files and VOC palette masks, valid and with a
 * value that is not a class, and split lists. Run once with the seeds folder ({@code
 * src/test/resources/org/deltaboost/data/voc/VocFuzzTestInputs}) as its argument.
 */
final class VocFuzzSeeds {
  private VocFuzzSeeds() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    Path mat = Files.createDirectories(root.resolve("sbdClassFile"));
    Path png = Files.createDirectories(root.resolve("maskPng"));
    Path list = Files.createDirectories(root.resolve("splitList"));
    VocFixtures.writeGtCls(mat.resolve("valid-6x5.mat"), VocFixtures.mask("2008_000002", 6, 5));
    byte[] notAClass = {0, 1, 77, (byte) 255};
    VocFixtures.writeGtCls(
        mat.resolve("class-out-of-range.mat"), PlanarImage.of(1, 2, 2, notAClass));
    ImageFileWriter.writeIndexedPng(
        VocFixtures.mask("2008_000002", 6, 5), png.resolve("valid-6x5.png"), VocClasses.palette());
    Files.writeString(list.resolve("valid"), "a\nb\n", StandardCharsets.US_ASCII);
    Files.writeString(list.resolve("missing-mask"), "a\nc\n", StandardCharsets.US_ASCII);
    Files.writeString(list.resolve("path-outside"), "a\n../b\n", StandardCharsets.US_ASCII);
    Files.writeString(list.resolve("repeated"), "a\na\n", StandardCharsets.US_ASCII);
  }
}
