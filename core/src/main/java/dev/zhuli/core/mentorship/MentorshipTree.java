package dev.zhuli.core.mentorship;

import dev.zhuli.core.MemberId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.store.ValueStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * One expert's tree in a program (蛛網式管理): the expert, the demonstration households coached
 * by hand, and each one's growers.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class MentorshipTree {
  MentorshipTree() {}

  /**
   * The id.
   *
   * @return the id
   */
  public abstract TreeId id();

  /**
   * The program.
   *
   * @return the program
   */
  public abstract ProgramId program();

  /**
   * The expert (專家).
   *
   * @return the expert
   */
  public abstract MemberId expert();

  /**
   * The demonstration households, in the order they were appointed.
   *
   * @return the households
   */
  public abstract List<DemoHousehold> households();

  /**
   * The version, one more with every change of its households and with every policy change of
   * its program (which writes the tree to guard its limit).
   *
   * @return the version
   */
  public abstract long version();

  /**
   * How many growers the tree reaches through its households.
   *
   * @return the count
   */
  public int growerCount() {
    return households().stream().mapToInt(DemoHousehold::growerCount).sum();
  }
}
