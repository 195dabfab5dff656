package org.deltaboost.harness.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunNameTest {

  private final Path root = Path.of("/data/runs");

  @Test
  void aPlainNameResolvesUnderTheRoot() {
    assertEquals(root.resolve("exp-gb-s1"), RunName.resolve("--run-id", root, "exp-gb-s1"));
    assertEquals(root.resolve("a..b"), RunName.resolve("--run-id", root, "a..b"));
    assertEquals(Path.of("runs/x"), RunName.resolve("--grid", Path.of("runs"), "x"));
  }

  @Test
  void namesThatAreNotOneFolderAreRefusedNamingTheValue() {
    for (String bad :
        new String[] {
          "", ".", "..", "../x", "../../../x", "a/b", "a\\b", "/etc", "x\u0000y", "a\nb"
        }) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> RunName.resolve("--grid", root, bad), bad);
      assertTrue(e.getMessage().startsWith("--grid '"), e.getMessage());
      assertTrue(e.getMessage().contains("is not a folder name"), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
    IllegalArgumentException tooLong =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunName.check("--run-id", "x".repeat(RunName.MAX_LENGTH + 1)));
    assertTrue(
        tooLong.getMessage().contains("at most " + RunName.MAX_LENGTH), tooLong.getMessage());
  }
}
