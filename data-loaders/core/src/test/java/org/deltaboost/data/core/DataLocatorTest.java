package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocatorTest {
  @TempDir Path tmp;

  private static final Predicate<Path> HAS_MARKER =
      dir -> Files.isRegularFile(dir.resolve("marker"));

  private Path dataset(Path parent, String name) throws IOException {
    Path dir = Files.createDirectories(parent.resolve(name));
    Files.writeString(dir.resolve("marker"), "x");
    return dir;
  }

  @Test
  void standardOrderIsEnvironmentThenHomeThenSystem() {
    Path env = tmp.resolve("env");
    Path home = tmp.resolve("home");
    Path system = tmp.resolve("system");
    DataLocator locator =
        DataLocator.standard(
            Map.of(DataLocator.ENVIRONMENT_VARIABLE, env.toString()), home, system);
    assertEquals(
        List.of(
            env.resolve("mnist"),
            home.resolve(".deltaboost/datasets/mnist"),
            system.resolve("mnist")),
        locator.candidates("mnist"));
  }

  @Test
  void anUnsetOrBlankEnvironmentVariableIsSkipped() {
    Path home = tmp.resolve("home");
    Path system = tmp.resolve("system");
    List<Path> expected =
        List.of(home.resolve(".deltaboost/datasets/mnist"), system.resolve("mnist"));
    assertEquals(expected, DataLocator.standard(Map.of(), home, system).candidates("mnist"));
    assertEquals(
        expected,
        DataLocator.standard(Map.of(DataLocator.ENVIRONMENT_VARIABLE, " "), home, system)
            .candidates("mnist"));
  }

  @Test
  void theFirstCompletePlaceWins() throws IOException {
    Path env = tmp.resolve("env");
    Path home = tmp.resolve("home");
    Path system = tmp.resolve("system");
    Files.createDirectories(env.resolve("mnist")); // exists but lacks the files
    Path inHome = dataset(home.resolve(".deltaboost/datasets"), "mnist");
    dataset(system, "mnist");
    DataLocator locator =
        DataLocator.standard(
            Map.of(DataLocator.ENVIRONMENT_VARIABLE, env.toString()), home, system);
    assertEquals(Optional.of(inHome), locator.locate("mnist", HAS_MARKER));
    assertEquals(Optional.of(env.resolve("mnist")), locator.locate("mnist"));
  }

  @Test
  void aDataDirMayBeTheParentOrTheDatasetFolderItself() throws IOException {
    Path parent = tmp.resolve("data");
    Path dir = dataset(parent, "fashion-mnist");
    assertEquals(
        Optional.of(dir), DataLocator.ofDataDir(parent).locate("fashion-mnist", HAS_MARKER));
    assertEquals(Optional.of(dir), DataLocator.ofDataDir(dir).locate("fashion-mnist", HAS_MARKER));
  }

  @Test
  void aDataDirIsTheOnlyPlaceLookedAt() throws IOException {
    Path elsewhere = tmp.resolve("elsewhere");
    assertEquals(
        List.of(elsewhere.resolve("mnist"), elsewhere),
        DataLocator.ofDataDir(elsewhere).candidates("mnist"));
    assertEquals(Optional.empty(), DataLocator.ofDataDir(elsewhere).locate("mnist", HAS_MARKER));
  }

  @Test
  void theCommandLinesDataDirComesFirstThenTheStandardPlaces() {
    Path elsewhere = tmp.resolve("elsewhere");
    List<Path> candidates = DataLocator.forDataDir(elsewhere).candidates("x");
    assertEquals(List.of(elsewhere.resolve("x"), elsewhere), candidates.subList(0, 2));
    assertEquals(DataLocator.standard().candidates("x"), candidates.subList(2, candidates.size()));
    assertEquals(
        DataLocator.standard().candidates("x"), DataLocator.forDataDir(null).candidates("x"));
  }

  @Test
  void requireListsThePlacesSearched() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Files.createDirectories(b.resolve("mnist"));
    DataLocator locator = DataLocator.ofRoots(List.of(a, b));
    DatasetFormatException e =
        assertThrows(
            DatasetFormatException.class,
            () -> locator.require("mnist", HAS_MARKER::test, "marker"));
    String message = e.getMessage();
    assertTrue(
        message.startsWith("dataset 'mnist' not found: expected a folder holding marker;"),
        message);
    assertTrue(message.contains(a.resolve("mnist") + " (no such folder)"), message);
    assertTrue(message.contains(b.resolve("mnist") + " (exists, files missing)"), message);
    assertTrue(message.contains(DataLocator.ENVIRONMENT_VARIABLE), message);
  }

  @Test
  void requireStopsAtAPlaceItsCheckFindsDamaged() throws IOException {
    Path first = Files.createDirectories(tmp.resolve("first/mnist"));
    Files.createDirectory(first.resolve("marker")); // the file's name, held by a folder
    dataset(tmp.resolve("second"), "mnist");
    DataLocator locator = DataLocator.ofRoots(List.of(tmp.resolve("first"), tmp.resolve("second")));
    DatasetFormatException e =
        assertThrows(
            DatasetFormatException.class,
            () ->
                locator.require(
                    "mnist", dir -> DatasetFile.find(dir, "marker").isPresent(), "marker"));
    assertEquals(
        first.resolve("marker") + ": dataset file: expected a readable file, found a folder",
        e.getMessage());
  }

  @Test
  void requireReturnsTheFolderFound() throws IOException {
    Path dir = dataset(tmp, "mnist");
    assertEquals(
        dir, DataLocator.ofRoots(List.of(tmp)).require("mnist", HAS_MARKER::test, "marker"));
  }

  @Test
  void rejectsNamesThatAreNotSimpleFolderNames() {
    DataLocator locator = DataLocator.ofRoots(List.of(tmp));
    for (String bad : new String[] {"", "..", "a/b", "/abs", " x"}) {
      assertThrows(IllegalArgumentException.class, () -> locator.candidates(bad), bad);
    }
  }
}
