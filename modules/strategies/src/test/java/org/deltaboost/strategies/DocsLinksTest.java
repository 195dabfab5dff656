package org.deltaboost.strategies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in README.md and docs/**.md points at a file that exists and, for a {@code
 * #anchor} into a Markdown file, at a heading that exists. Anchors follow GitHub's slugs:
 * lowercase, punctuation dropped except '-' and '_', each space a '-', a repeated heading's slug
 * suffixed {@code -1}, {@code -2}, …. External links (http, https, mailto) are not checked.
 */
class DocsLinksTest {

  /** An inline link or image, {@code [text](target "title")}; group 1 is the target. */
  private static final Pattern INLINE_LINK = Pattern.compile("\\]\\(\\s*<?([^)\\s>]*)>?[^)]*\\)");

  /** A reference definition, {@code [label]: target}; group 1 is the target. */
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?");

  private static final Pattern CODE_SPAN = Pattern.compile("(`+).*?\\1");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  @Test
  void everyRelativeLinkInTheDocsResolves() throws IOException {
    Path root = Path.of("../..").toAbsolutePath().normalize();
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }

    List<String> broken = brokenLinks(root, pages);

    assertTrue(
        broken.isEmpty(), "broken links (file:line -> target):\n" + String.join("\n", broken));
  }

  @Test
  void aMissingFileAndAMissingHeadingAreBothReported(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(
        root.resolve("docs/page.md"),
        String.join(
            "\n",
            "# A page",
            "## Where a step's time goes: `--trace-steps`",
            "[fine](#where-a-steps-time-goes---trace-steps) [fine too](../README.md#top)",
            "[gone](missing.md) and ![gone too](img/none.png)",
            "```",
            "[in a code block](nowhere.md)",
            "```",
            "`[in a code span](nowhere.md)` [web](https://example.org/x.md)",
            "[wrong heading](#where-a-step-goes)",
            "[ref]: ../absent.md"));
    Files.writeString(root.resolve("README.md"), "# Top\n[docs](docs/page.md#a-page)\n");

    List<String> broken =
        brokenLinks(root, List.of(root.resolve("README.md"), root.resolve("docs/page.md")));

    assertEquals(
        List.of(
            "docs/page.md:4 -> missing.md",
            "docs/page.md:4 -> img/none.png",
            "docs/page.md:9 -> #where-a-step-goes",
            "docs/page.md:10 -> ../absent.md"),
        broken);
  }

  @Test
  void slugsFollowGitHub() {
    Map<String, Integer> counts = new HashMap<>();
    assertEquals("deltaboost-train", slug("`deltaboost train`", counts));
    assertEquals(
        "where-a-steps-time-goes---trace-steps",
        slug("Where a step's time goes: `--trace-steps`", counts));
    assertEquals(
        "mkl-on-amd-cpus-the-vendor-shim", slug("MKL on AMD CPUs: the vendor shim", counts));
    assertEquals("run_records-12", slug("Run_Records 1.2", counts));
    assertEquals("reports", slug("[Reports](x.md)", counts));
    assertEquals("reports-1", slug("Reports", counts));
  }

  /** Returns {@code file:line -> target} for every relative link in {@code pages} that fails. */
  static List<String> brokenLinks(Path root, List<Path> pages) throws IOException {
    Map<Path, Set<String>> anchors = new HashMap<>();
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      List<String> lines = Files.readAllLines(page);
      boolean inFence = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (FENCE.matcher(line).find()) {
          inFence = !inFence;
          continue;
        }
        if (inFence) {
          continue;
        }
        String text = CODE_SPAN.matcher(line).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher inline = INLINE_LINK.matcher(text);
        while (inline.find()) {
          targets.add(inline.group(1));
        }
        Matcher reference = REFERENCE_DEFINITION.matcher(text);
        if (reference.find()) {
          targets.add(reference.group(1));
        }
        for (String target : targets) {
          if (!resolves(page, target, anchors)) {
            broken.add(root.relativize(page) + ":" + (i + 1) + " -> " + target);
          }
        }
      }
    }
    return broken;
  }

  private static boolean resolves(Path page, String target, Map<Path, Set<String>> anchors)
      throws IOException {
    if (target.isEmpty() || SCHEME.matcher(target).find()) {
      return true; // http:, https:, mailto: and other external links are not checked here
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path file =
        path.isEmpty()
            ? page
            : page.resolveSibling(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
    if (!Files.exists(file)) {
      return false;
    }
    if (anchor == null || !file.toString().endsWith(".md")) {
      return true;
    }
    Set<String> known = anchors.get(file);
    if (known == null) {
      known = headingSlugs(file);
      anchors.put(file, known);
    }
    return known.contains(URLDecoder.decode(anchor, StandardCharsets.UTF_8));
  }

  /** The anchors GitHub gives the headings of a Markdown file (fenced code excluded). */
  private static Set<String> headingSlugs(Path file) throws IOException {
    Set<String> slugs = new HashSet<>();
    Map<String, Integer> counts = new HashMap<>();
    boolean inFence = false;
    for (String line : Files.readAllLines(file)) {
      if (FENCE.matcher(line).find()) {
        inFence = !inFence;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (!inFence && heading.matches()) {
        slugs.add(slug(heading.group(1), counts));
      }
    }
    return slugs;
  }

  /**
   * GitHub's anchor for a heading: the rendered text (links reduced to their text) in lowercase,
   * every character but letters, digits, '-', '_' and spaces dropped, each space a '-'; the n-th
   * repeat of a slug gets {@code -n}.
   */
  static String slug(String heading, Map<String, Integer> counts) {
    String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
    String base =
        text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    int seen = counts.merge(base, 1, Integer::sum) - 1;
    return seen == 0 ? base : base + "-" + seen;
  }
}
