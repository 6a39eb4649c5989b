package dev.zhuli.spi.storage;

/** A test provider named {@code alpha}. */
public class AlphaTestProvider extends TestProvider {
  public AlphaTestProvider() {
    super("alpha");
  }
}
