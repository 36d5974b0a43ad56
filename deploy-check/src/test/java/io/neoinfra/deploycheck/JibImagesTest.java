package io.neoinfra.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;

/**
 * Each service module configures Jib with a main class that exists and a port that its deployments use; the image
 * name itself comes from the root pom's pluginManagement ({@code <jib.image-repository>/<module>:<version>}).
 */
class JibImagesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "rest-gateway, 8080",
      "migration-processor, 9401",
      "migration-worker, 9464",
      "event-producer, -1"})
  void moduleImageRunsAnExistingMainOnTheDeployedPort(String module, int port) throws Exception {
    Element jib = jibPlugin("" + module + "/pom.xml");
    String mainClass = text(jib, "mainClass");

    Method main = Class.forName(mainClass).getMethod("main", String[].class);
    assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
    if (port > 0) {
      assertThat(text(jib, "port")).isEqualTo(String.valueOf(port));
    } else {
      assertThat(jib.getElementsByTagName("port").getLength()).isZero();
    }
    assertThat(jib.getElementsByTagName("executions").getLength()).as("bound to no phase").isZero();
    assertThat(text(jib.getOwnerDocument().getDocumentElement(), "jib.skip")).as("builds an image").isEqualTo("false");
  }

  @Test
  void theGatewayImageExposesItsManagementPort() throws Exception {
    Element jib = jibPlugin("rest-gateway/pom.xml");
    var ports = jib.getElementsByTagName("port");
    List<String> exposed = new ArrayList<>();
    for (int i = 0; i < ports.getLength(); i++) {
      exposed.add(ports.item(i).getTextContent().trim());
    }

    assertThat(exposed).containsExactly("8080", Repo.text("rest-gateway/src/main/resources/rest-gateway.properties")
        .lines().filter(l -> l.startsWith("management.server.port=")).findFirst().orElseThrow().split("=", 2)[1]);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"pom.xml"})
  void rootPomNamesEveryImageAfterItsModule(String pom) throws Exception {
    Element jib = jibPlugin(pom);

    assertThat(text(jib, "image")).isNotEmpty();
    assertThat(Map.of("to", text((Element) jib.getElementsByTagName("to").item(0), "image")))
        .containsEntry("to", "${jib.image-repository}/${project.artifactId}:${project.version}");
    assertThat(jib.getElementsByTagName("executions").getLength()).as("bound to no phase").isZero();
    assertThat(text(jib.getOwnerDocument().getDocumentElement(), "jib.skip")).as("libraries build none")
        .isEqualTo("true");
    assertThat(Images.of("rest-gateway")).isEqualTo("neoinfra/rest-gateway:" + Images.version());
  }

  private static Element jibPlugin(String pom) throws Exception {
    var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Repo.file(pom).toFile());
    var plugins = document.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
        return plugin;
      }
    }
    throw new AssertionError(pom + " does not configure jib-maven-plugin");
  }

  private static String text(Element parent, String tag) {
    var nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }
}
