package dev.zhuli.spi.storage;

/** A test provider named {@code beta}. */
public class BetaTestProvider extends TestProvider {
  public BetaTestProvider() {
    super("beta");
  }
}
