package org.deltaboost.data.imagenet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the seeds of {@link ImageNetFuzzTest}: a valid meta.mat of 5 classes, one whose ids
 * repeat, and ground truth files valid and not. Run once with the seeds folder ({@code
 * src/test/resources/org/deltaboost/data/imagenet/ImageNetFuzzTestInputs}) as its argument.
 */
final class ImageNetFuzzSeeds {
  private ImageNetFuzzSeeds() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    Path meta = Files.createDirectories(root.resolve("metaMat"));
    Path truth = Files.createDirectories(root.resolve("groundTruth"));
    Path work = Files.createTempDirectory("imagenet-seeds");
    copyMeta(
        ImageNetFixtures.devkit(work.resolve("a"), ImageNetFuzzTest.FIVE_CLASSES, List.of()),
        meta.resolve("valid-5-classes.mat"));
    copyMeta(
        ImageNetFixtures.devkit(
            work.resolve("b"), Map.of(1, "n01440764", 1001, "n00001740"), List.of()),
        meta.resolve("valid-class-and-inner-node.mat"));
    Files.writeString(truth.resolve("valid"), "1\n5\n3\n2\n4\n", StandardCharsets.US_ASCII);
    Files.writeString(truth.resolve("id-not-a-class"), "1\n6\n", StandardCharsets.US_ASCII);
    Files.writeString(truth.resolve("not-a-number"), "1\nx\n", StandardCharsets.US_ASCII);
  }

  private static void copyMeta(Path data, Path target) throws IOException {
    Files.copy(data.resolve("meta.mat"), target);
  }
}
