/**
 * The storage conformance suite (TCK): the contract of {@link dev.zhuli.spi.storage} as tests.
 *
 * <p>A plugin author extends {@link dev.zhuli.spi.tck.StorageTck}, returns a new, empty store from
 * {@code newStorage()}, and runs it with their own JUnit Jupiter engine. Stores that declare
 * {@code SHARED} or {@code DURABLE} also implement {@link dev.zhuli.spi.tck.SharedStorageRules}
 * or {@link dev.zhuli.spi.tck.DurableStorageRules}. Each test is named after the rule it checks;
 * {@link dev.zhuli.spi.tck.TckRule} lists them all with what to check when one fails.
 *
 * <p>Besides fixed examples, the suite runs random histories of writes, finds and outbox calls
 * against the store and against a small reference model, comparing them after every step
 * (QuickTheories; a failure prints the seed, and {@code -DQT_SEED=…} replays it).
 *
 * @since 0.1.0
 */
package dev.zhuli.spi.tck;
