package org.deltaboost.harness.grid;

import java.util.Objects;
import org.deltaboost.harness.train.config.TrainingConfig;

/**
 * One trial of a grid: its full config, the folder it records into inside the grid folder, and the
 * group whose summary it counts toward (a strategy label in compare, a configuration in tune).
 *
 * @param id the trial's folder name inside the grid folder, e.g. {@code softmax-ce-s2}
 * @param group the group it belongs to, e.g. {@code softmax-ce} or {@code c003}
 * @param name how progress lines name it, e.g. {@code softmax-ce s2}
 * @param config the trial's resolved config (the executor resumes it, so a rerun continues it)
 */
public record GridTrial(String id, String group, String name, TrainingConfig config) {

  /** Checks that every field is given. */
  public GridTrial {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
  }
}
