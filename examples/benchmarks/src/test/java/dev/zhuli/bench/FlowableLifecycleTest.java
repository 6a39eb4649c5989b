package dev.zhuli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowable.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * The Flowable baseline sets up on an H2 file and one lifecycle runs to the end event, so that a
 * broken baseline shows in the build. Nothing here measures.
 */
class FlowableLifecycleTest {

  @Test
  void aLifecycleFinishesTheProcessInAnH2File() {
    FlowableLifecycle bench = new FlowableLifecycle();
    bench.database = Database.H2;
    bench.open();
    try {
      String id = bench.lifecycle();
      HistoricProcessInstance done = bench.history().createHistoricProcessInstanceQuery()
          .processInstanceId(id).singleResult();
      assertThat(done.getEndTime()).isNotNull();
      assertThat(done.getEndActivityId()).isEqualTo("closed");
      assertThat(bench.history().createHistoricTaskInstanceQuery().processInstanceId(id)
          .finished().count()).isEqualTo(3);
    } finally {
      bench.close();
    }
  }
}
