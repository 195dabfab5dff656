package org.deltaboost.harness.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deltaboost.data.cifar.CifarDataset;
import org.deltaboost.data.cifar.CifarSplit;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.ImageClassificationSet;
import org.deltaboost.data.core.InputNormalization;
import org.deltaboost.data.idx.EmbeddedFashionMnist;
import org.deltaboost.data.idx.FashionMnist;
import org.deltaboost.data.idx.Mnist;
import org.deltaboost.data.idx.MnistFamily;
import org.deltaboost.data.idx.MnistFamilyDescriptor;
import org.deltaboost.data.idx.Split;
import org.deltaboost.data.imagenet.ImageNet2012;
import org.deltaboost.data.imagenet.ImageNetDataset;
import org.deltaboost.data.imagenet.ImageNetDescriptor;
import org.deltaboost.data.imagenet.LabelledImage;
import org.deltaboost.data.voc.JointAugmentation;
import org.deltaboost.data.voc.Sbd;
import org.deltaboost.data.voc.SegmentationExample;
import org.deltaboost.data.voc.SegmentationSplits;
import org.deltaboost.data.voc.Voc2012;
import org.deltaboost.data.voc.VocClasses;
import org.deltaboost.data.voc.VocDescriptors;
import org.deltaboost.data.voc.VocSegmentationDataset;
import org.deltaboost.harness.train.config.DataSettings;
import org.deltaboost.harness.train.samples.DecodedSamples;
import org.deltaboost.harness.train.samples.InMemorySamples;
import org.deltaboost.harness.train.samples.SampleSet;
import org.deltaboost.harness.train.samples.TrainingData;

/** Maps a dataset name from a config to its training and test sets. */
public final class DatasetCatalog {

  /** Fashion-MNIST from its IDX files (Debian's package, or {@code --data-dir}). */
  public static final String FASHION_MNIST = "fashion-mnist";

  /** MNIST from its IDX files. */
  public static final String MNIST = "mnist";

  /**
   * The 10k Fashion-MNIST test images shipped inside deltaboost, split 8000 train / 2000 test with
   * a fixed seed, for a demo that needs no setup.
   */
  public static final String EMBEDDED = "fashion-mnist-embedded";

  /** CIFAR-10 binary version (extracted folder or the official tar.gz). */
  public static final String CIFAR_10 = "cifar-10";

  /** CIFAR-100 binary version, fine labels. */
  public static final String CIFAR_100 = "cifar-100";

  /** ImageNet 2012 classification: train on {@code train/}, test on {@code val/}. */
  public static final String IMAGENET = "imagenet";

  /** PASCAL VOC 2012 segmentation: train on its {@code train} list, test on {@code val}. */
  public static final String VOC = "voc2012";

  /**
   * VOC 2012 segmentation with SBD's extra annotations: train on (SBD train ∪ SBD val ∪ VOC train)
   * − VOC val, test on VOC val (the usual augmented set, as the paper's PixelNet).
   */
  public static final String VOC_AUGMENTED = "voc2012-aug";

  /** ImageNet's channel statistics (torchvision's), also what pretrained VGG-16 weights expect. */
  public static final InputNormalization IMAGENET_NORMALIZATION =
      new InputNormalization(1.0 / 255, List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));

  private static final int EMBEDDED_TEST = 2000;
  private static final long EMBEDDED_SPLIT_SEED = 20_171_107L;

  private DatasetCatalog() {}

  /**
   * Returns the descriptor of every dataset of the paper, as {@code deltaboost datasets} lists
   * them.
   */
  public static List<DatasetDescriptor> descriptors() {
    List<DatasetDescriptor> all = new ArrayList<>();
    all.addAll(MnistFamilyDescriptor.descriptors());
    all.addAll(CifarDataset.descriptors());
    all.addAll(ImageNetDescriptor.descriptors());
    all.addAll(VocDescriptors.descriptors());
    return List.copyOf(all);
  }

  /** Returns the dataset names this build knows. */
  public static List<String> names() {
    return List.of(
        FASHION_MNIST, MNIST, EMBEDDED, CIFAR_10, CIFAR_100, IMAGENET, VOC, VOC_AUGMENTED);
  }

  /** Returns {@link #FASHION_MNIST} when its files can be found, else {@link #EMBEDDED}. */
  public static String fashionMnistOrEmbedded(Path dataDir) {
    return locator(dataDir).locate(FASHION_MNIST, MnistFamily.FASHION_MNIST::isComplete).isPresent()
        ? FASHION_MNIST
        : EMBEDDED;
  }

  /**
   * Loads a dataset with the default preparation (augmentation seeded with 0).
   *
   * @param name one of {@link #names()}
   * @param dataDir where to look first, or {@code null}
   * @return its training and test sets
   * @throws IOException when files are missing or malformed; the message says which and why
   */
  public static TrainingData load(String name, Path dataDir) throws IOException {
    return load(name, dataDir, DataSettings.defaults(), 0);
  }

  /**
   * Loads a dataset.
   *
   * <ul>
   *   <li>IDX sets: {@code pixel / 255}, no augmentation.
   *   <li>CIFAR: normalized with the training set's channel statistics; training batches padded by
   *       4, randomly cropped and mirrored when {@code settings.augment()}; top-5 for CIFAR-100.
   *   <li>ImageNet: decoded per batch, resized and cropped as {@link ImageNetDataset} (random crop
   *       and mirror for training when augmenting, centre crop otherwise), normalized with {@link
   *       #IMAGENET_NORMALIZATION}; top-5.
   *   <li>VOC: decoded per batch; training crops by {@link JointAugmentation} (scale 0.5–2 and
   *       mirror when augmenting, scale 1 otherwise), evaluation images padded to {@code
   *       evaluationSize}; normalized as ImageNet (the VGG-16 trunk's weights expect it).
   * </ul>
   *
   * @param name one of {@link #names()}
   * @param dataDir where to look first, or {@code null}
   * @param settings augmentation and sizes
   * @param seed seeds the augmentation
   * @return its training and test sets
   * @throws IOException when files are missing or malformed; the message says which and why
   */
  public static TrainingData load(String name, Path dataDir, DataSettings settings, long seed)
      throws IOException {
    switch (name) {
      case FASHION_MNIST -> {
        Path dir = FashionMnist.locate(locator(dataDir));
        return new TrainingData(
            FashionMnist.load(dir, Split.TRAIN),
            FashionMnist.load(dir, Split.TEST),
            dir.toString());
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
            split.second(),
            split.first(),
            "embedded Fashion-MNIST test set (Zalando, MIT), 8000/2000 split");
      }
      case CIFAR_10, CIFAR_100 -> {
        CifarDataset cifar = CIFAR_10.equals(name) ? CifarDataset.CIFAR_10 : CifarDataset.CIFAR_100;
        DataLocator locator = locator(dataDir);
        Path where = cifar.locate(locator);
        ImageClassificationSet train = cifar.load(locator, CifarSplit.TRAIN);
        ImageClassificationSet test = cifar.load(locator, CifarSplit.TEST);
        InputNormalization normalization = InputNormalization.of(train);
        return new TrainingData(
            InMemorySamples.of(
                train,
                normalization,
                settings.augment() ? InMemorySamples.Augmentation.cifar() : null,
                seed),
            InMemorySamples.of(test, normalization, null, seed),
            where.toString(),
            cifar == CifarDataset.CIFAR_100);
      }
      case IMAGENET -> {
        ImageNet2012 imagenet = ImageNet2012.locate(locator(dataDir));
        return new TrainingData(
            imagenetSet(
                imagenet.train(),
                imagenet.classes(),
                "imagenet/train",
                settings,
                seed,
                settings.augment()),
            imagenetSet(imagenet.val(), imagenet.classes(), "imagenet/val", settings, seed, false),
            imagenet.root().toString(),
            true);
      }
      case VOC, VOC_AUGMENTED -> {
        DataLocator locator = locator(dataDir);
        Voc2012 voc = Voc2012.locate(locator);
        List<SegmentationExample> train;
        String source;
        if (VOC.equals(name)) {
          train = voc.split("train");
          source = voc.root().toString();
        } else {
          Sbd sbd = Sbd.locate(locator);
          train = SegmentationSplits.augmentedTrain(voc, sbd);
          source = voc.root() + " + " + sbd.root();
        }
        return new TrainingData(
            vocSet(train, name + "/train", settings, seed, true),
            vocSet(voc.split("val"), name + "/val", settings, seed, false),
            source,
            false);
      }
      default ->
          throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + names());
    }
  }

  private static SampleSet imagenetSet(
      List<LabelledImage> images,
      List<String> classes,
      String setName,
      DataSettings settings,
      long seed,
      boolean training) {
    int resize = DataSettings.orDefault(settings.resizeSize(), DataSettings.IMAGENET_RESIZE);
    int crop = DataSettings.orDefault(settings.cropSize(), DataSettings.IMAGENET_CROP);
    ImageNetDataset evaluation = imagenet(images, settings, seed, false, resize, crop);
    ImageNetDataset served =
        training ? imagenet(images, settings, seed, true, resize, crop) : evaluation;
    return new DecodedSamples(setName, served, evaluation, classes, IMAGENET_NORMALIZATION);
  }

  private static ImageNetDataset imagenet(
      List<LabelledImage> images,
      DataSettings settings,
      long seed,
      boolean training,
      int resize,
      int crop) {
    return ImageNetDataset.builder(images)
        .optTraining(training)
        .optSizes(resize, crop)
        .optDctScaling(settings.jpegDctScaling())
        .optWorkers(settings.resolvedWorkers())
        .optSkipUnreadable(settings.skipUnreadable())
        .optSeed(seed)
        .setSampling(1, false)
        .build();
  }

  private static SampleSet vocSet(
      List<SegmentationExample> examples,
      String setName,
      DataSettings settings,
      long seed,
      boolean training) {
    int evaluationSize =
        DataSettings.orDefault(settings.evaluationSize(), DataSettings.VOC_EVALUATION);
    VocSegmentationDataset evaluation =
        VocSegmentationDataset.builder(examples)
            .optEvaluationSize(evaluationSize)
            .optWorkers(settings.resolvedWorkers())
            .optSkipUnreadable(settings.skipUnreadable())
            .optSeed(seed)
            .setSampling(1, false)
            .build();
    VocSegmentationDataset served = evaluation;
    if (training) {
      int crop = DataSettings.orDefault(settings.cropSize(), DataSettings.VOC_CROP);
      JointAugmentation augmentation =
          settings.augment()
              ? new JointAugmentation(crop, 0.5, 2.0, true)
              : new JointAugmentation(crop, 1.0, 1.0, false);
      served =
          VocSegmentationDataset.builder(examples)
              .optAugmentation(augmentation)
              .optWorkers(settings.resolvedWorkers())
              .optSkipUnreadable(settings.skipUnreadable())
              .optSeed(seed)
              .setSampling(1, false)
              .build();
    }
    return new DecodedSamples(
        setName, served, evaluation, VocClasses.NAMES, IMAGENET_NORMALIZATION);
  }

  private static DataLocator locator(Path dataDir) {
    return DataLocator.forDataDir(dataDir);
  }
}
