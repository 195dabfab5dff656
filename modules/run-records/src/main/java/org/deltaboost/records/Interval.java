package org.deltaboost.records;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * A median over seeds with its 95% percentile-bootstrap interval, as a {@code summary.json}
 * strategy entry stores it: {@code {"median": …, "low": …, "high": …}}. A value is {@code +∞} when
 * the median or bound is a trial that never reached the target (time-to-accuracy); the file holds
 * {@code null} for it.
 *
 * @param median the median over the completed trials
 * @param low the lower end of the interval
 * @param high the upper end of the interval
 */
@JsonSerialize(using = Interval.Json.class)
public record Interval(double median, double low, double high) {

  /**
   * The interval for people, {@code median [low, high]}: each value times {@code scale} in {@code
   * format} (e.g. {@code 100} and {@code "%.2f"} for an error in percent), an infinite one (a
   * target never reached) as {@code infinite}.
   */
  public String text(double scale, String format, String infinite) {
    return text(median, scale, format, infinite)
        + " ["
        + text(low, scale, format, infinite)
        + ", "
        + text(high, scale, format, infinite)
        + "]";
  }

  private static String text(double value, double scale, String format, String infinite) {
    return Double.isInfinite(value)
        ? infinite
        : String.format(java.util.Locale.ROOT, format, value * scale);
  }

  /** True when the median is a finite value (some trial reached the target, or not a target). */
  public boolean present() {
    return Double.isFinite(median);
  }

  /** Writes {@code +∞} (never reached) as {@code null}, for {@link Interval}s in any mapper. */
  static final class Json extends StdSerializer<Interval> {
    private static final long serialVersionUID = 1L;

    Json() {
      super(Interval.class);
    }

    @Override
    public void serialize(Interval interval, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeStartObject();
      write(out, "median", interval.median());
      write(out, "low", interval.low());
      write(out, "high", interval.high());
      out.writeEndObject();
    }

    private static void write(JsonGenerator out, String field, double value) throws IOException {
      if (Double.isInfinite(value)) {
        out.writeNullField(field);
      } else {
        out.writeNumberField(field, value);
      }
    }
  }
}
