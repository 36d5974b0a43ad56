package io.neoinfra.worker.execution;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source one task hands to Flyway: it remembers every connection and statement the task opens, so a timeout
 * can cancel the running statement at the database and, if that does not end it, abort the connection. Flyway does
 * not expose its statements; this is the one place that sees them.
 */
final class CancellableDataSource implements DataSource {

  private final DataSource delegate;
  private final Consumer<Connection> evict;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final Set<Statement> statements = ConcurrentHashMap.newKeySet();

  /** {@code evict} tells the pool to drop an aborted connection instead of lending it again. */
  CancellableDataSource(DataSource delegate, Consumer<Connection> evict) {
    this.delegate = delegate;
    this.evict = evict;
  }

  /** Step one of a timeout: ask the database to cancel whatever the task is executing. */
  void cancelStatements() {
    for (Statement statement : statements) {
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException ignored) {
        // Closed already, or the driver cannot cancel: the abort that follows ends it.
      }
    }
  }

  /** Step two: close the task's connections from under it; the server rolls back their open transactions. */
  void abortConnections(Executor executor) {
    for (Connection connection : connections) {
      try {
        connection.abort(executor);
      } catch (SQLException | RuntimeException ignored) {
        // Already closed.
      }
      evict.accept(connection);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return track(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return track(delegate.getConnection(username, password));
  }

  private Connection track(Connection connection) {
    connections.add(connection);
    InvocationHandler handler = (proxy, method, args) -> invoke(connection, method, args);
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        handler);
  }

  private Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
    try {
      Object result = method.invoke(connection, args);
      if (result instanceof Statement statement) {
        statements.add(statement);
      }
      if ("close".equals(method.getName())) {
        connections.remove(connection);
      }
      return result;
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
