package org.deltaboost.harness.runs;

import ai.djl.engine.Engine;
import java.time.Instant;

/**
 * Where and with what a run was produced, so its numbers can be rebuilt.
 *
 * @param deltaboostVersion version of the harness module
 * @param djlVersion DJL API version
 * @param engine engine name and version, e.g. {@code PyTorch 2.7.1}
 * @param javaVersion the running JVM
 * @param os operating system and architecture
 * @param cores processors available to the JVM
 * @param dataSource where the data was read from
 * @param startedAt when the run started (UTC)
 */
public record Provenance(
    String deltaboostVersion,
    String djlVersion,
    String engine,
    String javaVersion,
    String os,
    int cores,
    String dataSource,
    String startedAt) {

  /** Describes the current process. */
  public static Provenance current(String dataSource) {
    Engine engine = Engine.getInstance();
    String version = Provenance.class.getModule().getDescriptor() != null
        ? Provenance.class.getModule().getDescriptor().rawVersion().orElse("dev")
        : "dev";
    return new Provenance(
        version,
        Engine.getDjlVersion(),
        engine.getEngineName() + " " + engine.getVersion(),
        Runtime.version().toString(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(),
        dataSource,
        Instant.now().toString());
  }
}
