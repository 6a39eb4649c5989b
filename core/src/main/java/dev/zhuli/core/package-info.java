/**
 * Zhuli's entry point and the vocabulary every feature shares: {@link dev.zhuli.core.Zhuli} and
 * its builder, the {@link dev.zhuli.core.Actor} every command names, typed ids, paging, and the
 * {@link dev.zhuli.core.ZhuliException} family with its stable {@link dev.zhuli.core.ErrorCode}.
 *
 * <p>Features live in their own packages: {@link dev.zhuli.core.roster}, {@link
 * dev.zhuli.core.order}, and {@link dev.zhuli.core.relay}, which delivers what the others commit
 * to the host's notifier and event subscribers.
 *
 * @since 0.1.0
 */
package dev.zhuli.core;
