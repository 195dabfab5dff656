package org.deltaboost.data.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Downloads an {@link OfficialDownload} into a folder, keeping it only when it matches the
 * published checksums.
 *
 * <p>Contract of {@link #download}: the file is fetched with {@code GET} (redirects followed,
 * except from {@code https} to {@code http}) into a temporary file {@code .<name>.<random>.part} in
 * the target folder; the body must arrive with status 200; the temporary file is then checked with
 * {@link OfficialFile#verify(Path)} (size when published, every published digest) and only a
 * verified file is renamed to {@code <folder>/<name>}, replacing what was there. On any failure (no
 * connection, no response within the connect timeout, no data for the idle timeout, a status other
 * than 200, a mismatch) the temporary file is deleted and nothing else is touched. A file already
 * at {@code <folder>/<name>} that verifies is kept and not fetched again.
 *
 * <p>Progress, for files over {@value #QUIET_BYTES} bytes: a line per 5 % when the size is known
 * (from {@code Content-Length} or the published size), else per {@value #PROGRESS_STEP_BYTES}
 * bytes.
 */
public final class OfficialFileDownloader {
  /** Files up to this size report no progress. */
  public static final long QUIET_BYTES = 1L << 20;

  /** Progress step when the size is unknown. */
  public static final long PROGRESS_STEP_BYTES = 16L << 20;

  private static final int BUFFER_SIZE = 1 << 16;

  private final Duration connectTimeout;
  private final Duration idleTimeout;
  private final HttpClient client;

  /**
   * @param connectTimeout how long to wait for a connection and for the response headers
   * @param idleTimeout how long the body may send nothing before the download is abandoned
   */
  public OfficialFileDownloader(Duration connectTimeout, Duration idleTimeout) {
    this.connectTimeout = positive(connectTimeout, "connect timeout");
    this.idleTimeout = positive(idleTimeout, "idle timeout");
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /**
   * @return a downloader waiting 30 s for a connection and response, and 60 s for body data
   */
  public static OfficialFileDownloader withDefaults() {
    return new OfficialFileDownloader(Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  private static Duration positive(Duration duration, String what) {
    Objects.requireNonNull(duration, what);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(
          what + ": expected a positive duration, found " + duration);
    }
    return duration;
  }

  /**
   * Downloads and verifies the file (see the class comment).
   *
   * @param download the address and the published description
   * @param folder where the file goes as {@code <folder>/<name>}; created if missing
   * @param progress receives progress lines
   * @return the verified file
   * @throws DatasetFormatException naming the address, the field and the expected and found value
   *     when the download does not match its published size or checksum (it is deleted)
   * @throws IOException naming the address when the download fails (nothing is kept)
   */
  public Path download(OfficialDownload download, Path folder, Consumer<String> progress)
      throws IOException {
    OfficialFile file = download.file();
    Files.createDirectories(folder);
    Path target = folder.resolve(file.name());
    if (Files.isRegularFile(target)) {
      FileVerification existing = file.verify(target);
      if (existing.outcome() == FileVerification.Outcome.VERIFIED) {
        progress.accept(target + ": already there; " + existing.detail());
        return target;
      }
      progress.accept(target + ": present but " + existing.detail() + "; downloading it again");
    }
    Path part = Files.createTempFile(folder, "." + file.name() + ".", ".part");
    boolean kept = false;
    try {
      fetch(download, part, progress);
      FileVerification verification = file.verify(part);
      if (verification.outcome() != FileVerification.Outcome.VERIFIED) {
        throw new DatasetFormatException(
            download.uri()
                + ": "
                + verification.detail()
                + " — the download is not the official file; it was deleted");
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      kept = true;
      progress.accept(target + ": " + verification.detail());
      return target;
    } finally {
      if (!kept) {
        Files.deleteIfExists(part);
      }
    }
  }

  private void fetch(OfficialDownload download, Path part, Consumer<String> progress)
      throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(download.uri()).timeout(connectTimeout).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new IOException(
          download.uri() + ": no response within " + seconds(connectTimeout) + "; nothing saved",
          e);
    } catch (ConnectException e) {
      throw new IOException(
          download.uri()
              + ": cannot connect ("
              + (e.getMessage() == null ? "connection refused" : e.getMessage())
              + "); is this machine online? Nothing saved",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(download.uri() + ": interrupted; nothing saved", e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(
            download.uri()
                + ": HTTP status: expected 200, found "
                + response.statusCode()
                + "; nothing saved");
      }
      long contentLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      copy(download, body, part, contentLength, progress);
    }
  }

  private void copy(
      OfficialDownload download,
      InputStream body,
      Path part,
      long contentLength,
      Consumer<String> progress)
      throws IOException {
    long total = contentLength >= 0 ? contentLength : download.file().knownSize().orElse(-1);
    AtomicLong lastData = new AtomicLong(System.nanoTime());
    AtomicBoolean stalled = new AtomicBoolean();
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "deltaboost-download-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    long period = Math.max(10, Math.min(1000, idleTimeout.toMillis() / 4));
    watchdog.scheduleAtFixedRate(
        () -> {
          if (System.nanoTime() - lastData.get() > idleTimeout.toNanos()
              && stalled.compareAndSet(false, true)) {
            try {
              body.close(); // wakes the blocked read
            } catch (IOException e) {
              // Closing is best effort: the stalled flag alone fails the download.
            }
          }
        },
        period,
        period,
        TimeUnit.MILLISECONDS);
    boolean report = total < 0 || total > QUIET_BYTES;
    long step = total > 0 ? Math.max(1, total / 20) : PROGRESS_STEP_BYTES;
    long done = 0;
    long nextReport = step;
    String name = download.file().name();
    try (OutputStream out = Files.newOutputStream(part)) {
      byte[] buffer = new byte[BUFFER_SIZE];
      int n;
      while ((n = body.read(buffer)) > 0) {
        lastData.set(System.nanoTime());
        out.write(buffer, 0, n);
        done += n;
        if (report && done >= nextReport) {
          progress.accept(name + ": " + amount(done, total));
          nextReport = (done / step + 1) * step;
        }
      }
    } catch (IOException e) {
      if (!stalled.get()) {
        throw new IOException(
            download.uri()
                + ": connection lost after "
                + done
                + " bytes ("
                + e
                + "); nothing saved",
            e);
      }
    } finally {
      watchdog.shutdownNow();
    }
    if (stalled.get()) {
      throw new IOException(
          download.uri()
              + ": no data for "
              + seconds(idleTimeout)
              + " after "
              + done
              + " bytes; download abandoned, nothing saved");
    }
    if (contentLength >= 0 && done != contentLength) {
      throw new IOException(
          download.uri()
              + ": body: expected "
              + contentLength
              + " bytes (Content-Length), found "
              + done
              + " (connection closed early); nothing saved");
    }
  }

  private static String amount(long done, long total) {
    if (total <= 0) {
      return String.format(Locale.ROOT, "%.1f MB", done / 1e6);
    }
    return String.format(
        Locale.ROOT, "%.1f of %.1f MB (%d%%)", done / 1e6, total / 1e6, done * 100 / total);
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
