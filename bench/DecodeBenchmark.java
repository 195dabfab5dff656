import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.deltaboost.data.image.ImageFileReader;
import org.deltaboost.data.imagenet.ImageNetDataset;
import org.deltaboost.data.imagenet.LabelledImage;

/**
 * The deltaboost side of {@code bench/decode}: decodes every JPEG of a folder through the ImageNet
 * evaluation pipeline ({@link ImageNetDataset}: decode, resize the shorter side to 256 (bilinear,
 * antialiased), centre crop 224, planar float copy / 255) on its bounded worker pool, in batches
 * of 32 via {@code decodeBatch}, exactly as training does; with {@code dct-scaling}, as {@code
 * data.jpegDctScaling=true} trains. {@code WARM_UP} files (from the first, wrapping around) are
 * decoded untimed first (JIT); then one timed pass over all files. Prints the JPEG decoder in use
 * ({@code jpeg decoder: …}), then {@code deltaboost workers=W images=N seconds=S}.
 *
 * <p>Usage: {@code java -cp … DecodeBenchmark DIR WORKERS WARM_UP [dct-scaling]}
 */
public final class DecodeBenchmark {
  private static final int BATCH = 32;

  private DecodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3 || args.length > 4 || (args.length == 4 && !args[3].equals("dct-scaling"))) {
      System.err.println("usage: DecodeBenchmark DIR WORKERS WARM_UP [dct-scaling]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int workers = Integer.parseInt(args[1]);
    int warmUp = Integer.parseInt(args[2]);
    boolean dctScaling = args.length == 4;
    List<LabelledImage> images = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".jpg"))
          .sorted()
          .forEach(f -> images.add(new LabelledImage(f, 0)));
    }
    if (images.isEmpty()) {
      throw new IllegalArgumentException(dir + ": no .jpg files");
    }
    try (ImageNetDataset dataset =
        ImageNetDataset.builder(images)
            .optWorkers(workers)
            .optDctScaling(dctScaling)
            .setSampling(BATCH, false)
            .build()) {
      int recordSize = Math.toIntExact(dataset.dataShape().size());
      float[] data = new float[BATCH * recordSize];
      float[] label = new float[BATCH];
      for (int left = warmUp; left > 0; left -= images.size()) {
        pass(dataset, Math.min(left, images.size()), data, label);
      }
      long start = System.nanoTime();
      pass(dataset, images.size(), data, label);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.println("jpeg decoder: " + ImageFileReader.jpegDecoder());
      System.out.printf(
          Locale.ROOT, "deltaboost workers=%d images=%d seconds=%.4f%n", workers, images.size(), seconds);
    }
  }

  private static void pass(ImageNetDataset dataset, int count, float[] data, float[] label)
      throws Exception {
    for (int first = 0; first < count; first += BATCH) {
      List<Long> indices = new ArrayList<>();
      for (long i = first; i < Math.min(count, first + BATCH); i++) {
        indices.add(i);
      }
      dataset.decodeBatch(0, indices, data, label);
    }
  }
}
