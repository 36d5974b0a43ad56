package io.neoinfra.worker.flyway;

import java.io.Reader;
import java.io.StringReader;
import java.util.Objects;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * One SQL script of a bundle, read once into memory when its migration set is resolved, so that no task reads or
 * scans the bundle again. Flyway computes checksums from {@link #read()}, so they match a filesystem scan of the same
 * file.
 */
public final class BundleScript extends LoadableResource {

  private final String filename;
  private final String relativePath;
  private final String sql;

  public BundleScript(String filename, String relativePath, String sql) {
    this.filename = Objects.requireNonNull(filename, "filename");
    this.relativePath = Objects.requireNonNull(relativePath, "relativePath");
    this.sql = Objects.requireNonNull(sql, "sql");
  }

  public String sql() {
    return sql;
  }

  @Override
  public Reader read() {
    return new StringReader(sql);
  }

  @Override
  public String getAbsolutePath() {
    return relativePath;
  }

  @Override
  public String getAbsolutePathOnDisk() {
    return relativePath;
  }

  @Override
  public String getFilename() {
    return filename;
  }

  @Override
  public String getRelativePath() {
    return relativePath;
  }

  @Override
  public String toString() {
    return relativePath;
  }
}
