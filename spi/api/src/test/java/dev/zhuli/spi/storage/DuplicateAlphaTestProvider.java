package dev.zhuli.spi.storage;

/** A test provider named {@code alpha}. */
public class DuplicateAlphaTestProvider extends TestProvider {
  public DuplicateAlphaTestProvider() {
    super("alpha");
  }
}
