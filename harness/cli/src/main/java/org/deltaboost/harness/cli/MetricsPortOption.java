package org.deltaboost.harness.cli;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import org.deltaboost.harness.metrics.MetricsEndpoint;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --metrics-port} option of {@code train}, {@code compare} and {@code tune}: serve the
 * runs' meters for Prometheus at {@code /metrics} for as long as the command runs.
 */
final class MetricsPortOption {

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve the runs' metrics for Prometheus at http://HOST:PORT/metrics while the command runs (0 = any free port; the URL is printed).")
  Integer port;

  /** What a command serves: nothing, or a running endpoint. */
  static final class Server implements AutoCloseable {
    private final MetricsEndpoint endpoint;

    Server(MetricsEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    /** The registry runs add their meters to, or {@code null} when nothing is served. */
    MeterRegistry registry() {
      return endpoint == null ? null : endpoint.registry();
    }

    @Override
    public void close() {
      if (endpoint != null) {
        endpoint.close();
      }
    }
  }

  /**
   * Starts the endpoint when {@code --metrics-port} was given and prints its URL.
   *
   * @throws ParameterException (exit status 2) for a port outside [0, 65535] or one that cannot be
   *     listened on, naming the port and the reason
   */
  Server start(CommandSpec spec, PrintWriter out) {
    if (port == null) {
      return new Server(null);
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(),
          "--metrics-port must be in [0, 65535] (0 = any free port), got " + port);
    }
    MetricsEndpoint endpoint;
    try {
      endpoint = MetricsEndpoint.start(port);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(),
          String.format(
              Locale.ROOT,
              "--metrics-port %d: cannot listen there (%s); choose another port, or 0 for any free one",
              port,
              e.getMessage()),
          e);
    }
    out.println("metrics: " + endpoint.url());
    out.flush();
    return new Server(endpoint);
  }
}
