package org.deltaboost.harness.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
  @TempDir Path tmp;

  @Test
  void commitIsHeadAndDirtyWhenTheCheckoutHasChanges() throws IOException, InterruptedException {
    assumeTrue(git(tmp, "init", "-q") == 0, "git is not installed");
    Files.writeString(tmp.resolve("a.txt"), "a");
    git(tmp, "add", "a.txt");
    assertEquals(
        0, git(tmp, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one"));
    Path head = tmp.resolve("head");
    new ProcessBuilder("git", "-C", tmp.toString(), "rev-parse", "HEAD")
        .redirectOutput(head.toFile())
        .start()
        .waitFor(10, TimeUnit.SECONDS);
    String commit = Files.readString(head).strip();
    Files.delete(head);
    assertEquals(commit, Provenance.commitOf(tmp));
    Files.writeString(tmp.resolve("a.txt"), "changed");
    assertEquals(commit + "-dirty", Provenance.commitOf(tmp));
  }

  @Test
  void commitIsNullOutsideACheckout() {
    assertNull(Provenance.commitOf(tmp.resolve("no-such-folder")));
  }

  private static int git(Path dir, String... arguments) throws InterruptedException {
    try {
      List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
      command.addAll(List.of(arguments));
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
