package dev.zhuli.storage.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that loses its connection at random: {@code getConnection}, every statement
 * execution and {@code commit} fail now and then with SQLSTATE 08006 (connection failure), as a
 * network cut or a server restart would make them. After a failure the connection stays broken:
 * everything but rollback and close fails too, and rollback undoes what the server had, as a
 * server does when a client goes away.
 *
 * <p>Commits fail before they reach the database, never after: a commit whose answer is lost is
 * in doubt, which no store can undo (see the README's guarantees).
 */
final class FaultyDataSource implements DataSource {
  private final DataSource delegate;
  private final Random random;
  private final double probability;
  private volatile boolean enabled = true;
  final AtomicInteger onConnect = new AtomicInteger();
  final AtomicInteger onExecute = new AtomicInteger();
  final AtomicInteger onCommit = new AtomicInteger();

  FaultyDataSource(DataSource delegate, long seed, double probability) {
    this.delegate = delegate;
    this.random = new Random(seed);
    this.probability = probability;
  }

  void enabled(boolean on) {
    enabled = on;
  }

  int faults() {
    return onConnect.get() + onExecute.get() + onCommit.get();
  }

  private boolean strike() {
    synchronized (random) {
      return enabled && random.nextDouble() < probability;
    }
  }

  private static SQLException lost(String where) {
    return new SQLTransientConnectionException("connection lost (injected) during " + where,
        "08006");
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (strike()) {
      onConnect.incrementAndGet();
      throw lost("getConnection");
    }
    Connection real = delegate.getConnection();
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, new ConnectionHandler(real));
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("use getConnection()");
  }

  private final class ConnectionHandler implements InvocationHandler {
    private final Connection real;
    private boolean broken;

    ConnectionHandler(Connection real) {
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("rollback") || name.equals("close") || name.equals("isClosed")
          || name.equals("getAutoCommit")) {
        return call(real, method, args);
      }
      if (broken) {
        throw lost(name + " on a lost connection");
      }
      if (name.equals("commit") && strike()) {
        onCommit.incrementAndGet();
        broken = true;
        throw lost("commit");
      }
      Object result = call(real, method, args);
      if (result instanceof Statement) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), statementTypes(result),
            new StatementHandler(this, (Statement) result));
      }
      return result;
    }
  }

  private static Class<?>[] statementTypes(Object statement) {
    if (statement instanceof java.sql.CallableStatement) {
      return new Class<?>[] {java.sql.CallableStatement.class};
    }
    if (statement instanceof java.sql.PreparedStatement) {
      return new Class<?>[] {java.sql.PreparedStatement.class};
    }
    return new Class<?>[] {Statement.class};
  }

  private final class StatementHandler implements InvocationHandler {
    private final ConnectionHandler connection;
    private final Statement real;

    StatementHandler(ConnectionHandler connection, Statement real) {
      this.connection = connection;
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.startsWith("execute")) {
        if (connection.broken) {
          throw lost(name + " on a lost connection");
        }
        boolean before = strike();
        boolean after = !before && strike();
        if (before) {
          onExecute.incrementAndGet();
          connection.broken = true;
          throw lost(name);
        }
        Object result = call(real, method, args);
        if (after) {
          // The statement ran, but its answer never arrived.
          onExecute.incrementAndGet();
          connection.broken = true;
          throw lost(name + " (after it ran)");
        }
        return result;
      }
      return call(real, method, args);
    }
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
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
  public <T> T unwrap(Class<T> type) throws SQLException {
    return delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return delegate.isWrapperFor(type);
  }
}
