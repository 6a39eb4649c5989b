package dev.zhuli.storage.jdbc;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the {@link PostgresServer}: started once per build (held in the root store, so all
 * test classes share it) and stopped when the root context closes, or by the server's shutdown
 * hook if the JVM ends first. Declare a {@code PostgresServer} parameter on a {@code @BeforeAll}
 * method to get it.
 */
final class PostgresExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PostgresServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return context.getRoot().getStore(NAMESPACE).computeIfAbsent("server",
        k -> PostgresServer.startOrConnect(), PostgresServer.class);
  }
}
