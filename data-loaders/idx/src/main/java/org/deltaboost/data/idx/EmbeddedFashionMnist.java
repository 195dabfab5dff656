package org.deltaboost.data.idx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.deltaboost.data.core.DatasetFormatException;
import org.deltaboost.data.core.ImageClassificationSet;

/**
 * The Fashion-MNIST test set (10,000 images, 1,000 per class) shipped inside this module, so a demo
 * runs with no download. The files are Zalando's, unchanged, under the MIT (Expat) license; see
 * {@link #attribution()}.
 */
public final class EmbeddedFashionMnist {
  /** The embedded set's name. */
  public static final String NAME = "fashion-mnist-embedded";

  // Relative to this class's package; "fashion-mnist" is no package name, so the files are not
  // encapsulated by the module system and need no opens.
  private static final String FOLDER = "fashion-mnist/";

  private EmbeddedFashionMnist() {}

  /**
   * @return the 10,000 test images of Fashion-MNIST, named {@value #NAME}
   * @throws IOException if the embedded files cannot be read (a broken jar)
   */
  public static ImageClassificationSet load() throws IOException {
    String imagesName = FOLDER + Split.TEST.imagesFile() + ".gz";
    String labelsName = FOLDER + Split.TEST.labelsFile() + ".gz";
    IdxImageFile images = IdxImageFile.read(open(imagesName), resourceName(imagesName));
    IdxLabelFile labels = IdxLabelFile.read(open(labelsName), resourceName(labelsName));
    return MnistFamily.FASHION_MNIST.assemble(images, labels, NAME);
  }

  /**
   * @return the copyright and license text of the embedded files
   * @throws IOException if the embedded text cannot be read (a broken jar)
   */
  public static String attribution() throws IOException {
    try (InputStream in = open(FOLDER + "LICENSE")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static InputStream open(String name) throws DatasetFormatException {
    InputStream in = EmbeddedFashionMnist.class.getResourceAsStream(name);
    if (in == null) {
      throw new DatasetFormatException(
          resourceName(name)
              + ": expected an embedded resource of module org.deltaboost.data.idx, found none");
    }
    return in;
  }

  private static String resourceName(String name) {
    return "resource:" + EmbeddedFashionMnist.class.getPackageName().replace('.', '/') + "/" + name;
  }
}
