package dev.zhuli.weinan;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * A progress bar on the terminal's error stream, redrawn in place; silent when the demo's output
 * goes to a file or a pipe, so that logs stay clean.
 */
final class Progress implements IntConsumer {
  private static final int WIDTH = 40;
  private final int total;
  private final PrintStream err;
  private final boolean shown;
  private int lastPercent = -1;

  Progress(int total) {
    this(total, System.err, System.console() != null);
  }

  Progress(int total, PrintStream err, boolean shown) {
    this.total = Math.max(1, total);
    this.err = err;
    this.shown = shown;
  }

  @Override
  public void accept(int done) {
    int percent = (int) Math.min(100, 100L * done / total);
    if (!shown || percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = WIDTH * percent / 100;
    err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% "
        + Math.min(done, total) + "/" + total);
    err.flush();
  }

  /** Ends the bar's line. */
  void finish() {
    if (shown) {
      err.println();
    }
  }
}
