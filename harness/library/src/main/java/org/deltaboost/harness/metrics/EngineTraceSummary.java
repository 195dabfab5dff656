package org.deltaboost.harness.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the time of traced training steps went, read from the engine's trace (Chrome trace format,
 * as libtorch's profiler writes it): of the thread with the most engine operators (the training
 * thread; libtorch runs a CPU backward pass on the calling thread), the top-level operators, those
 * not inside another. Engine operators are the events named {@code aten::…} or {@code autograd::…};
 * other ranges (a PyTorch user's {@code record_function}, {@code Optimizer.step#SGD.step}) are
 * skipped and their operators count on their own, so traces of PyTorch and of deltaboost compare.
 * Per step:
 *
 * <pre>  span = end of the last operator − start of the first
 *  in operators = Σ top-level operator durations
 *  between operators = span − in operators</pre>
 *
 * <p>The time between operators is what the JVM side adds: Java code, JNI calls that are not engine
 * operators (creating arrays from buffers, freeing them), and scheduling.
 *
 * @param steps the traced steps the totals are divided by
 * @param spanMillis milliseconds per step from the first operator's start to the last one's end
 * @param operatorMillis milliseconds per step inside top-level operators
 * @param operatorsPerStep top-level operators per step
 * @param top the operators that took the most time, per step, longest first
 */
public record EngineTraceSummary(
    int steps,
    double spanMillis,
    double operatorMillis,
    double operatorsPerStep,
    List<OperatorTime> top) {

  /** How many operators {@link #top} lists. */
  public static final int TOP = 6;

  /**
   * One operator name's share of a step.
   *
   * @param name the engine's operator name ({@code autograd::engine::evaluate_function: } shortened
   *     to {@code backward: })
   * @param millisPerStep milliseconds per step in calls of it
   * @param callsPerStep calls per step
   */
  public record OperatorTime(String name, double millisPerStep, double callsPerStep) {}

  /** Returns milliseconds per step between operators. */
  public double betweenMillis() {
    return spanMillis - operatorMillis;
  }

  /**
   * Reads a trace file: a JSON array of events, or an object whose {@code traceEvents} is one;
   * complete events ({@code "ph": "X"}) with {@code ts} and {@code dur} in microseconds count.
   *
   * @param trace the file
   * @param steps how many steps it covers, {@code >= 1}
   * @throws IOException when the file cannot be read or holds no operator
   */
  public static EngineTraceSummary read(Path trace, int steps) throws IOException {
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    JsonNode root = new ObjectMapper().readTree(trace.toFile());
    JsonNode events = root != null && root.isObject() ? root.path("traceEvents") : root;
    if (events == null || !events.isArray()) {
      throw new IOException(
          trace + ": not a Chrome trace (neither an event array nor traceEvents)");
    }
    List<Event> complete = new ArrayList<>();
    Map<String, Integer> perThread = new HashMap<>();
    for (JsonNode e : events) {
      String name = e.path("name").asText();
      if (!"X".equals(e.path("ph").asText())
          || !e.path("ts").isNumber()
          || !e.path("dur").isNumber()
          || !(name.startsWith("aten::") || name.startsWith("autograd::"))) {
        continue;
      }
      String thread = e.path("tid").asText();
      complete.add(new Event(name, thread, e.path("ts").asDouble(), e.path("dur").asDouble()));
      perThread.merge(thread, 1, Integer::sum);
    }
    if (complete.isEmpty()) {
      throw new IOException(trace + ": the trace holds no engine operator");
    }
    String training =
        perThread.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    List<Event> own = new ArrayList<>();
    for (Event e : complete) {
      if (e.thread().equals(training)) {
        own.add(e);
      }
    }
    own.sort(
        Comparator.comparingDouble(Event::start)
            .thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
    double end = Double.NEGATIVE_INFINITY;
    double first = own.get(0).start();
    double last = first;
    double inOperators = 0;
    int count = 0;
    Map<String, double[]> byName = new LinkedHashMap<>();
    for (Event e : own) {
      if (e.start() < end) {
        continue; // inside the operator before
      }
      end = e.start() + e.duration();
      last = Math.max(last, end);
      inOperators += e.duration();
      count++;
      double[] total = byName.computeIfAbsent(shortName(e.name()), k -> new double[2]);
      total[0] += e.duration();
      total[1]++;
    }
    List<OperatorTime> top = new ArrayList<>();
    byName.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
        .limit(TOP)
        .forEach(
            en ->
                top.add(
                    new OperatorTime(
                        en.getKey(), en.getValue()[0] / 1000.0 / steps, en.getValue()[1] / steps)));
    return new EngineTraceSummary(
        steps,
        (last - first) / 1000.0 / steps,
        inOperators / 1000.0 / steps,
        (double) count / steps,
        List.copyOf(top));
  }

  /** One line: per step the span, the time in and between operators, and the top operators. */
  public String describe() {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%.3f ms per step: %.3f ms in %.0f engine operators, %.3f ms between them (%.0f%%); longest:",
                spanMillis,
                operatorMillis,
                operatorsPerStep,
                betweenMillis(),
                spanMillis > 0 ? 100 * betweenMillis() / spanMillis : 0));
    for (OperatorTime op : top) {
      line.append(String.format(Locale.ROOT, " %s %.3f ms", op.name(), op.millisPerStep()));
      if (op.callsPerStep() != 1) {
        double calls = op.callsPerStep();
        line.append(
            calls == Math.rint(calls)
                ? String.format(Locale.ROOT, " (%d calls)", (long) calls)
                : String.format(Locale.ROOT, " (%.2f calls)", calls));
      }
      line.append(',');
    }
    line.setLength(line.length() - 1);
    return line.toString();
  }

  private static String shortName(String name) {
    String prefix = "autograd::engine::evaluate_function: ";
    return name.startsWith(prefix) ? "backward: " + name.substring(prefix.length()) : name;
  }

  private record Event(String name, String thread, double start, double duration) {}
}
