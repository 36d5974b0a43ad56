package io.neoinfra.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown points to a file or directory of the checkout: a reader who clones
 * the project can follow each one. Links to the web (http, https, mailto) and in-page anchors are left alone.
 */
class DocumentationLinksTest {

  // [text](target) and [text](target "title"); images too. Reference-style links are not used in this repository.
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

  @Test
  void everyRelativeLinkInTheDocumentationPointsInsideTheCheckout() {
    List<String> broken = new ArrayList<>();
    for (Path page : markdownPages()) {
      for (String target : linkTargets(page)) {
        Path resolved = page.getParent().resolve(target).normalize();
        if (!resolved.startsWith(Repo.root()) || !Files.exists(resolved)) {
          broken.add(Repo.root().relativize(page) + " -> " + target);
        }
      }
    }
    assertThat(broken).as("relative links that lead nowhere or out of the checkout").isEmpty();
  }

  @Test
  void theLinkCheckSeesTheDocumentationPages() {
    assertThat(markdownPages()).extracting(p -> Repo.root().relativize(p).toString())
        .contains("README.md", "docs/architecture.md", "docs/runbook.md", "docs/migration-bundles.md");
  }

  @Test
  void aLinkToAMissingPageIsFound() {
    assertThat(LINK.matcher("see [the guide](../shared/GUIDE.md) and [web](https://example.org)").results()
        .map(m -> m.group(1)).filter(DocumentationLinksTest::isRelative)).containsExactly("../shared/GUIDE.md");
  }

  private static List<Path> markdownPages() {
    Path root = Repo.root();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !root.relativize(p).toString().matches("(^|.*/)(target|node_modules|\\.git|\\.neo|\\.mvn)/.*"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> linkTargets(Path page) {
    String text;
    try {
      text = Files.readString(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Code blocks show commands and examples, not links.
    String prose = text.replaceAll("(?s)```.*?```", "");
    List<String> targets = new ArrayList<>();
    Matcher matcher = LINK.matcher(prose);
    while (matcher.find()) {
      String target = matcher.group(1);
      if (isRelative(target)) {
        int anchor = target.indexOf('#');
        targets.add(anchor >= 0 ? target.substring(0, anchor) : target);
      }
    }
    return targets.stream().filter(t -> !t.isEmpty()).toList();
  }

  private static boolean isRelative(String target) {
    return !target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !target.startsWith("#");
  }
}
