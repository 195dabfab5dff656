package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deltaboost.harness.fixtures.OfficialLayouts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JPEG decoder through the shipped {@code deltaboost} script: libjpeg-turbo bound with JNA must
 * load on the launcher's module path where {@code libturbojpeg} is installed (CI installs it), and
 * {@code -Ddeltaboost.jpeg=imageio} must give ImageIO; {@code doctor} says which is in use, and
 * ImageNet trains either way. See {@link LauncherEndToEndIT} for when these tests run.
 */
class JpegDecoderLauncherIT {

  private static Path launcher;

  @TempDir Path dir;

  @BeforeAll
  static void findLauncher() {
    launcher = LauncherProcess.launcher();
  }

  /** Whether the dynamic linker knows libturbojpeg.so.0: asked of ldconfig, not of the code. */
  private static boolean libturbojpegInstalled() throws IOException, InterruptedException {
    Process ldconfig = new ProcessBuilder("/sbin/ldconfig", "-p").redirectErrorStream(true).start();
    String cache = new String(ldconfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ldconfig.waitFor();
    return cache.contains("libturbojpeg.so.0 ");
  }

  private String doctorLine(Map<String, String> env) throws Exception {
    return LauncherProcess.doctorLine(launcher, dir, env, "jpeg decode: ");
  }

  @Test
  void doctorNamesLibjpegTurboWhereItIsInstalled() throws Exception {
    String line = doctorLine(Map.of());
    if (libturbojpegInstalled()) {
      assertTrue(line.startsWith("jpeg decode: libjpeg-turbo /"), line);
      assertTrue(line.contains("libturbojpeg.so"), line);
    } else {
      assertTrue(line.startsWith("jpeg decode: ImageIO (libjpeg-turbo not loaded: "), line);
    }
  }

  @Test
  void thePropertyForcesImageIoAndImageNetStillTrains() throws Exception {
    Map<String, String> imageIo = Map.of("DELTABOOST_JAVA_OPTS", "-Ddeltaboost.jpeg=imageio");
    assertEquals("jpeg decode: ImageIO (-Ddeltaboost.jpeg=imageio)", doctorLine(imageIo));
    OfficialLayouts.imagenet(dir.resolve("data"), 3, 4, 2, 40, 44);
    LauncherProcess run = LauncherProcess.run(launcher, dir, imageIo, train("imagenet-imageio"));
    assertEquals(0, run.exit(), run.transcript());
    assertCompleted("imagenet-imageio", run);
  }

  @Test
  void imageNetTrainsWithDctScaling() throws Exception {
    OfficialLayouts.imagenet(dir.resolve("data"), 3, 4, 2, 40, 44);
    LauncherProcess run =
        LauncherProcess.run(
            launcher, dir, Map.of(), train("imagenet-dct", "--set", "data.jpegDctScaling=true"));
    assertEquals(0, run.exit(), run.transcript());
    assertCompleted("imagenet-dct", run);
    Path config = dir.resolve("runs/imagenet-dct/config.json");
    assertTrue(
        new ObjectMapper().readTree(config.toFile()).findValue("jpegDctScaling").asBoolean(),
        Files.readString(config, StandardCharsets.UTF_8));
  }

  @Test
  void aMistypedDecoderIsOneLineNamingTheProperty() throws Exception {
    Map<String, String> typo = Map.of("DELTABOOST_JAVA_OPTS", "-Ddeltaboost.jpeg=fast");
    assertEquals(
        "jpeg decode: ImageIO (-Ddeltaboost.jpeg=fast: expected auto or imageio)",
        doctorLine(typo));
    OfficialLayouts.imagenet(dir.resolve("data"), 3, 4, 2, 40, 44);
    LauncherProcess run = LauncherProcess.run(launcher, dir, typo, train("imagenet-typo"));
    assertNotEquals(0, run.exit(), run.transcript());
    List<String> lines = run.err().strip().lines().toList();
    assertEquals(1, lines.size(), run.transcript());
    assertTrue(
        lines.get(0).startsWith("deltaboost: error: ")
            && lines.get(0).contains("-Ddeltaboost.jpeg=fast: expected auto or imageio"),
        run.transcript());
    assertFalse(LauncherProcess.STACK_TRACE.matcher(run.err()).find(), run.transcript());
  }

  /** One epoch of softmax-ce on the fixture (3 classes of 4 images: one step), then options. */
  private String[] train(String runId, String... options) {
    List<String> all = new ArrayList<>(List.of(LauncherEndToEndIT.imagenetOptions()));
    all.addAll(List.of(options));
    return LauncherProcess.trainOneEpoch(
        dir, "imagenet", dir.resolve("data"), runId, all.toArray(String[]::new));
  }

  private void assertCompleted(String runId, LauncherProcess run) throws IOException {
    Path result = dir.resolve("runs").resolve(runId).resolve("result.json");
    assertTrue(Files.isRegularFile(result), "no " + result + "\n" + run.transcript());
    assertEquals(
        "completed",
        new ObjectMapper().readTree(result.toFile()).get("status").asText(),
        run.transcript());
    assertFalse(LauncherProcess.STACK_TRACE.matcher(run.out()).find(), run.transcript());
    assertFalse(LauncherProcess.STACK_TRACE.matcher(run.err()).find(), run.transcript());
  }
}
