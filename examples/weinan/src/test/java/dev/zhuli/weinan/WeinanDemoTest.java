package dev.zhuli.weinan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.mentorship.BonusAward;
import dev.zhuli.core.order.OrderStatus;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * Runs the demo end to end, in memory and twice on one H2 file, and checks the reports against
 * the scenario: the article's orders by status, the money and trainees they mobilised, the Nangou
 * tree of 10 households with 10 to 20 growers each, the awards, and an HTML page that is
 * well-formed, script-free and holds the tree and both charts.
 */
class WeinanDemoTest {

  private static WeinanDemo.Outcome run(String... args) throws Exception {
    WeinanDemo demo = new WeinanDemo(new PrintWriter(new StringWriter()));
    new CommandLine(demo).parseArgs(args);
    return demo.runStory(demo.lang);
  }

  private static void checkAgainstTheScenario(WeinanDemo.Outcome o) {
    Figures f = o.figures();
    assertThat(f.totals().placed()).isEqualTo(5);
    assertThat(f.totals().byStatus())
        .containsEntry(OrderStatus.CLOSED, 4).containsEntry(OrderStatus.RESOLVED, 1)
        .hasSize(2);
    assertThat(f.totals().money()).isEqualByComparingTo(Scenario.DATANG_PROJECT);
    assertThat(f.totals().trained()).isGreaterThanOrEqualTo(Scenario.LIVE_STREAM_TRAINEES)
        .isEqualTo(Scenario.CADRES_TRAINED + Scenario.LIVE_STREAM_TRAINEES + 36);
    assertThat(f.rows()).filteredOn(r -> r.squad() == null).hasSize(11);
    assertThat(f.tree().households()).hasSize(10)
        .allSatisfy(h -> assertThat(h.growerCount()).isBetween(10, 20));
    assertThat(f.tree().growerCount()).isEqualTo(f.story().mentorOf().size())
        .isEqualTo(f.growerYield().size());
    assertThat(f.bonuses().awards()).hasSize(10)
        .allSatisfy(a -> assertThat(a.lines()).last().isEqualTo("total: " + a.amount()));
    assertThat(f.bonuses().approvedAt()).isPresent();
    assertThat(f.disparity().yieldPerMu().ratio().getAsDouble()).isGreaterThan(2);
    assertThat(f.disparity().executionExplainsGap()).isTrue();
    assertThat(f.story().promoted().season()).isEqualTo("2026");

    assertThat(o.text()).contains("350000", "南溝葡萄示範園 → 北順葡萄示範園",
        "10 示範戶", f.tree().growerCount() + " 種植戶");
    for (BonusAward a : f.bonuses().awards()) {
      assertThat(o.text()).contains(a.amount().toPlainString());
    }
  }

  @Test
  void inMemoryTheReportsTellTheScenario() throws Exception {
    WeinanDemo.Outcome o = run("--memory");
    checkAgainstTheScenario(o);
    assertThat(o.htmlPath()).isNull();
    checkHtml(o.html(), o.figures());
  }

  @Test
  void onAnH2FileASecondRunReplaysTheFirst(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("db").resolve("weinan");
    WeinanDemo.Outcome first = run("--db", db.toString());
    checkAgainstTheScenario(first);
    assertThat(first.htmlPath()).isEqualTo(dir.resolve("db").resolve("report.html"));
    String page = Files.readString(first.htmlPath(), StandardCharsets.UTF_8);
    checkHtml(page, first.figures());

    WeinanDemo.Outcome second = run("--db", db.toString());
    checkAgainstTheScenario(second);
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(second.figures().tree().growerCount())
        .isEqualTo(first.figures().tree().growerCount());
    assertThat(second.figures().orders()).hasSameSizeAs(first.figures().orders());
  }

  private static void checkHtml(String page, Figures f) throws Exception {
    assertThat(page).startsWith("<!DOCTYPE html>").doesNotContainIgnoringCase("<script")
        .as("self-contained").doesNotContain("src=", "href=", "@import", "url(");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
    var xpath = XPathFactory.newInstance().newXPath();
    NodeList growers = (NodeList) xpath.evaluate(
        "//*[@id='mentorship-tree']//*[@class='grower']", doc, XPathConstants.NODESET);
    assertThat(growers.getLength()).isEqualTo(f.tree().growerCount());
    NodeList households = (NodeList) xpath.evaluate(
        "//*[@id='mentorship-tree']//*[@class='household']", doc, XPathConstants.NODESET);
    assertThat(households.getLength()).isEqualTo(10);
    NodeList bars = (NodeList) xpath.evaluate("//*[@id='order-flow']//*[@class='flow-bar']",
        doc, XPathConstants.NODESET);
    assertThat(bars.getLength()).isPositive();
    NodeList dots = (NodeList) xpath.evaluate(
        "//*[@id='yield-distribution']//*[@class='yield-dot']", doc, XPathConstants.NODESET);
    assertThat(dots.getLength()).isEqualTo(f.growerYield().size());
    assertThat(xpath.evaluate("string(//*[@id='bonuses'])", doc))
        .contains(f.bonuses().total().toPlainString());
    assertThat(xpath.evaluate("string(//*[@id='orders'])", doc)).contains("350000");
    assertThat(f.bonuses().total()).isGreaterThan(BigDecimal.ZERO);
  }

  @Test
  void aGeneratedYearAddsItsOrdersAndFollowsTheSeed() throws Exception {
    WeinanDemo.Outcome o = run("--memory", "--villages", "6", "--orders", "40", "--seed", "7");
    Figures f = o.figures();
    assertThat(f.totals().placed()).isEqualTo(5 + 40);
    assertThat(f.orders()).hasSize(45);
    assertThat(f.totals().byStatus().values().stream().mapToInt(i -> i).sum()).isEqualTo(45);
    assertThat(f.totals().money()).isGreaterThan(Scenario.DATANG_PROJECT);
    assertThat(f.tree().households()).hasSize(10);
    WeinanDemo.Outcome again = run("--memory", "--villages", "6", "--orders", "40", "--seed",
        "7");
    assertThat(again.text()).as("deterministic per seed").isEqualTo(o.text());
  }

  @Test
  void badOptionsExitWithTwoAndAClearMessage() {
    for (String[] args : new String[][] {{"--lang", "fr"}, {"--bogus"},
        {"--memory", "--db", "x"}, {"--memory", "--jdbc-url", "jdbc:h2:mem:x"}, {"--orders", "5"}, {"--villages", "-1"}}) {
      StringWriter err = new StringWriter();
      int code = WeinanDemo.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
      assertThat(code).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString()).contains("Usage:");
    }
    StringWriter out = new StringWriter();
    assertThat(WeinanDemo.run(new PrintWriter(out), new PrintWriter(new StringWriter()),
        "--help")).isZero();
    assertThat(out.toString()).contains("--memory", "--jdbc-url", "--db", "--lang", "--html");
  }
}
