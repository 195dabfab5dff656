package org.deltaboost.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.core.OfficialDownload;
import org.deltaboost.data.core.OfficialFileDownloader;
import org.deltaboost.harness.catalog.DatasetCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost datasets}: for every dataset of the paper, where it was found, whether it is
 * verified against published checksums, and the exact steps to get it when it is missing. With
 * {@code --download NAME} it first fetches the dataset's official files ({@link
 * DatasetDescriptor#downloads()}, each checksum-verified before it is kept) into the first place
 * the dataset is looked for: {@code DIR/NAME} with {@code --data-dir DIR}, else {@code
 * $DELTABOOST_DATA/NAME} when set, else {@code ~/.deltaboost/datasets/NAME}; a dataset that cannot
 * be downloaded (ImageNet, MNIST) gets its steps printed and exit status 1.
 */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description = "Show where each dataset was found, whether it verified, and how to get it.")
final class DatasetsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Look here first.")
  Path dataDir;

  @Option(
      names = "--download",
      paramLabel = "NAME",
      description =
          "Download the official files of dataset NAME (repeatable) into DIR/NAME with"
              + " --data-dir, else $DELTABOOST_DATA/NAME or ~/.deltaboost/datasets/NAME, keep them"
              + " only if they match the published checksums, then show the status.")
  List<String> downloads = new ArrayList<>();

  @Option(
      names = "--mirror",
      paramLabel = "URL",
      description =
          "With --download: fetch each file from URL/<file name> instead of the publisher's"
              + " address; still checked against the published checksums.")
  URI mirror;

  @Parameters(
      arity = "0..*",
      paramLabel = "NAME",
      description = "Only these datasets (default: all).")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    List<DatasetDescriptor> all = DatasetCatalog.descriptors();
    List<String> known = all.stream().map(DatasetDescriptor::name).toList();
    List<String> asked = new ArrayList<>(names);
    asked.addAll(downloads);
    for (String name : asked) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + known);
      }
    }
    if (mirror != null && downloads.isEmpty()) {
      throw new IllegalArgumentException("--mirror is only used with --download NAME");
    }
    DataLocator locator = DataLocator.forDataDir(dataDir);
    PrintWriter out = spec.commandLine().getOut();
    if (!downloads.isEmpty()) {
      return download(all, locator, out);
    }
    for (DatasetDescriptor descriptor : all) {
      if (names.isEmpty() || names.contains(descriptor.name())) {
        DatasetStatus status = descriptor.status(locator);
        out.println(status.report());
        out.println();
      }
    }
    return 0;
  }

  /** Downloads each dataset asked for, then prints its status; 1 if one cannot be downloaded. */
  private int download(List<DatasetDescriptor> all, DataLocator locator, PrintWriter out)
      throws IOException {
    OfficialFileDownloader downloader = OfficialFileDownloader.withDefaults();
    int exitCode = 0;
    for (String name : downloads) {
      DatasetDescriptor descriptor =
          all.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
      if (descriptor.downloads().isEmpty()) {
        out.println(
            name
                + ": not downloaded by deltaboost (a download needs a public address and a"
                + " published checksum to verify it against); to get it:");
        List<String> steps = descriptor.howToGet(locator);
        for (int i = 0; i < steps.size(); i++) {
          out.println("  " + (i + 1) + ". " + steps.get(i));
        }
        out.println();
        exitCode = 1;
        continue;
      }
      Path folder = locator.candidates(name).get(0);
      for (OfficialDownload file : descriptor.downloads()) {
        OfficialDownload source = mirror == null ? file : file.fromMirror(mirror);
        out.println(name + ": downloading " + source.uri() + " into " + folder);
        out.flush();
        downloader.download(
            source,
            folder,
            line -> {
              out.println("  " + line);
              out.flush();
            });
      }
      out.println(descriptor.status(locator).report());
      out.println();
    }
    return exitCode;
  }
}
