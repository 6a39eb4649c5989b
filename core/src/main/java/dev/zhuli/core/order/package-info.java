/**
 * Villages' orders for help (需求單): placed by a village (點單), dispatched to a squad or opened
 * for claiming (派單, 搶單), accepted with a lead and helpers (接單), worked through activities,
 * resolved with a report (辦結) and rated by the village (評單).
 *
 * <p>{@link dev.zhuli.core.order.Orders} holds the commands and queries;
 * {@link dev.zhuli.core.order.Transition} is the one transition table every change follows.
 *
 * <p>Service levels (服務時限): each open status runs a clock whose term
 * ({@link dev.zhuli.core.order.Term}) the group's {@link dev.zhuli.core.order.ServiceLevels} set
 * per urgency, counted on its {@link dev.zhuli.core.order.WorkCalendar}; an order keeps its clocks
 * as {@link dev.zhuli.core.order.Deadline}s. {@link dev.zhuli.core.order.Orders#sweep} raises
 * the reminders, overdue notices and escalations, each once per deadline.
 *
 * @since 0.1.0
 */
package dev.zhuli.core.order;
