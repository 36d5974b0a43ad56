package io.neoinfra.deploycheck;

/** The image names Jib builds: {@code <jib.image-repository>/<module>:<project version>} (root pom). */
final class Images {

  private Images() {}

  static String version() {
    return require("neo.project.version");
  }

  static String of(String module) {
    return require("neo.image.repository") + "/" + module + ":" + version();
  }

  private static String require(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank() || value.contains("${")) {
      throw new IllegalStateException(property + " is not set: run the tests through Maven (deploy-check/pom.xml)");
    }
    return value;
  }
}
