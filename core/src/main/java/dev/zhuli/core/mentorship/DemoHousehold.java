package dev.zhuli.core.mentorship;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.store.ValueStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * A demonstration household (示範戶) in a tree, with the growers it guides and supervises.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class DemoHousehold {
  DemoHousehold() {}

  /**
   * The household.
   *
   * @return the household
   */
  public abstract HouseholdId household();

  /**
   * The program.
   *
   * @return the program
   */
  public abstract ProgramId program();

  /**
   * The tree it belongs to.
   *
   * @return the tree
   */
  public abstract TreeId tree();

  /**
   * Its growers, in the order they were assigned.
   *
   * @return the growers
   */
  public abstract List<HouseholdId> growers();

  /**
   * How it stands against the program's policy.
   *
   * @return the staffing
   */
  public abstract Staffing staffing();

  /**
   * How many growers it guides.
   *
   * @return the count
   */
  public int growerCount() {
    return growers().size();
  }
}
