package org.deltaboost.reports;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One figure of the report: an XChart chart written as {@code <name>.png} and {@code <name>.svg},
 * its caption on the page, and whether it is one of a row of small panels.
 */
record Figure(String name, String caption, Chart<?, ?> chart, boolean small) {
  static final int WIDTH = 900;
  static final int HEIGHT = 520;
  static final int SMALL_WIDTH = 440;
  static final int SMALL_HEIGHT = 320;

  void write(Path folder) {
    String stem = folder.resolve(name).toString();
    try {
      BitmapEncoder.saveBitmap(chart, stem + ".png", BitmapEncoder.BitmapFormat.PNG);
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, stem + ".svg", VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new ReportException("cannot write figure " + stem + ".png/.svg: " + e.getMessage(), e);
    }
  }

  /**
   * A label made safe for a file name: characters other than letters, digits, '.', '-', '_' become
   * '_'.
   */
  static String fileSafe(String label) {
    return label.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
