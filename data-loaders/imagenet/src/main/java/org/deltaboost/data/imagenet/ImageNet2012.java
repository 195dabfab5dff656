package org.deltaboost.data.imagenet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetFormatException;

/**
 * ImageNet 2012 (ILSVRC2012-CLS) in the usual extracted layout:
 *
 * <ul>
 *   <li>{@code train/<wnid>/*.JPEG}: one folder per WordNet id;
 *   <li>{@code val/}: either the same class folders, or the flat {@code ILSVRC2012_val_%08d.JPEG}
 *       files labelled by the devkit ({@code ILSVRC2012_devkit_t12/} beside {@code train} and
 *       {@code val}; see {@link ImageNetDevkit}).
 * </ul>
 *
 * Class index = position of the WordNet id in sorted order (as torchvision's {@code ImageFolder}
 * and {@code ImageNet} number them), taken from the train folders, or from the devkit when there is
 * no {@code train}. Files within a class are sorted by name. Image files are those ending {@code
 * .jpeg}, {@code .jpg} or {@code .png} in any case; their content decides the decoder.
 */
public final class ImageNet2012 {
  /** The dataset's name for {@link DataLocator}. */
  public static final String NAME = "imagenet";

  private final Path root;
  private final List<String> classes;

  private ImageNet2012(Path root, List<String> classes) {
    this.root = root;
    this.classes = List.copyOf(classes);
  }

  /**
   * @param root the folder holding {@code train/} and/or {@code val/}
   * @return the dataset, its classes read
   * @throws DatasetFormatException if neither {@code train/} nor a devkit gives the classes
   */
  public static ImageNet2012 at(Path root) throws DatasetFormatException {
    Path train = root.resolve("train");
    List<String> classes;
    if (Files.isDirectory(train)) {
      classes = subfolders(train);
      if (classes.isEmpty()) {
        throw new DatasetFormatException(train + ": no class folders (expected train/<wnid>/)");
      }
    } else if (Files.isDirectory(root.resolve(ImageNetDevkit.FOLDER))) {
      classes =
          new ArrayList<>(ImageNetDevkit.read(root.resolve(ImageNetDevkit.FOLDER)).classWnids());
      classes.sort(null);
    } else {
      throw new DatasetFormatException(
          root + ": not ImageNet 2012: expected train/<wnid>/*.JPEG or " + ImageNetDevkit.FOLDER);
    }
    return new ImageNet2012(root, classes);
  }

  /**
   * @param locator where to look for the {@value #NAME} folder
   * @return the dataset
   * @throws DatasetFormatException listing the places searched when not found
   */
  public static ImageNet2012 locate(DataLocator locator) throws DatasetFormatException {
    Path found =
        locator.require(
            NAME,
            place ->
                Files.isDirectory(place.resolve("train"))
                    || Files.isDirectory(place.resolve("val")),
            "train/<wnid>/*.JPEG and val/ (class folders, or flat with "
                + ImageNetDevkit.FOLDER
                + "/) from ILSVRC2012_img_train.tar, ILSVRC2012_img_val.tar, ILSVRC2012_devkit_t12.tar.gz");
    return at(found);
  }

  /**
   * @return the folder holding {@code train/} and {@code val/}
   */
  public Path root() {
    return root;
  }

  /**
   * @return the WordNet ids, sorted; index = class label
   */
  public List<String> classes() {
    return classes;
  }

  /**
   * @return every training image, class by class, files sorted by name
   * @throws DatasetFormatException if a class folder is empty or cannot be listed
   */
  public List<LabelledImage> train() throws DatasetFormatException {
    return classFolders(root.resolve("train"));
  }

  /**
   * @return every validation image: from class folders, or from the flat folder and the devkit
   * @throws DatasetFormatException if {@code val/} is missing, a class is unknown, or the devkit
   *     names a file that does not exist
   */
  public List<LabelledImage> val() throws DatasetFormatException {
    Path val = root.resolve("val");
    if (!Files.isDirectory(val)) {
      throw new DatasetFormatException(val + ": no such folder");
    }
    if (!subfolders(val).isEmpty()) {
      return classFolders(val);
    }
    Path devkit = root.resolve(ImageNetDevkit.FOLDER);
    if (!Files.isDirectory(devkit)) {
      throw new DatasetFormatException(
          val
              + ": flat validation images need the devkit at "
              + devkit
              + " (ILSVRC2012_devkit_t12.tar.gz)");
    }
    List<String> wnids = ImageNetDevkit.read(devkit).validationWnids();
    Map<String, Integer> labels = labelsByWnid();
    List<LabelledImage> out = new ArrayList<>(wnids.size());
    for (int n = 1; n <= wnids.size(); n++) {
      Path file = val.resolve(String.format(Locale.ROOT, "ILSVRC2012_val_%08d.JPEG", n));
      if (!Files.isRegularFile(file)) {
        throw new DatasetFormatException(
            file + ": no such file (line " + n + " of the devkit's validation ground truth)");
      }
      Integer label = labels.get(wnids.get(n - 1));
      if (label == null) {
        throw DatasetFormatException.mismatch(
            file.toString(),
            "class",
            "one of the " + classes.size() + " train classes",
            wnids.get(n - 1));
      }
      out.add(new LabelledImage(file, label));
    }
    return out;
  }

  private Map<String, Integer> labelsByWnid() {
    Map<String, Integer> labels = new HashMap<>();
    for (int i = 0; i < classes.size(); i++) {
      labels.put(classes.get(i), i);
    }
    return labels;
  }

  private List<LabelledImage> classFolders(Path split) throws DatasetFormatException {
    Map<String, Integer> labels = labelsByWnid();
    List<LabelledImage> out = new ArrayList<>();
    for (String wnid : subfolders(split)) {
      Integer label = labels.get(wnid);
      if (label == null) {
        throw DatasetFormatException.mismatch(
            split.resolve(wnid).toString(), "class folder", "one of the train classes", wnid);
      }
      List<Path> files = images(split.resolve(wnid));
      if (files.isEmpty()) {
        throw new DatasetFormatException(split.resolve(wnid) + ": no images in class folder");
      }
      for (Path file : files) {
        out.add(new LabelledImage(file, label));
      }
    }
    return out;
  }

  private static List<String> subfolders(Path dir) throws DatasetFormatException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DatasetFormatException(dir + ": cannot be listed: " + e, e);
    }
  }

  private static List<Path> images(Path dir) throws DatasetFormatException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".jpeg") || name.endsWith(".jpg") || name.endsWith(".png");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DatasetFormatException(dir + ": cannot be listed: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "ImageNet2012[" + root + ", " + classes.size() + " classes]";
  }
}
