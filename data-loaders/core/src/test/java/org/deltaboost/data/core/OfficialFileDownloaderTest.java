package org.deltaboost.data.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server; never from the real publishers. */
class OfficialFileDownloaderTest {
  private static final String NAME = "fake-archive.tar.gz";

  @TempDir Path folder;

  private final byte[] archive = new byte[3 << 20]; // over QUIET_BYTES, so progress is shown
  private final AtomicInteger requests = new AtomicInteger();
  private final List<String> progress = new ArrayList<>();
  private HttpServer server;
  private ExecutorService handlers;

  @BeforeEach
  void startServer() throws IOException {
    new Random(7).nextBytes(archive);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.createContext(
        "/files/" + NAME,
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(200, archive.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(archive);
          }
        });
    server.createContext(
        "/moved/" + NAME,
        exchange -> {
          exchange.getResponseHeaders().add("Location", url("/files/" + NAME).toString());
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.createContext(
        "/stalls/" + NAME,
        exchange -> {
          exchange.sendResponseHeaders(200, archive.length);
          OutputStream body = exchange.getResponseBody();
          body.write(archive, 0, 10);
          body.flush();
          sleep(3000);
          exchange.close();
        });
    server.createContext(
        "/silent/" + NAME,
        exchange -> {
          sleep(3000);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }

  private OfficialDownload download(String path, String md5, long size) {
    return new OfficialDownload(
        url(path), new OfficialFile(NAME, size, List.of(Checksum.parse("md5:" + md5))));
  }

  /** Patient enough for a loaded machine: only the timeout tests want short waits. */
  private static OfficialFileDownloader downloader() {
    return new OfficialFileDownloader(Duration.ofSeconds(20), Duration.ofSeconds(20));
  }

  private static OfficialFileDownloader impatientDownloader() {
    return new OfficialFileDownloader(Duration.ofMillis(500), Duration.ofMillis(300));
  }

  private List<Path> folderContents() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    }
  }

  @Test
  void aMatchingDownloadIsRenamedIntoPlaceWithProgress() throws Exception {
    Path target =
        downloader()
            .download(
                download("/files/" + NAME, md5(archive), archive.length),
                folder.resolve("sub"),
                progress::add);
    assertEquals(folder.resolve("sub").resolve(NAME), target);
    assertArrayEquals(archive, Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(folder.resolve("sub"))) {
      assertEquals(List.of(target), files.toList(), "no temporary file left");
    }
    assertTrue(progress.get(0).startsWith(NAME + ": 0.2 of 3.1 MB (5%)"), progress.toString());
    assertTrue(progress.contains(NAME + ": 3.1 of 3.1 MB (100%)"), progress.toString());
    assertEquals(
        target + ": md5:" + md5(archive) + " matches the official " + NAME,
        progress.get(progress.size() - 1));
  }

  @Test
  void redirectsAreFollowed() throws Exception {
    Path target =
        downloader().download(download("/moved/" + NAME, md5(archive), -1), folder, progress::add);
    assertArrayEquals(archive, Files.readAllBytes(target));
  }

  @Test
  void aVerifiedFileIsNotFetchedAgainAndADamagedOneIsReplaced() throws Exception {
    OfficialDownload official = download("/files/" + NAME, md5(archive), archive.length);
    Path target = folder.resolve(NAME);
    Files.write(target, archive);
    downloader().download(official, folder, progress::add);
    assertEquals(0, requests.get());
    assertTrue(
        progress
            .get(0)
            .endsWith("already there; md5:" + md5(archive) + " matches the official " + NAME));
    Files.write(target, new byte[] {1, 2, 3});
    downloader().download(official, folder, progress::add);
    assertEquals(1, requests.get());
    assertArrayEquals(archive, Files.readAllBytes(target));
  }

  @Test
  void aChecksumMismatchDeletesTheDownloadNamingBothDigests() throws Exception {
    String published = md5(new byte[] {42});
    OfficialDownload official = download("/files/" + NAME, published, -1);
    DatasetFormatException e =
        assertThrows(
            DatasetFormatException.class,
            () -> downloader().download(official, folder, progress::add));
    assertEquals(
        url("/files/" + NAME)
            + ": md5: expected "
            + published
            + " (official "
            + NAME
            + "), found "
            + md5(archive)
            + " — the download is not the official file; it was deleted",
        e.getMessage());
    assertEquals(List.of(), folderContents());
  }

  @Test
  void aSizeMismatchIsReportedBeforeAnyDigest() throws Exception {
    OfficialDownload official = download("/files/" + NAME, md5(archive), archive.length + 1);
    DatasetFormatException e =
        assertThrows(
            DatasetFormatException.class,
            () -> downloader().download(official, folder, progress::add));
    assertTrue(
        e.getMessage()
            .contains(
                "size: expected "
                    + (archive.length + 1)
                    + " bytes (official "
                    + NAME
                    + "), found "
                    + archive.length),
        e.getMessage());
    assertEquals(List.of(), folderContents());
  }

  @Test
  void http404FailsNamingTheAddressAndSavesNothing() throws Exception {
    OfficialDownload official = download("/missing/" + NAME, md5(archive), -1);
    IOException e =
        assertThrows(
            IOException.class, () -> downloader().download(official, folder, progress::add));
    assertEquals(
        url("/missing/" + NAME) + ": HTTP status: expected 200, found 404; nothing saved",
        e.getMessage());
    assertEquals(List.of(), folderContents());
  }

  @Test
  void aRefusedConnectionFailsNamingTheAddress() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI address = URI.create("http://127.0.0.1:" + closedPort + "/" + NAME);
    OfficialDownload official =
        new OfficialDownload(
            address, new OfficialFile(NAME, -1, List.of(Checksum.parse("md5:" + md5(archive)))));
    IOException e =
        assertThrows(
            IOException.class, () -> downloader().download(official, folder, progress::add));
    assertTrue(e.getMessage().startsWith(address + ": cannot connect ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("is this machine online? Nothing saved"), e.getMessage());
    assertEquals(List.of(), folderContents());
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    OfficialDownload official = download("/silent/" + NAME, md5(archive), -1);
    IOException e =
        assertThrows(
            IOException.class,
            () -> impatientDownloader().download(official, folder, progress::add));
    assertEquals(
        url("/silent/" + NAME) + ": no response within 0.5 s; nothing saved", e.getMessage());
    assertEquals(List.of(), folderContents());
  }

  @Test
  void aStalledBodyIsAbandonedAfterTheIdleTimeout() throws Exception {
    OfficialDownload official = download("/stalls/" + NAME, md5(archive), -1);
    long start = System.nanoTime();
    IOException e =
        assertThrows(
            IOException.class,
            () -> impatientDownloader().download(official, folder, progress::add));
    assertTrue(System.nanoTime() - start < 2_500_000_000L, "abandoned before the server gave up");
    assertEquals(
        url("/stalls/" + NAME)
            + ": no data for 0.3 s after 10 bytes; download abandoned, nothing saved",
        e.getMessage());
    assertEquals(List.of(), folderContents());
  }

  @Test
  void onlyChecksummedHttpFilesCanBeDownloaded() {
    OfficialFile unchecked = new OfficialFile(NAME, 10, List.of());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new OfficialDownload(URI.create("https://example.org/" + NAME), unchecked));
    assertTrue(e.getMessage().contains("expected at least one published checksum"), e.getMessage());
    OfficialFile checked =
        new OfficialFile(NAME, 10, List.of(Checksum.parse("md5:c32a1d4ab5d03f1284b67883e8d87530")));
    assertInstanceOf(
        IllegalArgumentException.class,
        assertThrows(
            IllegalArgumentException.class,
            () -> new OfficialDownload(URI.create("ftp://example.org/" + NAME), checked)));
    assertEquals(
        URI.create("http://mirror.local/data/" + NAME),
        new OfficialDownload(URI.create("https://example.org/" + NAME), checked)
            .fromMirror(URI.create("http://mirror.local/data"))
            .uri());
  }
}
