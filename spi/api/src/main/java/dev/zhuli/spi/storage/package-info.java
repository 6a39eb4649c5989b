/**
 * The storage contract: what a plugin implements so that Zhuli can keep its records and its outbox
 * in the host's database.
 *
 * <p>A plugin offers a {@link dev.zhuli.spi.storage.StorageProvider} (found with
 * {@link java.util.ServiceLoader} through {@link dev.zhuli.spi.storage.Storages}) or its own
 * factory, and returns a {@link dev.zhuli.spi.storage.Storage}. Everything Zhuli persists goes
 * through {@link dev.zhuli.spi.storage.Storage#transact(UnitOfWork)}: inside one unit of work the
 * core reads and writes {@link dev.zhuli.spi.storage.StoredRecord records} and enqueues
 * {@link dev.zhuli.spi.storage.OutboxMessage outbox messages}, and all of it commits or none of
 * it does. The relay then delivers the messages through the
 * {@link dev.zhuli.spi.storage.Outbox outbox view}.
 *
 * <h2>The rules in short</h2>
 * <ul>
 *   <li><b>Records</b> have a kind (ASCII, at most {@value dev.zhuli.spi.storage.Limits#MAX_KIND_LENGTH}
 *       characters), an id (ASCII, at most {@value dev.zhuli.spi.storage.Limits#MAX_ID_LENGTH}), a
 *       version, an opaque body of at most {@value dev.zhuli.spi.storage.Limits#MAX_BODY_BYTES}
 *       bytes that reads back byte for byte, and at most
 *       {@value dev.zhuli.spi.storage.Limits#MAX_INDEX_ENTRIES} index entries.</li>
 *   <li><b>Versions</b>: an absent record has version 0; a write succeeds only when the stored
 *       version equals the expected one and stores expected + 1. Otherwise it is a
 *       {@link dev.zhuli.spi.storage.ConflictException} and nothing of the transaction is kept.
 *       Stores never retry by themselves.</li>
 *   <li><b>Isolation</b>: read committed. Reads are not validated, only the expected versions of
 *       writes. Reads inside a transaction see its own writes.</li>
 *   <li><b>Find</b> returns records of one kind whose index entry under a key lies in an inclusive
 *       range, ordered by (value, id) in Unicode code-point order, one page at a time.</li>
 *   <li><b>Outbox</b>: messages commit with the records; the relay claims due messages under a
 *       lease with a fencing token, then acknowledges, reschedules or buries them. A call with a
 *       stale token changes nothing and returns {@code false}. Dead letters are listed, revived
 *       (due again, same id) or purged (removed for good); live messages are never purged. Stores never read a clock: every
 *       time comes from the caller.</li>
 * </ul>
 *
 * <p>Each rule is also a test of the conformance suite (artifact {@code zhuli-spi-tck}); a plugin
 * that passes it keeps this contract. This package depends on the JDK only.
 *
 * @since 0.1.0
 */
package dev.zhuli.spi.storage;
