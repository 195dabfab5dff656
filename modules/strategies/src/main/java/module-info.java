/** The paper's output strategies: delta rules, DJL losses and straight-through output blocks. */
module org.deltaboost.strategies {
  requires transitive ai.djl.api;

  exports org.deltaboost.strategies;
}
