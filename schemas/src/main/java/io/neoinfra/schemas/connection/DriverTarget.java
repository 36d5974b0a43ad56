package io.neoinfra.schemas.connection;

import java.util.Properties;

/**
 * How to open a connection: a JDBC URL built only from validated fields (scheme, host, port, database name; never a
 * parameter) and the driver properties, every one of them chosen by {@link DriverProperties}.
 */
public record DriverTarget(String url, Properties properties) {

  public DriverTarget {
    Properties copy = new Properties();
    copy.putAll(properties);
    properties = copy;
  }

  @Override
  public Properties properties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  @Override
  public String toString() {
    return "DriverTarget[" + url + ", properties=" + properties.stringPropertyNames().stream().sorted().toList() + "]";
  }
}
