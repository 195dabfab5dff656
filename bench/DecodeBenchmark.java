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
 * The deltaboost side of {@code bench/decode}, two commands on a folder of JPEGs.
 *
 * <p>{@code time DIR WORKERS WARM_UP [dct-scaling]} decodes every JPEG through the ImageNet
 * evaluation pipeline ({@link ImageNetDataset}: decode, resize the shorter side to 256 (bilinear,
 * antialiased), centre crop 224, planar float copy / 255) on its bounded worker pool, in batches
 * of 32 via {@code decodeBatch}, exactly as training does; with {@code dct-scaling}, as {@code
 * data.jpegDctScaling=true} trains. {@code WARM_UP} files (from the first, wrapping around) are
 * decoded untimed first (JIT); then one timed pass over all files. Prints the JPEG decoder in use
 * ({@code jpeg decoder: …}), then {@code deltaboost workers=W images=N seconds=S}.
 *
 * <p>{@code dct-difference DIR} compares, image by image, the float crops of both pipelines (DCT
 * scaling off and on) and prints how many images DCT scaling changes and the largest and mean
 * absolute difference, over all samples and over the changed images' samples.
 *
 * <p>Usage: {@code java -cp … DecodeBenchmark time|dct-difference …}
 */
public final class DecodeBenchmark {
  private static final int BATCH = 32;

  private DecodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 4
        && args.length <= 5
        && args[0].equals("time")
        && (args.length == 4 || args[4].equals("dct-scaling"))) {
      time(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args.length == 5);
    } else if (args.length == 2 && args[0].equals("dct-difference")) {
      dctDifference(Path.of(args[1]));
    } else {
      System.err.println(
          "usage: DecodeBenchmark time DIR WORKERS WARM_UP [dct-scaling]"
              + " | DecodeBenchmark dct-difference DIR");
      System.exit(2);
    }
  }

  private static void time(Path dir, int workers, int warmUp, boolean dctScaling)
      throws Exception {
    List<LabelledImage> images = jpegs(dir);
    try (ImageNetDataset dataset = dataset(images, workers, dctScaling)) {
      int recordSize = Math.toIntExact(dataset.dataShape().size());
      float[] data = new float[BATCH * recordSize];
      float[] label = new float[BATCH];
      for (int left = warmUp; left > 0; left -= images.size()) {
        pass(dataset, 0, Math.min(left, images.size()), data, label);
      }
      long start = System.nanoTime();
      pass(dataset, 0, images.size(), data, label);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.println("jpeg decoder: " + ImageFileReader.jpegDecoder());
      System.out.printf(
          Locale.ROOT, "deltaboost workers=%d images=%d seconds=%.4f%n", workers, images.size(), seconds);
    }
  }

  private static void dctDifference(Path dir) throws Exception {
    List<LabelledImage> images = jpegs(dir);
    int workers = Runtime.getRuntime().availableProcessors();
    try (ImageNetDataset full = dataset(images, workers, false);
        ImageNetDataset scaled = dataset(images, workers, true)) {
      int recordSize = Math.toIntExact(full.dataShape().size());
      float[] a = new float[BATCH * recordSize];
      float[] b = new float[BATCH * recordSize];
      float[] label = new float[BATCH];
      int changed = 0;
      double largest = 0;
      double total = 0;
      double changedTotal = 0;
      for (int first = 0; first < images.size(); first += BATCH) {
        int count = Math.min(BATCH, images.size() - first);
        pass(full, first, count, a, label);
        pass(scaled, first, count, b, label);
        for (int i = 0; i < count; i++) {
          double sum = 0;
          for (int k = i * recordSize; k < (i + 1) * recordSize; k++) {
            double difference = Math.abs(a[k] - b[k]);
            largest = Math.max(largest, difference);
            sum += difference;
          }
          total += sum;
          if (sum > 0) {
            changed++;
            changedTotal += sum;
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "dct scaling changes %d of %d images; |difference| of the float crops (pixel/255):"
              + " largest %.5f (%.2f/255), mean %.6f (%.3f/255), mean over the changed images"
              + " %.6f (%.3f/255)%n",
          changed,
          images.size(),
          largest,
          largest * 255,
          total / ((double) images.size() * recordSize),
          total * 255 / ((double) images.size() * recordSize),
          changed == 0 ? 0 : changedTotal / ((double) changed * recordSize),
          changed == 0 ? 0 : changedTotal * 255 / ((double) changed * recordSize));
    }
  }

  private static List<LabelledImage> jpegs(Path dir) throws Exception {
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
    return images;
  }

  private static ImageNetDataset dataset(
      List<LabelledImage> images, int workers, boolean dctScaling) {
    return ImageNetDataset.builder(images)
        .optWorkers(workers)
        .optDctScaling(dctScaling)
        .setSampling(BATCH, false)
        .build();
  }

  /** Decodes records {@code first … first + count − 1} in batches of 32 into the arrays. */
  private static void pass(
      ImageNetDataset dataset, int first, int count, float[] data, float[] label)
      throws Exception {
    for (int from = first; from < first + count; from += BATCH) {
      List<Long> indices = new ArrayList<>();
      for (long i = from; i < Math.min(first + count, from + BATCH); i++) {
        indices.add(i);
      }
      dataset.decodeBatch(0, indices, data, label);
    }
  }
}
