/**
 * The Weinan demo: the source article's story told through Zhuli's public API, run from the
 * command line by {@link dev.zhuli.weinan.WeinanDemo}. It builds Weinan's help groups and squads,
 * places and handles the article's orders on a clock the demo steps through 2025, runs the Nangou
 * spider-web program's season, and reports the year on the terminal and as a self-contained HTML
 * page. Everything it writes carries request keys derived from the scenario, so running it twice
 * on one database tells the story once.
 */
package dev.zhuli.weinan;
