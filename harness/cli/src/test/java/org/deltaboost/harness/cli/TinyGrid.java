package org.deltaboost.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small experiment on the embedded Fashion-MNIST subset for the executor tests, and its summary
 * as the executors must agree on it.
 *
 * @param experiment the experiment file
 * @param runs the runs folder its grids go in
 */
record TinyGrid(Path experiment, Path runs) {

  /**
   * Writes {@code <name>.json} in {@code dir}: {@code strategies} × {@code trials} seeds of an MLP,
   * with the given config fields (on the embedded Fashion-MNIST subset unless they name a dataset);
   * the target error is out of reach, so no summary field depends on wall time.
   */
  static TinyGrid write(Path dir, String name, String strategies, int trials, String config)
      throws IOException {
    Path experiment = dir.resolve(name + ".json");
    Files.writeString(
        experiment,
        """
        {"description": "executor test", "paper": "none", "trials": %d, "targetError": 0.001,
         "strategies": [%s],
         "config": {%s"model": "mlp", %s}}
        """
            .formatted(
                trials,
                strategies,
                config.contains("\"dataset\"") ? "" : "\"dataset\": \"fashion-mnist-embedded\", ",
                config));
    return new TinyGrid(experiment, dir.resolve("runs"));
  }

  /** {@code compare} of this experiment into grid {@code grid}, then {@code more} arguments. */
  String[] compare(String grid, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "compare",
                "--experiment",
                experiment.toString(),
                "--runs-dir",
                runs.toString(),
                "--grid",
                grid,
                "--progress",
                "never",
                "--no-report"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** The grid folder of {@code grid}. */
  Path folder(String grid) {
    return runs.resolve(grid);
  }

  /**
   * The per-strategy summaries of grid {@code grid}'s {@code summary.json}, without the seconds to
   * target (wall time; out of reach here anyway).
   */
  JsonNode summaries(String grid) throws IOException {
    JsonNode strategies =
        new ObjectMapper()
            .readTree(folder(grid).resolve("summary.json").toFile())
            .get("strategies");
    for (JsonNode s : strategies) {
      ((ObjectNode) s).remove("secondsToTarget");
    }
    return strategies;
  }
}
