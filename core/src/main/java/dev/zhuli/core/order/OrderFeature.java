package dev.zhuli.core.order;

import dev.zhuli.core.store.CommandRunner;

/**
 * Makes the orders of a {@link dev.zhuli.core.Zhuli} instance. Hosts get them from
 * {@code Zhuli.orders()}; this factory exists so the entry point can build them from another
 * package.
 *
 * @since 0.1.0
 */
public final class OrderFeature {
  private OrderFeature() {}

  /**
   * The orders over a command runner.
   *
   * @param runner the runner
   * @param settings the lifecycle's numbers
   * @return the orders
   */
  public static Orders create(CommandRunner runner, OrderSettings settings) {
    return new OrderService(runner, settings);
  }
}
