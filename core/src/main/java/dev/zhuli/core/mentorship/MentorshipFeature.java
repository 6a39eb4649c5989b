package dev.zhuli.core.mentorship;

import dev.zhuli.core.store.CommandRunner;

/**
 * Makes the mentorship feature of a Zhuli instance.
 *
 * <p>For {@code Zhuli}'s builder; hosts reach the feature through {@code Zhuli.mentorship()}.
 *
 * @since 0.1.0
 */
public final class MentorshipFeature {
  private MentorshipFeature() {}

  /**
   * The mentorship feature over a command runner.
   *
   * @param runner the command runner
   * @param settings the feature's numbers
   * @return the feature
   */
  public static Mentorship create(CommandRunner runner, MentorshipSettings settings) {
    return new MentorshipService(runner, settings);
  }

  /**
   * The supervision feature over a command runner.
   *
   * @param runner the command runner
   * @param settings the feature's numbers
   * @return the feature
   */
  public static Supervision supervision(CommandRunner runner, MentorshipSettings settings) {
    return new SupervisionService(runner, settings);
  }
}
