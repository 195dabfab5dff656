package org.deltaboost.harness.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deltaboost.data.cifar.CifarDataset;
import org.deltaboost.data.cifar.CifarSplit;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.idx.EmbeddedFashionMnist;
import org.deltaboost.data.idx.FashionMnist;
import org.deltaboost.data.idx.Mnist;
import org.deltaboost.data.idx.MnistFamily;
import org.deltaboost.data.idx.Split;
import org.deltaboost.harness.train.TrainingData;

/** Maps a dataset name from a config to its training and test sets. */
public final class DatasetCatalog {

  /** Fashion-MNIST from its IDX files (Debian's package, or {@code --data-dir}). */
  public static final String FASHION_MNIST = "fashion-mnist";
  /** MNIST from its IDX files. */
  public static final String MNIST = "mnist";
  /**
   * The 10k Fashion-MNIST test images shipped inside deltaboost, split 8000 train / 2000 test
   * with a fixed seed, for a demo that needs no setup.
   */
  public static final String EMBEDDED = "fashion-mnist-embedded";
  /** CIFAR-10 binary version (extracted folder or the official tar.gz). */
  public static final String CIFAR_10 = "cifar-10";
  /** CIFAR-100 binary version, fine labels. */
  public static final String CIFAR_100 = "cifar-100";

  private static final int EMBEDDED_TEST = 2000;
  private static final long EMBEDDED_SPLIT_SEED = 20_171_107L;

  private DatasetCatalog() {}

  /** Returns the dataset names this build knows. */
  public static List<String> names() {
    return List.of(FASHION_MNIST, MNIST, EMBEDDED, CIFAR_10, CIFAR_100);
  }

  /** Returns {@link #FASHION_MNIST} when its files can be found, else {@link #EMBEDDED}. */
  public static String fashionMnistOrEmbedded(Path dataDir) {
    return locator(dataDir).locate(FASHION_MNIST, MnistFamily.FASHION_MNIST::isComplete).isPresent()
        ? FASHION_MNIST
        : EMBEDDED;
  }

  /**
   * Loads a dataset.
   *
   * @param name one of {@link #names()}
   * @param dataDir where to look first, or {@code null}
   * @return its training and test sets
   * @throws IOException when files are missing or malformed; the message says which and why
   */
  public static TrainingData load(String name, Path dataDir) throws IOException {
    switch (name) {
      case FASHION_MNIST -> {
        Path dir = FashionMnist.locate(locator(dataDir));
        return new TrainingData(
            FashionMnist.load(dir, Split.TRAIN), FashionMnist.load(dir, Split.TEST), dir.toString());
      }
      case MNIST -> {
        Path dir = Mnist.locate(locator(dataDir));
        return new TrainingData(
            Mnist.load(dir, Split.TRAIN), Mnist.load(dir, Split.TEST), dir.toString());
      }
      case EMBEDDED -> {
        ImageClassificationSet all = EmbeddedFashionMnist.load();
        ImageClassificationSet.Split split =
            all.split((double) EMBEDDED_TEST / all.size(), EMBEDDED_SPLIT_SEED);
        return new TrainingData(
            split.second(), split.first(), "embedded Fashion-MNIST test set (Zalando, MIT), 8000/2000 split");
      }
      case CIFAR_10, CIFAR_100 -> {
        CifarDataset cifar = CIFAR_10.equals(name) ? CifarDataset.CIFAR_10 : CifarDataset.CIFAR_100;
        DataLocator locator = locator(dataDir);
        Path where = cifar.locate(locator);
        return new TrainingData(
            cifar.load(locator, CifarSplit.TRAIN), cifar.load(locator, CifarSplit.TEST), where.toString());
      }
      default -> throw new IllegalArgumentException(
          "unknown dataset '" + name + "'; known: " + names());
    }
  }

  private static DataLocator locator(Path dataDir) {
    return DataLocator.forDataDir(dataDir);
  }
}
