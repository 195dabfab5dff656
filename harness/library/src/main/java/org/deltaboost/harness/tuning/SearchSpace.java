package org.deltaboost.harness.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values a search may give each tuned field of one strategy: the learning rate and, for the
 * boosted strategies, α, β and the two targets. A field without values is not searched (the base
 * config's value stays). Combinations that the strategy refuses (e.g. a negative target not below
 * the positive one) are left out of the space.
 *
 * <p>In a search-space file, each strategy id maps to an object whose fields are {@code
 * learningRate alpha beta negativeTarget positiveTarget}; each is a JSON array of values, or a log
 * grid {@code {"from": a, "to": b, "perDecade": k}} = the values {@code 10^(i/k)} in {@code [a, b]}
 * (integer {@code i}, rounded to 3 significant digits), both ends included when they lie on it. The
 * shipped spaces are in {@code search-spaces.json} next to this class.
 *
 * @param strategy the strategy id
 * @param learningRates learning rates; at least one
 * @param alphas values of α, empty when not searched
 * @param betas values of β, empty when not searched
 * @param negativeTargets values of the negative target, empty when not searched
 * @param positiveTargets values of the positive target, empty when not searched
 */
public record SearchSpace(
    String strategy,
    List<Double> learningRates,
    List<Double> alphas,
    List<Double> betas,
    List<Double> negativeTargets,
    List<Double> positiveTargets) {

  private static final Set<String> FIELDS =
      Set.of("learningRate", "alpha", "beta", "negativeTarget", "positiveTarget");

  /** The largest space enumerated; larger ones are refused. */
  static final int MAX_CONFIGURATIONS = 100_000;

  /** Copies the lists and checks that the learning rates are given and positive. */
  public SearchSpace {
    learningRates = List.copyOf(learningRates);
    alphas = List.copyOf(alphas);
    betas = List.copyOf(betas);
    negativeTargets = List.copyOf(negativeTargets);
    positiveTargets = List.copyOf(positiveTargets);
    if (learningRates.isEmpty()) {
      throw new IllegalArgumentException(
          "search space of " + strategy + ": learningRate has no values");
    }
    for (double lr : learningRates) {
      if (!(lr > 0 && Double.isFinite(lr))) {
        throw new IllegalArgumentException(
            "search space of "
                + strategy
                + ": learningRate values must be finite and > 0, got "
                + lr);
      }
    }
  }

  /** Whether the space searches any strategy parameter (α, β or a target). */
  public boolean searchesStrategyParameters() {
    return !(alphas.isEmpty()
        && betas.isEmpty()
        && negativeTargets.isEmpty()
        && positiveTargets.isEmpty());
  }

  /**
   * Every valid combination, in grid order (learning rate slowest, then α, β, negative and positive
   * target); unsearched fields are {@code null}.
   */
  public List<TunedParameters> enumerate() {
    long size =
        (long) learningRates.size()
            * orOne(alphas)
            * orOne(betas)
            * orOne(negativeTargets)
            * orOne(positiveTargets);
    if (size > MAX_CONFIGURATIONS) {
      throw new IllegalArgumentException(
          "search space of "
              + strategy
              + " has "
              + size
              + " combinations, more than "
              + MAX_CONFIGURATIONS
              + "; give fewer values");
    }
    List<TunedParameters> all = new ArrayList<>();
    for (double lr : learningRates) {
      for (Double a : orNull(alphas)) {
        for (Double b : orNull(betas)) {
          for (Double neg : orNull(negativeTargets)) {
            for (Double pos : orNull(positiveTargets)) {
              TunedParameters p = new TunedParameters(lr, a, b, neg, pos);
              try {
                p.validate(strategy);
                all.add(p);
              } catch (IllegalArgumentException refused) {
                // e.g. negativeTarget >= positiveTarget: not a point of the space
              }
            }
          }
        }
      }
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException(
          "search space of " + strategy + " holds no valid combination");
    }
    return all;
  }

  /** This space as the object a search-space file holds for its strategy. */
  public ObjectNode toJson() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode node = json.createObjectNode();
    node.set("learningRate", json.valueToTree(learningRates));
    Map<String, List<Double>> others = new LinkedHashMap<>();
    others.put("alpha", alphas);
    others.put("beta", betas);
    others.put("negativeTarget", negativeTargets);
    others.put("positiveTarget", positiveTargets);
    for (Map.Entry<String, List<Double>> e : others.entrySet()) {
      if (!e.getValue().isEmpty()) {
        node.set(e.getKey(), json.valueToTree(e.getValue()));
      }
    }
    return node;
  }

  /** Returns the shipped space of a strategy. */
  public static SearchSpace shipped(String strategy) {
    try (InputStream in = SearchSpace.class.getResourceAsStream("search-spaces.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "resource search-spaces.json is missing from the harness jar");
      }
      return fromFile(new ObjectMapper().readTree(in), strategy, "shipped search-spaces.json");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the shipped search-spaces.json", e);
    }
  }

  /** Reads a strategy's space from a search-space file. */
  public static SearchSpace read(Path file, String strategy) throws IOException {
    String origin = "search-space file " + file;
    return fromFile(
        org.deltaboost.harness.train.config.StrictJson.readFile(file, origin), strategy, origin);
  }

  private static SearchSpace fromFile(JsonNode root, String strategy, String origin) {
    if (!(root instanceof ObjectNode)) {
      throw new IllegalArgumentException(origin + " must hold a JSON object of strategy ids");
    }
    JsonNode node = root.get(strategy);
    if (node == null) {
      List<String> known = new ArrayList<>();
      root.fieldNames().forEachRemaining(known::add);
      throw new IllegalArgumentException(
          origin + " has no space for strategy '" + strategy + "'; it has " + known);
    }
    return parse(node, strategy, origin + ", strategy " + strategy);
  }

  /**
   * Parses one strategy's object of a search-space file; errors name {@code origin} and the field.
   */
  static SearchSpace parse(JsonNode node, String strategy, String origin) {
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException(origin + " must be a JSON object");
    }
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            origin + ": unknown field '" + name + "'; fields: " + FIELDS);
      }
    }
    if (!object.has("learningRate")) {
      throw new IllegalArgumentException(origin + ": learningRate is missing");
    }
    return new SearchSpace(
        strategy,
        values(object.get("learningRate"), origin + ", learningRate"),
        values(object.get("alpha"), origin + ", alpha"),
        values(object.get("beta"), origin + ", beta"),
        values(object.get("negativeTarget"), origin + ", negativeTarget"),
        values(object.get("positiveTarget"), origin + ", positiveTarget"));
  }

  private static List<Double> values(JsonNode node, String origin) {
    List<Double> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (node instanceof ArrayNode array) {
      for (JsonNode v : array) {
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
          throw new IllegalArgumentException(origin + ": values must be finite numbers, got " + v);
        }
        if (!values.contains(v.asDouble())) {
          values.add(v.asDouble());
        }
      }
      return values;
    }
    if (node instanceof ObjectNode grid) {
      return logGrid(grid, origin);
    }
    throw new IllegalArgumentException(
        origin + " must be an array of numbers or {\"from\", \"to\", \"perDecade\"}, got " + node);
  }

  /** The log grid {@code 10^(i/k)} within {@code [from, to]}, rounded to 3 significant digits. */
  static List<Double> logGrid(ObjectNode grid, String origin) {
    for (String field : List.of("from", "to", "perDecade")) {
      if (!grid.path(field).isNumber()) {
        throw new IllegalArgumentException(origin + ": log grid needs a number '" + field + "'");
      }
    }
    double from = grid.get("from").asDouble();
    double to = grid.get("to").asDouble();
    int perDecade = grid.get("perDecade").asInt();
    if (!(from > 0 && to >= from && Double.isFinite(to) && perDecade >= 1 && perDecade <= 100)) {
      throw new IllegalArgumentException(
          origin + ": log grid needs 0 < from <= to and 1 <= perDecade <= 100, got " + grid);
    }
    List<Double> values = new ArrayList<>();
    long first = (long) Math.ceil(Math.log10(from) * perDecade - 1e-9);
    long last = (long) Math.floor(Math.log10(to) * perDecade + 1e-9);
    for (long i = first; i <= last; i++) {
      values.add(
          new BigDecimal(Math.pow(10, (double) i / perDecade))
              .round(new MathContext(3))
              .doubleValue());
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException(origin + ": log grid " + grid + " holds no value");
    }
    return values;
  }

  private static int orOne(List<Double> values) {
    return values.isEmpty() ? 1 : values.size();
  }

  private static List<Double> orNull(List<Double> values) {
    if (values.isEmpty()) {
      List<Double> single = new ArrayList<>();
      single.add(null);
      return single;
    }
    return values;
  }
}
