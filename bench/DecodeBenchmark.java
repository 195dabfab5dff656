import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.deltaboost.data.image.ImageFileReader;
import org.deltaboost.data.image.PlanarImage;
import org.deltaboost.data.image.ResizedCrop;
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
 * <p>{@code stages DIR WARM_UP REPS} times the pipeline's parts in one JVM, on the calling thread,
 * after {@code WARM_UP} passes over all files of every part (JIT): reading the file; {@link
 * ImageFileReader#readRgb} (the whole image decoded into R, G, B planes); the resized centre crop
 * of those planes, decoded beforehand ({@link PlanarImage#resizeBilinearCrop}: the resampling
 * alone); {@link ImageFileReader#readRgbResizedCrop} for the centre crop (read, decode and resample the window
 * only); that and the planar float copy / 255 that {@code decodeBatch} adds. Each part is a pass
 * over all files, the parts alternating, {@code REPS} times; prints {@code stage NAME SIZE ms=…}
 * lines, the median milliseconds per image for each image size and for all.
 *
 * <p>Usage: {@code java -cp … DecodeBenchmark time|dct-difference|stages …}
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
    } else if (args.length == 4 && args[0].equals("stages")) {
      stages(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    } else {
      System.err.println(
          "usage: DecodeBenchmark time DIR WORKERS WARM_UP [dct-scaling]"
              + " | DecodeBenchmark dct-difference DIR"
              + " | DecodeBenchmark stages DIR WARM_UP REPS");
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

  private static void stages(Path dir, int warmUp, int reps) throws Exception {
    List<Path> files = new ArrayList<>();
    for (LabelledImage image : jpegs(dir)) {
      files.add(image.file());
    }
    List<String> names =
        List.of("read", "decode", "resized-crop-of-planes", "decode+resized-crop", "pipeline");
    Map<Path, PlanarImage> decoded = new java.util.HashMap<>();
    for (Path file : files) {
      decoded.put(file, ImageFileReader.readRgb(file));
    }
    Map<String, List<Double>> perSize = new TreeMap<>();
    float[] floats = new float[3 * 224 * 224];
    long[] sink = new long[1];
    for (int pass = 0; pass < warmUp + reps; pass++) {
      for (String name : names) {
        Map<String, Double> seconds = new TreeMap<>();
        for (Path file : files) {
          String size = size(file);
          long start = System.nanoTime();
          runStage(name, file, decoded.get(file), floats, sink);
          double took = (System.nanoTime() - start) / 1e9;
          seconds.merge(size, took, Double::sum);
          seconds.merge("all", took, Double::sum);
        }
        if (pass >= warmUp) {
          for (Map.Entry<String, Double> e : seconds.entrySet()) {
            long count =
                e.getKey().equals("all")
                    ? files.size()
                    : files.stream().filter(f -> size(f).equals(e.getKey())).count();
            perSize
                .computeIfAbsent(name + " " + e.getKey(), k -> new ArrayList<>())
                .add(1000 * e.getValue() / count);
          }
        }
      }
    }
    System.out.println("jpeg decoder: " + ImageFileReader.jpegDecoder());
    for (String name : names) {
      for (Map.Entry<String, List<Double>> e : perSize.entrySet()) {
        if (e.getKey().startsWith(name + " ") && e.getKey().split(" ").length == 2) {
          List<Double> ms = new ArrayList<>(e.getValue());
          ms.sort(null);
          System.out.printf(Locale.ROOT, "stage %s ms=%.4f%n", e.getKey(), ms.get(ms.size() / 2));
        }
      }
    }
    System.out.println("checksum " + sink[0]); // keeps every stage's result used
  }

  /** The image's size from the benchmark's file name, e.g. {@code 1024x768}. */
  private static String size(Path file) {
    String name = file.getFileName().toString();
    return name.substring(name.lastIndexOf('_') + 1, name.length() - ".jpg".length());
  }

  private static void runStage(
      String name, Path file, PlanarImage planes, float[] floats, long[] sink) throws Exception {
    switch (name) {
      case "resized-crop-of-planes":
        sink[0] += planes.resizeBilinearCrop(centre(planes.height(), planes.width())).size();
        break;
      case "read":
        sink[0] += Files.readAllBytes(file).length;
        break;
      case "decode":
        sink[0] += ImageFileReader.readRgb(file).size();
        break;
      case "decode+resized-crop":
        sink[0] += ImageFileReader.readRgbResizedCrop(file, DecodeBenchmark::centre, false).size();
        break;
      default:
        ImageFileReader.readRgbResizedCrop(file, DecodeBenchmark::centre, false)
            .copyScaled(floats, 0);
        sink[0] += Float.floatToRawIntBits(floats[floats.length / 2]);
    }
  }

  /** The evaluation crop: shorter side to 256, the centre 224 × 224 (as ImageNetDataset). */
  private static ResizedCrop centre(int height, int width) {
    int h = height <= width ? 256 : Math.max(256, (int) Math.round((double) height * 256 / width));
    int w = height <= width ? Math.max(256, (int) Math.round((double) width * 256 / height)) : 256;
    int top = (int) Math.rint((h - 224) / 2.0);
    int left = (int) Math.rint((w - 224) / 2.0);
    return new ResizedCrop(h, w, top, left, 224, 224);
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
