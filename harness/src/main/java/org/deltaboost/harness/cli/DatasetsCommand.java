package org.deltaboost.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.deltaboost.data.cifar.CifarDataset;
import org.deltaboost.data.core.DataLocator;
import org.deltaboost.data.core.DatasetDescriptor;
import org.deltaboost.data.core.DatasetStatus;
import org.deltaboost.data.idx.MnistFamilyDescriptor;
import org.deltaboost.data.imagenet.ImageNetDescriptor;
import org.deltaboost.data.voc.VocDescriptors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code deltaboost datasets}: for every dataset of the paper, where it was found, whether it is
 * verified against published checksums, and the exact steps to get it when it is missing.
 */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description = "Show where each dataset was found, whether it verified, and how to get it.")
final class DatasetsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Look here first.")
  Path dataDir;

  @Parameters(arity = "0..*", paramLabel = "NAME", description = "Only these datasets (default: all).")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    List<DatasetDescriptor> all = new ArrayList<>();
    all.addAll(MnistFamilyDescriptor.descriptors());
    all.addAll(CifarDataset.descriptors());
    all.addAll(ImageNetDescriptor.descriptors());
    all.addAll(VocDescriptors.descriptors());
    List<String> known = all.stream().map(DatasetDescriptor::name).toList();
    for (String name : names) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + known);
      }
    }
    DataLocator locator = DataLocator.forDataDir(dataDir);
    PrintWriter out = spec.commandLine().getOut();
    for (DatasetDescriptor descriptor : all) {
      if (names.isEmpty() || names.contains(descriptor.name())) {
        DatasetStatus status = descriptor.status(locator);
        out.println(status.report());
        out.println();
      }
    }
    return 0;
  }
}
