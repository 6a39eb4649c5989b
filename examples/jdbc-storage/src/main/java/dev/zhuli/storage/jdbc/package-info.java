/**
 * The reference storage plugin: Zhuli's records and outbox in H2 or PostgreSQL, through JDBC.
 *
 * <p>A host opens a {@link dev.zhuli.storage.jdbc.JdbcStorage} on its own
 * {@link javax.sql.DataSource} ({@code JdbcStorage.using(dataSource)}) or from settings through
 * {@link dev.zhuli.storage.jdbc.JdbcStorageProvider}, the provider named {@code jdbc}, and hands
 * it to Zhuli's builder. A county on one office PC keeps an embedded H2 file; a city or province
 * whose several application instances share one database uses PostgreSQL. Both keep the whole
 * storage contract, and the conformance suite runs against both in this module's build.
 *
 * <p>Three tables hold everything: {@code zhuli_record} (kind, id, version, body), whose index
 * entries are also rows of {@code zhuli_index} (kind, key, value, id) ordered for equality and
 * range finds in Unicode code-point order, and {@code zhuli_outbox}, with the lease, fencing
 * token and dead-letter state of each message. The scripts that create them are in the jar, one
 * folder per {@link dev.zhuli.storage.jdbc.Dialect}, named so that Flyway or Liquibase can run
 * them; the store runs them itself only when asked.
 *
 * <p>{@link dev.zhuli.storage.jdbc.StorageCopy} copies one such store into another, for example
 * when a county outgrows its H2 file and moves to PostgreSQL, and proves the copy by counts and
 * checksums.
 *
 * <p>Every public type says how it may be used from several threads; the stores themselves are
 * thread-safe.
 *
 * @since 0.1.0
 */
package dev.zhuli.storage.jdbc;
