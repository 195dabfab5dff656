package org.deltaboost.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DatasetsCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = DeltaboostCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void listsEveryDatasetOfThePaperWithHowToGetTheMissingOnes(@TempDir Path empty) {
    assertEquals(0, run("datasets", "--data-dir", empty.toString()), err.toString());
    String text = out.toString();
    for (String name :
        new String[] {
          "fashion-mnist", "mnist", "cifar-10", "cifar-100", "imagenet", "voc2012", "sbd"
        }) {
      assertTrue(text.contains(name), name + " missing from:\n" + text);
    }
    // CIFAR-10 is nowhere here: the report must say how to get it, naming the official archive.
    assertTrue(text.contains("cifar-10-binary.tar.gz"), text);
    assertTrue(text.contains(empty.toString()), "the places searched are listed:\n" + text);
  }

  @Test
  void imageNetIsNeverDownloadedItsStepsArePrinted(@TempDir Path empty) {
    assertEquals(1, run("datasets", "--download", "imagenet", "--data-dir", empty.toString()));
    String text = out.toString();
    assertTrue(text.startsWith("imagenet: not downloaded by deltaboost"), text);
    assertTrue(text.contains("image-net.org"), text);
    assertTrue(text.contains("  1. "), text);
  }

  @Test
  void aFailedDownloadIsAnErrorNamingTheAddressAndLeavesNothing(@TempDir Path dir)
      throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String mirror = "http://127.0.0.1:" + closedPort + "/cifar";
    assertEquals(
        1,
        run(
            "datasets",
            "--download",
            "cifar-10",
            "--data-dir",
            dir.toString(),
            "--mirror",
            mirror));
    assertTrue(
        out.toString()
            .startsWith(
                "cifar-10: downloading "
                    + mirror
                    + "/cifar-10-binary.tar.gz into "
                    + dir.resolve("cifar-10")),
        out.toString());
    assertTrue(
        err.toString()
            .startsWith("deltaboost: error: " + mirror + "/cifar-10-binary.tar.gz: cannot connect"),
        err.toString());
    try (Stream<Path> left = Files.list(dir.resolve("cifar-10"))) {
      assertEquals(0, left.count(), "no partial file left");
    }
  }

  @Test
  void mirrorWithoutDownloadIsAUsageError() {
    assertEquals(2, run("datasets", "--mirror", "http://127.0.0.1:1/"));
    assertTrue(err.toString().contains("--mirror is only used with --download"), err.toString());
  }

  @Test
  void unknownDatasetIsAUsageError() {
    assertEquals(2, run("datasets", "cifar-11"));
    assertTrue(err.toString().contains("unknown dataset 'cifar-11'"), err.toString());
  }
}
