package org.deltaboost.harness.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmBatchScriptTest {

  @Test
  void theScriptRunsTheTaskIdsTrialWithTheUsersOptionsAndQuotedPaths() {
    String text =
        new SlurmBatchScript(
                List.of("/opt/it's here/deltaboost"),
                "/shared/runs/grid a",
                List.of("--partition=gpu", "--gres=gpu:1"))
            .text();
    assertTrue(text.startsWith("#!/bin/bash\n"), text);
    assertTrue(text.contains("#SBATCH --partition=gpu\n#SBATCH --gres=gpu:1\n"), text);
    assertTrue(text.contains("#SBATCH --requeue\n"), text);
    assertTrue(
        text.contains(
            "'/opt/it'\\''s here/deltaboost' trial --grid '/shared/runs/grid a'"
                + " --index \"$SLURM_ARRAY_TASK_ID\""),
        text);
    assertTrue(text.endsWith("exit $status\n"), text);
  }

  @Test
  void anOptionThatIsNotOneDashedWordIsRefused() {
    for (String bad : List.of("partition=gpu", "--time=1\n#SBATCH --x", "--mem 4G", "")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new SlurmBatchScript(List.of("deltaboost"), "/g", List.of(bad)));
      assertTrue(e.getMessage().contains("one word starting with '-'"), e.getMessage());
    }
  }

  @Test
  void theArrayJoinsConsecutiveIndexesIntoRanges() {
    assertEquals("0-2,5,7-8", SlurmExecutor.arraySpec(List.of(8, 0, 1, 2, 5, 7)));
    assertEquals("4", SlurmExecutor.arraySpec(List.of(4)));
  }
}
