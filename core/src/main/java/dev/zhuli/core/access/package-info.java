/**
 * Who may do what: the {@link dev.zhuli.core.access.AccessPolicy} every command consults, the
 * {@link dev.zhuli.core.access.Action actions} it decides on, and the facts it decides with.
 *
 * <p>The standard policy follows DESIGN.md; hosts may replace it. Members' roles are read from
 * the roster when a command runs, so a coordinator replaced a moment ago is no longer one.
 *
 * @since 0.1.0
 */
package dev.zhuli.core.access;
