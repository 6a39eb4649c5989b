/**
 * Benchmarks of Zhuli: the order lifecycle, growth of the stored data and retained heap, on the
 * in-memory store, an H2 file and PostgreSQL, against the raw-JDBC floor and Flowable 7.2 on the
 * same database; and mentorship commands, queries (a squad's open orders and figures, a disparity
 * report) and relay delivery on the same databases.
 *
 * <p>{@code Compare} runs them and prints one table with ratios; each benchmark
 * class also runs on its own through the JMH command line ({@code java -cp benchmarks.jar
 * org.openjdk.jmh.Main OrderLifecycle}). Only Zhuli's public API is used, the way a host would.
 */
package dev.zhuli.bench;
