package dev.zhuli.core.mentorship;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.store.ValueStyle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A demonstration program (示範點/項目): the Nangou grape park's year, say. It sets the crop, the
 * season, the practice plan and the yield target; its experts each run a {@link MentorshipTree}.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Program {
  Program() {}

  /**
   * The id.
   *
   * @return the id
   */
  public abstract ProgramId id();

  /**
   * The name.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * The village or community.
   *
   * @return the village
   */
  public abstract VillageId village();

  /**
   * The help group serving the village.
   *
   * @return the group
   */
  public abstract GroupId group();

  /**
   * The crop.
   *
   * @return the crop
   */
  public abstract String crop();

  /**
   * The season.
   *
   * @return the season
   */
  public abstract String season();

  /**
   * The practice plan, in order.
   *
   * @return the practices
   */
  public abstract List<Practice> plan();

  /**
   * The yield target, kg per mu.
   *
   * @return the target
   */
  public abstract BigDecimal yieldTarget();

  /**
   * The owner.
   *
   * @return the owner
   */
  public abstract MemberId owner();

  /**
   * The policy numbers.
   *
   * @return the policy
   */
  public abstract ProgramPolicy policy();

  /**
   * Each expert's tree.
   *
   * @return the trees by expert
   */
  public abstract Map<MemberId, TreeId> trees();

  /**
   * When it was created.
   *
   * @return the time
   */
  public abstract Instant createdAt();

  /**
   * The version, one more with every change.
   *
   * @return the version
   */
  public abstract long version();
}
