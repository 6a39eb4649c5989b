package dev.zhuli.spi.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Discovery of storage providers through {@link java.util.ServiceLoader}.
 *
 * <p>The default class loader sees the providers registered in the test resources ({@code alpha}
 * and {@code beta}). The other cases use a {@link ServicesLoader} that presents exactly the
 * provider classes a test chooses, through the package-private overloads that take a loader.
 */
class StoragesTest {
  private static final String SERVICES =
      "META-INF/services/" + StorageProvider.class.getName();

  @TempDir Path dir;

  private int openedBefore;

  @BeforeEach
  void rememberOpenCount() {
    openedBefore = TestProvider.OPENED.get();
  }

  @AfterEach
  void discoveryNeverOpens() {
    assertThat(TestProvider.OPENED.get()).as("open() calls during discovery").isEqualTo(openedBefore);
  }

  @Nested
  class DefaultClassLoader {

    @Test
    void namedFindsEachRegisteredProvider() {
      assertThat(Storages.named("alpha")).isInstanceOf(AlphaTestProvider.class);
      assertThat(Storages.named("alpha").name()).isEqualTo("alpha");
      assertThat(Storages.named("beta")).isInstanceOf(BetaTestProvider.class);
    }

    @Test
    void namesAreSorted() {
      // The services file lists beta before alpha.
      assertThat(Storages.names()).containsExactly("alpha", "beta");
    }

    @Test
    void onlyFailsBecauseThereAreSeveral() {
      assertThatThrownBy(Storages::only)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("several")
          .hasMessageContaining("'alpha'")
          .hasMessageContaining("'beta'")
          .hasMessageContaining(AlphaTestProvider.class.getName())
          .hasMessageContaining(BetaTestProvider.class.getName())
          .hasMessageContaining("Storages.named");
    }

    @Test
    void unknownNameIsNamedAndTheFoundProvidersListed() {
      assertThatThrownBy(() -> Storages.named("gamma"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'gamma'")
          .hasMessageContaining("'alpha'")
          .hasMessageContaining("'beta'")
          .hasMessageContaining(AlphaTestProvider.class.getName())
          .hasMessageContaining(BetaTestProvider.class.getName());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t", " \n "})
    void blankNameIsRefused(String name) {
      assertThatThrownBy(() -> Storages.named(name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("name");
    }
  }

  @Nested
  class ChosenProviders {

    @Test
    void onlyReturnsTheOneProvider() throws IOException {
      ClassLoader loader = presenting(AlphaTestProvider.class);
      assertThat(Storages.only(loader)).isInstanceOf(AlphaTestProvider.class);
      assertThat(Storages.named("alpha", loader)).isInstanceOf(AlphaTestProvider.class);
    }

    @Test
    void onlyWithSeveralNamesEach() throws IOException {
      ClassLoader loader = presenting(BetaTestProvider.class, AlphaTestProvider.class);
      assertThatThrownBy(() -> Storages.only(loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'alpha'")
          .hasMessageContaining("'beta'")
          .hasMessageContaining(AlphaTestProvider.class.getName())
          .hasMessageContaining(BetaTestProvider.class.getName());
    }

    @Test
    void onlyWithTwoOfTheSameNameNamesBothClasses() throws IOException {
      ClassLoader loader = presenting(AlphaTestProvider.class, DuplicateAlphaTestProvider.class);
      assertThatThrownBy(() -> Storages.only(loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(AlphaTestProvider.class.getName())
          .hasMessageContaining(DuplicateAlphaTestProvider.class.getName());
    }

    @Test
    void onlyWithNoneSaysNoneWasFound() {
      ClassLoader loader = new ServicesLoader(List.of());
      assertThatThrownBy(() -> Storages.only(loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no storage provider found")
          .hasMessageContaining(StorageProvider.class.getName());
    }

    @Test
    void onlyWithAnEmptyServicesFileSaysNoneWasFound() throws IOException {
      ClassLoader loader = presenting();
      assertThatThrownBy(() -> Storages.only(loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no storage provider found");
    }

    @Test
    void namedWithNoneSaysNoneWasFound() {
      ClassLoader loader = new ServicesLoader(List.of());
      assertThatThrownBy(() -> Storages.named("alpha", loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'alpha'")
          .hasMessageContaining("none");
    }

    @Test
    void namedPicksAmongSeveral() throws IOException {
      ClassLoader loader = presenting(AlphaTestProvider.class, BetaTestProvider.class);
      assertThat(Storages.named("beta", loader)).isInstanceOf(BetaTestProvider.class);
      assertThat(Storages.named("alpha", loader)).isInstanceOf(AlphaTestProvider.class);
    }

    @Test
    void namedIsExact() throws IOException {
      ClassLoader loader = presenting(AlphaTestProvider.class);
      assertThatThrownBy(() -> Storages.named("alpha ", loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'alpha '")
          .hasMessageContaining(AlphaTestProvider.class.getName());
    }

    @Test
    void namedWithTwoOfThatNameNamesBothClasses() throws IOException {
      ClassLoader loader =
          presenting(AlphaTestProvider.class, BetaTestProvider.class,
              DuplicateAlphaTestProvider.class);
      assertThatThrownBy(() -> Storages.named("alpha", loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'alpha'")
          .hasMessageContaining(AlphaTestProvider.class.getName())
          .hasMessageContaining(DuplicateAlphaTestProvider.class.getName())
          .hasMessageNotContaining(BetaTestProvider.class.getName());
      // A name that is not duplicated is still found.
      assertThat(Storages.named("beta", loader)).isInstanceOf(BetaTestProvider.class);
    }

    @Test
    void duplicatesInSeparateServicesFilesAreFound() throws IOException {
      // Two plugin jars on the class path, each registering a provider named "alpha".
      ClassLoader loader =
          new ServicesLoader(
              List.of(
                  servicesFile("first", AlphaTestProvider.class),
                  servicesFile("second", DuplicateAlphaTestProvider.class)));
      assertThatThrownBy(() -> Storages.named("alpha", loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(AlphaTestProvider.class.getName())
          .hasMessageContaining(DuplicateAlphaTestProvider.class.getName());
    }

    @Test
    void theSameClassListedTwiceIsOneProvider() throws IOException {
      // For example the same jar twice on the class path: ServiceLoader loads the class once.
      ClassLoader loader =
          new ServicesLoader(
              List.of(
                  servicesFile("first", AlphaTestProvider.class),
                  servicesFile("second", AlphaTestProvider.class)));
      assertThat(Storages.only(loader)).isInstanceOf(AlphaTestProvider.class);
      assertThat(Storages.named("alpha", loader)).isInstanceOf(AlphaTestProvider.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void blankNameIsRefusedBeforeLoading(String name) throws IOException {
      ClassLoader loader = presenting(AlphaTestProvider.class);
      assertThatThrownBy(() -> Storages.named(name, loader))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @SafeVarargs
  private ClassLoader presenting(Class<? extends StorageProvider>... providers)
      throws IOException {
    return new ServicesLoader(List.of(servicesFile("services", providers)));
  }

  @SafeVarargs
  private URL servicesFile(String fileName, Class<? extends StorageProvider>... providers)
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# written by StoragesTest");
    for (Class<? extends StorageProvider> provider : providers) {
      lines.add(provider.getName());
    }
    Path file = Files.write(dir.resolve(fileName), lines, StandardCharsets.UTF_8);
    return file.toUri().toURL();
  }

  /**
   * A class loader that answers the services lookup of {@link StorageProvider} with the given
   * files only, and delegates everything else (class loading included) to the test class loader.
   */
  private static final class ServicesLoader extends ClassLoader {
    private final List<URL> servicesFiles;

    ServicesLoader(List<URL> servicesFiles) {
      super(StoragesTest.class.getClassLoader());
      this.servicesFiles = servicesFiles;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (SERVICES.equals(name)) {
        return Collections.enumeration(servicesFiles);
      }
      return super.getResources(name);
    }
  }
}
