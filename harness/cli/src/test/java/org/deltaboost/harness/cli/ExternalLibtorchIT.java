package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's native selection ({@code docs/gpu.md}) through the shipped {@code deltaboost}
 * script: {@code DELTABOOST_LIBTORCH} pointing at the CPU libtorch unpacked from the {@code
 * pytorch-native-cpu} jar (laid out as the libtorch archive is: {@code libtorch/lib/} and {@code
 * libtorch/build-version}) is the folder {@code doctor} names, and a run trains to the same numbers
 * as on the bundled jar; another version, an empty and a missing folder are refused before Java
 * starts; {@code doctor} exits 1 with the reason when the engine cannot load.
 *
 * <p>Runs in the {@code integration-test} phase, like {@link LauncherEndToEndIT}.
 */
class ExternalLibtorchIT {

  private static Path launcher;

  @TempDir static Path shared;

  private static Path libtorch;

  @TempDir Path dir;

  @BeforeAll
  static void unpackTheCpuLibtorch() throws IOException {
    String property = System.getProperty("deltaboost.launcher");
    Assumptions.assumeTrue(
        property != null,
        "deltaboost.launcher is not set: this test runs in the integration-test phase (mvn verify)");
    launcher = Path.of(property).toAbsolutePath().normalize();
    Path lib = launcher.getParent().resolve("harness/cli/target/lib");
    Path jar = null;
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "pytorch-native-cpu-*.jar")) {
      for (Path candidate : jars) {
        jar = candidate;
      }
    }
    assertTrue(jar != null, "no pytorch-native-cpu jar in " + lib);
    libtorch = shared.resolve("libtorch/lib");
    Files.createDirectories(libtorch);
    String prefix = "pytorch/cpu/linux-x86_64/";
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (entry.getName().startsWith(prefix) && !entry.isDirectory()) {
          try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, libtorch.resolve(entry.getName().substring(prefix.length())));
          }
        }
      }
    }
    assertTrue(Files.isRegularFile(libtorch.resolve("libtorch.so")), "no libtorch.so in " + jar);
    Files.writeString(shared.resolve("libtorch/build-version"), "2.7.1\n");
  }

  @Test
  void doctorNamesTheFolderAndTrainingGivesTheBundledNumbers() throws Exception {
    LauncherProcess doctor = launch(Map.of("DELTABOOST_LIBTORCH", libtorch.toString()), "doctor");
    assertEquals(0, doctor.exit(), doctor.transcript());
    assertTrue(
        doctor.out().contains("libtorch:    " + libtorch.toRealPath() + "\n"), doctor.transcript());
    assertTrue(doctor.out().contains("source:      folder"), doctor.transcript());
    assertTrue(
        doctor.out().contains("engine:      PyTorch 2.7.1, flavor cpu"), doctor.transcript());
    assertTrue(doctor.out().contains("device auto: cpu()"), doctor.transcript());

    List<JsonNode> external = train(Map.of("DELTABOOST_LIBTORCH", libtorch.toString()), "ext");
    List<JsonNode> bundled = train(Map.of(), "jar");
    assertEquals(2, bundled.size());
    for (int i = 0; i < bundled.size(); i++) {
      assertEquals(bundled.get(i).get("trainLoss"), external.get(i).get("trainLoss"));
      assertEquals(bundled.get(i).get("testError"), external.get(i).get("testError"));
    }
    JsonNode header = new ObjectMapper().readTree(dir.resolve("runs/ext/config.json").toFile());
    assertEquals("[\"cpu()\"]", header.get("devices").toString());
  }

  @Test
  void doctorOnTheBundledJar() throws Exception {
    LauncherProcess doctor = launch(Map.of(), "doctor");
    assertEquals(0, doctor.exit(), doctor.transcript());
    assertTrue(doctor.out().contains("source:      pytorch-native jar"), doctor.transcript());
    assertTrue(doctor.out().contains("gpus:        0\n"), doctor.transcript());
    assertTrue(doctor.out().contains("cpu cores:   "), doctor.transcript());
    assertTrue(doctor.out().contains("\n  fashion-mnist: "), doctor.transcript());
  }

  @Test
  void doctorExitsOneWhenTheEngineCannotLoad() throws Exception {
    Path broken = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(broken.resolve("libtorch.so"), "not a library");
    LauncherProcess doctor =
        launch(Map.of("DELTABOOST_JAVA_OPTS", "-DPYTORCH_LIBRARY_PATH=" + broken), "doctor");
    assertEquals(1, doctor.exit(), doctor.transcript());
    assertTrue(doctor.out().contains("engine:      cannot load: "), doctor.transcript());
    assertTrue(
        doctor.err().contains("deltaboost: error: the engine cannot load: "), doctor.transcript());
    assertTrue(doctor.out().contains("\n  fashion-mnist: "), doctor.transcript());
  }

  @Test
  void anotherVersionIsRefusedNamingBoth() throws Exception {
    Path other = Files.createDirectories(dir.resolve("torch/lib"));
    Files.writeString(other.resolve("libtorch.so"), "");
    Files.writeString(dir.resolve("torch/version.py"), "__version__ = '2.5.1+cu121'\n");
    LauncherProcess refused = launch(Map.of("DELTABOOST_LIBTORCH", other.toString()), "doctor");
    assertEquals(2, refused.exit(), refused.transcript());
    assertEquals(
        "deltaboost: DELTABOOST_LIBTORCH="
            + other
            + " holds libtorch 2.5.1; this build needs libtorch 2.7.1 (DJL 0.36)\n",
        refused.err());
    assertEquals("", refused.out());
  }

  @Test
  void emptyAndMissingFoldersAreRefused() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    LauncherProcess noLibrary = launch(Map.of("DELTABOOST_LIBTORCH", empty.toString()), "doctor");
    assertEquals(2, noLibrary.exit(), noLibrary.transcript());
    assertTrue(noLibrary.err().contains(": no libtorch.so in it"), noLibrary.transcript());
    assertEquals(1, noLibrary.err().lines().count(), noLibrary.transcript());

    Path missing = dir.resolve("missing");
    LauncherProcess noFolder = launch(Map.of("DELTABOOST_LIBTORCH", missing.toString()), "doctor");
    assertEquals(2, noFolder.exit(), noFolder.transcript());
    assertEquals(
        "deltaboost: DELTABOOST_LIBTORCH=" + missing + ": no such folder\n", noFolder.err());
  }

  /** Two epochs of exp-GB on 512 embedded samples; returns epochs.jsonl's lines. */
  private List<JsonNode> train(Map<String, String> env, String runId) throws Exception {
    LauncherProcess run =
        launch(
            env,
            "train",
            "--dataset",
            "fashion-mnist-embedded",
            "--epochs",
            "2",
            "--train-limit",
            "512",
            "--device",
            "cpu",
            "--runs-dir",
            dir.resolve("runs").toString(),
            "--run-id",
            runId,
            "--progress",
            "never");
    assertEquals(0, run.exit(), run.transcript());
    List<JsonNode> epochs = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line :
        Files.readAllLines(dir.resolve("runs").resolve(runId).resolve("epochs.jsonl"))) {
      epochs.add(json.readTree(line));
    }
    return epochs;
  }

  private LauncherProcess launch(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return LauncherProcess.run(launcher, dir, env, args);
  }
}
