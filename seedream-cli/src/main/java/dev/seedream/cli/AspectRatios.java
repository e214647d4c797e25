package dev.seedream.cli;

import dev.seedream.AspectRatio;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The eight aspect ratios, for the help text of {@code --aspect-ratio}. */
final class AspectRatios implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    List<String> values = new ArrayList<>();
    for (AspectRatio ratio : AspectRatio.values()) {
      values.add(ratio.wireValue());
    }
    return values.iterator();
  }
}
