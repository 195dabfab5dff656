package org.deltaboost.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.deltaboost.reports.GridFixture.Extra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated page opened from disk in headless Chromium ({@code /usr/bin/chromium}, Debian
 * package {@code chromium}; skipped when it is not installed): no console errors, every image
 * loaded, the sections laid out in order (the verdict table first, provenance last), and a
 * screenshot saved as {@code target/report-in-browser.png}. A page with a broken image and a
 * console error shows the check sees both.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReportInBrowserTest {
  @TempDir Path tmp;

  @Test
  void reportLoadsWithoutConsoleErrorsAndEveryImageLoads()
      throws IOException, InterruptedException {
    assumeTrue(
        HeadlessChromium.installed(),
        HeadlessChromium.BINARY + " is not installed (Debian package chromium)");
    Path grid =
        GridFixture.write(
            tmp.resolve("grid"),
            "table2-imagenet-alexnet-bn",
            true,
            Extra.TOP5,
            Extra.IOU,
            Extra.PROBES,
            Extra.VERDICTS);
    Path index = Report.generate(grid, Path.of("target", "report-in-browser"));
    long images = Files.readString(index).split("<img ", -1).length - 1;
    HeadlessChromium.PageLoad load;
    try (HeadlessChromium browser = new HeadlessChromium(tmp.resolve("chromium-profile"))) {
      load = browser.load(index.toAbsolutePath());
    }
    Files.write(Path.of("target", "report-in-browser.png"), load.screenshotPng());
    assertEquals(java.util.List.of(), load.consoleErrors());
    // error, top-5, mean IoU, time to accuracy; 4 histograms, 2 gradient panels, softmax
    // normalization
    assertEquals(11, images);
    assertEquals(images, load.imageWidths().size());
    load.imageWidths().forEach((src, width) -> assertTrue(width > 0, src + " did not load"));
    assertEquals(900, load.imageWidths().get("figures/error-per-epoch.png"));
    assertEquals(440, load.imageWidths().get("figures/gradient-rms-02Linear.png"));
    // the layout as laid out: verdicts first, then the tables, the figures, and provenance last
    assertEquals(
        java.util.List.of("Verdicts", "Tables", "Figures", "Provenance and configuration"),
        java.util.List.copyOf(load.headingTops().keySet()));
    java.util.List<Integer> tops = java.util.List.copyOf(load.headingTops().values());
    for (int i = 1; i < tops.size(); i++) {
      assertTrue(tops.get(i) > tops.get(i - 1), load.headingTops().toString());
    }
    assertEquals(
        java.util.List.of(
            "claim", "metric", "our estimate [95% interval]", "paper", "verdict", "why"),
        load.firstTableHeaders());
    BufferedImage shot = ImageIO.read(new ByteArrayInputStream(load.screenshotPng()));
    assertTrue(
        shot.getWidth() >= 960 && shot.getHeight() > 2000,
        shot.getWidth() + "x" + shot.getHeight());
  }

  @Test
  void brokenImageAndConsoleErrorAreSeen() throws IOException, InterruptedException {
    assumeTrue(
        HeadlessChromium.installed(),
        HeadlessChromium.BINARY + " is not installed (Debian package chromium)");
    Path page = tmp.resolve("broken.html");
    Files.writeString(
        page,
        "<!DOCTYPE html><html><head><title>t</title></head><body><img src=\"missing.png\">"
            + "<script>console.error('boom')</script></body></html>");
    HeadlessChromium.PageLoad load;
    try (HeadlessChromium browser = new HeadlessChromium(tmp.resolve("chromium-profile"))) {
      load = browser.load(page);
    }
    assertEquals(0, load.imageWidths().get("missing.png"));
    assertTrue(
        load.consoleErrors().stream().anyMatch(e -> e.contains("boom")),
        load.consoleErrors().toString());
    assertTrue(
        load.consoleErrors().stream().anyMatch(e -> e.contains("missing.png")),
        load.consoleErrors().toString());
  }
}
