package org.deltaboost.harness.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP GET of a metrics URL, for tests (java.base's HttpURLConnection: the harness module does
 * not read java.net.http).
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header
 * @param body the body as UTF-8 text
 */
public record Scrape(int status, String contentType, String body) {

  /** GETs {@code url}; an unreachable server throws. */
  public static Scrape get(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(5000);
    try {
      int status = connection.getResponseCode();
      try (InputStream in =
          status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Scrape(status, connection.getContentType(), body);
      }
    } finally {
      connection.disconnect();
    }
  }
}
