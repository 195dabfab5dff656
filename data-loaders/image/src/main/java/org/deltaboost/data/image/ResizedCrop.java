package org.deltaboost.data.image;

/**
 * A window of an image resized to {@code height × width} by {@link PlanarImage#resizeBilinear}:
 * rows {@code top … top + cropHeight − 1}, columns {@code left … left + cropWidth − 1}, inside the
 * resized image.
 *
 * @param height rows of the resized image, at least 1
 * @param width columns of the resized image, at least 1
 * @param top first row of the window, in {@code [0, height − cropHeight]}
 * @param left first column of the window, in {@code [0, width − cropWidth]}
 * @param cropHeight rows of the window, at least 1
 * @param cropWidth columns of the window, at least 1
 */
public record ResizedCrop(int height, int width, int top, int left, int cropHeight, int cropWidth) {
  /** Checks the window lies inside the resized image. */
  public ResizedCrop {
    if (height < 1 || width < 1 || cropHeight < 1 || cropWidth < 1) {
      throw new IllegalArgumentException(
          "resized crop: expected positive sizes, found "
              + cropHeight
              + "×"
              + cropWidth
              + " of "
              + height
              + "×"
              + width);
    }
    if (top < 0 || left < 0 || top > height - cropHeight || left > width - cropWidth) {
      throw new IllegalArgumentException(
          "resized crop: expected the "
              + cropHeight
              + "×"
              + cropWidth
              + " window at ("
              + top
              + ", "
              + left
              + ") inside "
              + height
              + "×"
              + width);
    }
  }

  /** Chooses an image's resized crop from its size, as known once its header is read. */
  @FunctionalInterface
  public interface Chooser {
    /**
     * @param height the image's rows
     * @param width the image's columns
     * @return where the crop lies
     */
    ResizedCrop choose(int height, int width);
  }
}
