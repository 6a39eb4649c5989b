package dev.zhuli.spi.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds {@link StorageProvider storage providers} on the class path with {@link ServiceLoader}.
 *
 * <p>An explicit choice always wins: {@link #named(String)} picks one provider by name. When no
 * name is given, {@link #only()} returns the one provider there is, and fails loudly, naming them,
 * when there are several; it never falls back silently. Both fail with a clear message when none
 * is found.
 *
 * <p>Providers are loaded through the class loader of this SPI, anew on every call, so provider
 * constructors must be cheap. A provider that cannot be loaded, or that has no name, makes every
 * lookup fail with an {@link IllegalStateException} that names it. Thread-safe.
 *
 * @since 0.1.0
 */
public final class Storages {
  private Storages() {}

  /**
   * The provider with this name.
   *
   * @param name the provider's {@link StorageProvider#name() name}
   * @return the provider
   * @throws IllegalArgumentException if the name is null or blank
   * @throws IllegalStateException if no provider, or more than one, has that name; the message
   *     lists the providers found
   */
  public static StorageProvider named(String name) {
    return named(name, Storages.class.getClassLoader());
  }

  /**
   * The one provider on the class path.
   *
   * @return the provider
   * @throws IllegalStateException if there is none, or several (the message names them)
   */
  public static StorageProvider only() {
    return only(Storages.class.getClassLoader());
  }

  /**
   * The names of the providers on the class path, sorted.
   *
   * @return the names, possibly none
   */
  public static List<String> names() {
    return new ArrayList<>(load(Storages.class.getClassLoader()).keySet());
  }

  static StorageProvider named(String name, ClassLoader loader) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("storage provider name must not be blank");
    }
    Map<String, List<StorageProvider>> found = load(loader);
    List<StorageProvider> matches = found.getOrDefault(name, List.of());
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new IllegalStateException(
          "no storage provider named '" + name + "'; found " + describe(found)
              + ". Add the plugin's jar to the class path, or check the name.");
    }
    throw new IllegalStateException(
        matches.size() + " storage providers are named '" + name + "': " + classes(matches)
            + ". Remove all but one from the class path.");
  }

  static StorageProvider only(ClassLoader loader) {
    Map<String, List<StorageProvider>> found = load(loader);
    List<StorageProvider> all = new ArrayList<>();
    found.values().forEach(all::addAll);
    if (all.size() == 1) {
      return all.get(0);
    }
    if (all.isEmpty()) {
      throw new IllegalStateException(
          "no storage provider found on the class path (ServiceLoader found no "
              + StorageProvider.class.getName()
              + "). Add a storage plugin's jar, or pass a Storage to the builder.");
    }
    throw new IllegalStateException(
        "several storage providers found: " + describe(found)
            + ". Choose one by name with Storages.named(name).");
  }

  private static Map<String, List<StorageProvider>> load(ClassLoader loader) {
    Map<String, List<StorageProvider>> byName = new TreeMap<>();
    try {
      for (StorageProvider provider : ServiceLoader.load(StorageProvider.class, loader)) {
        String name = provider.name();
        if (name == null || name.isBlank()) {
          throw new IllegalStateException("storage provider " + provider.getClass().getName()
              + " has no name: StorageProvider.name() must not be null or blank");
        }
        byName.computeIfAbsent(name, n -> new ArrayList<>()).add(provider);
      }
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException(
          "a storage provider on the class path could not be loaded: " + e.getMessage(), e);
    }
    return byName;
  }

  private static String describe(Map<String, List<StorageProvider>> found) {
    if (found.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    found.forEach((name, providers) -> parts.add("'" + name + "' " + classes(providers)));
    return String.join(", ", parts);
  }

  private static String classes(List<StorageProvider> providers) {
    List<String> names = new ArrayList<>();
    for (StorageProvider p : providers) {
      names.add(p.getClass().getName());
    }
    return names.toString();
  }
}
