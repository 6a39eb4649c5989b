package dev.zhuli.core.mentorship;

import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.stateful.Sequential;

/**
 * Mentorship against its model ({@link MentorshipModel}): random histories of 20 to 40
 * commands (appoint, remove with and without a target household, register new and existing
 * households, assign, move, unassign, raise or lower each policy number, add an expert) by
 * random actors (the system, the owner, each expert, the coordinator, a member of another
 * county, a household's head acting for its own household and for another, an administrator of
 * the county and of another county). After every step the system must show what the model
 * predicts, outcome by outcome and notification by notification, and keep the limits and the
 * grower–household agreement; a refused step must leave every record byte for byte as it was and
 * send nothing, and a committed one must emit {@code mentorship.*} events.
 */
class MentorshipModelTest {

  @Test
  @Timeout(120)
  void randomHistoriesByRandomActorsMatchTheModel() {
    // one world for all histories, each history with programs of its own: building the roster
    // for each would cost more than the history
    try (MentorshipFixtures world = MentorshipFixtures.nangou()) {
      qt().withExamples(100).withShrinkCycles(50).forAll(MentorshipModel.histories())
          .checkAssert(history -> {
            List<MentorshipModel.Sut> made = new ArrayList<>();
            try {
              Sequential.modelCheck(MentorshipModel.State.initial(), history, m -> {
                MentorshipModel.Sut sut = new MentorshipModel.Sut(world, true, 0);
                made.add(sut);
                return sut;
              }, MentorshipModel.Sut::project);
            } catch (AssertionError e) {
              String trace = made.isEmpty() ? "" : "\n" + made.get(0).traceText();
              throw new AssertionError(e.getMessage() + trace, e);
            }
          });
    }
  }
}
