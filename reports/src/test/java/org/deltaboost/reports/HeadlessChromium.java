package org.deltaboost.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol (JSON messages on the page target's
 * WebSocket): {@link #load} opens a page, waits for its load event, and returns the console errors
 * (console.error/assert calls, uncaught exceptions, and browser log entries of level error such as
 * failed resource loads), every {@code <img>}'s natural width, where each {@code <h2>} was laid
 * out, the first table's header cells, and a PNG screenshot of the whole page. Every wait has a
 * timeout; {@link #close} kills the browser and its child processes.
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a loaded page showed. */
  record PageLoad(
      List<String> consoleErrors,
      Map<String, Integer> imageWidths,
      byte[] screenshotPng,
      Map<String, Integer> headingTops,
      List<String> firstTableHeaders) {}

  private final Process process;
  private final Path log;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = new ArrayList<>();
  private final CompletableFuture<Void> loaded = new CompletableFuture<>();
  private final AtomicInteger ids = new AtomicInteger();

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  HeadlessChromium(Path userDataDir) throws IOException, InterruptedException {
    log = userDataDir.resolveSibling(userDataDir.getFileName() + "-chromium.log");
    process =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1",
                "--window-size=1000,800",
                "--user-data-dir=" + userDataDir,
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    WebSocket connected = null;
    try {
      int port = debuggingPort(userDataDir.resolve("DevToolsActivePort"));
      HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
      String pageSocket = null;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (pageSocket == null) {
        JsonNode targets =
            JSON.readTree(
                http.send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/json/list"))
                            .timeout(TIMEOUT)
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
        for (JsonNode t : targets) {
          if (t.path("type").asText().equals("page")) {
            pageSocket = t.path("webSocketDebuggerUrl").asText();
          }
        }
        if (pageSocket == null) {
          waitOrFail(deadline, "no page target in /json/list");
        }
      }
      connected =
          http.newWebSocketBuilder()
              .connectTimeout(TIMEOUT)
              .buildAsync(URI.create(pageSocket), new Listener())
              .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (IOException
        | InterruptedException
        | RuntimeException
        | ExecutionException
        | TimeoutException e) {
      kill();
      throw new IOException("cannot start or reach " + BINARY + " (log " + log + "): " + e, e);
    }
    socket = connected;
  }

  /** Chromium writes the chosen port to the first line of {@code DevToolsActivePort}. */
  private int debuggingPort(Path file) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      if (Files.exists(file)) {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() >= 2) {
          return Integer.parseInt(lines.get(0).trim());
        }
      }
      if (!process.isAlive()) {
        throw new IOException(
            "chromium exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      waitOrFail(deadline, "chromium wrote no " + file);
    }
  }

  private static void waitOrFail(long deadline, String what)
      throws IOException, InterruptedException {
    if (System.nanoTime() > deadline) {
      throw new IOException(what + " within " + TIMEOUT.toSeconds() + " s");
    }
    Thread.sleep(100);
  }

  /** Opens {@code page} and reports what it showed once loaded. */
  PageLoad load(Path page) throws IOException, InterruptedException {
    send("Runtime.enable", JSON.createObjectNode());
    send("Log.enable", JSON.createObjectNode());
    send("Page.enable", JSON.createObjectNode());
    send("Page.navigate", JSON.createObjectNode().put("url", page.toUri().toString()));
    try {
      loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(
          "page " + page + " fired no load event within " + TIMEOUT.toSeconds() + " s", e);
    }
    JsonNode images =
        JSON.readTree(
            send(
                    "Runtime.evaluate",
                    JSON.createObjectNode()
                        .put("returnByValue", true)
                        .put(
                            "expression",
                            "JSON.stringify(Array.from(document.images).map(i => [i.getAttribute('src'),"
                                + " i.complete ? i.naturalWidth : -1]))"))
                .path("result")
                .path("value")
                .asText());
    Map<String, Integer> widths = new java.util.LinkedHashMap<>();
    images.forEach(i -> widths.put(i.get(0).asText(), i.get(1).asInt()));
    Map<String, Integer> headingTops = new java.util.LinkedHashMap<>();
    evaluate(
            "Array.from(document.querySelectorAll('h2')).map(h => [h.textContent,"
                + " Math.round(h.getBoundingClientRect().top + window.scrollY)])")
        .forEach(h -> headingTops.put(h.get(0).asText(), h.get(1).asInt()));
    List<String> firstTableHeaders = new ArrayList<>();
    evaluate(
            "Array.from(document.querySelector('table') ? document.querySelector('table').rows[0].cells"
                + " : []).map(c => c.textContent)")
        .forEach(c -> firstTableHeaders.add(c.asText()));
    JsonNode size = send("Page.getLayoutMetrics", JSON.createObjectNode()).path("cssContentSize");
    ObjectNode clip =
        JSON.createObjectNode()
            .put("x", 0)
            .put("y", 0)
            .put("scale", 1)
            .put("width", size.path("width").asDouble(1000))
            .put("height", Math.min(16000, size.path("height").asDouble(800)));
    ObjectNode shot =
        JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    shot.set("clip", clip);
    byte[] png =
        Base64.getDecoder().decode(send("Page.captureScreenshot", shot).path("data").asText());
    List<String> errors = new ArrayList<>();
    synchronized (events) {
      for (JsonNode e : events) {
        JsonNode p = e.path("params");
        switch (e.path("method").asText()) {
          case "Runtime.consoleAPICalled" -> {
            String type = p.path("type").asText();
            if (type.equals("error") || type.equals("assert")) {
              errors.add("console." + type + ": " + p.path("args"));
            }
          }
          case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
          case "Log.entryAdded" -> {
            if (p.path("entry").path("level").asText().equals("error")) {
              errors.add(
                  "log: "
                      + p.path("entry").path("text").asText()
                      + " "
                      + p.path("entry").path("url").asText());
            }
          }
          default -> {}
        }
      }
    }
    return new PageLoad(errors, widths, png, headingTops, firstTableHeaders);
  }

  /** The JSON value of a page expression, evaluated in the page. */
  private JsonNode evaluate(String expression) throws IOException, InterruptedException {
    return JSON.readTree(
        send(
                "Runtime.evaluate",
                JSON.createObjectNode()
                    .put("returnByValue", true)
                    .put("expression", "JSON.stringify(" + expression + ")"))
            .path("result")
            .path("value")
            .asText());
  }

  private JsonNode send(String method, ObjectNode params) throws IOException, InterruptedException {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    try {
      socket.sendText(message.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (answer.has("error")) {
        throw new IOException(method + " failed: " + answer.get("error"));
      }
      return answer.path("result");
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(
          method + " got no answer within " + TIMEOUT.toSeconds() + " s: " + e, e);
    }
  }

  /** Collects a message's text frames, then routes replies by id and keeps events. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = JSON.readTree(partial.toString());
          if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
            if (reply != null) {
              reply.complete(message);
            }
          } else {
            if (message.path("method").asText().equals("Page.loadEventFired")) {
              loaded.complete(null);
            }
            synchronized (events) {
              events.add(message);
            }
          }
        } catch (IOException e) {
          loaded.completeExceptionally(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    kill();
  }
}
