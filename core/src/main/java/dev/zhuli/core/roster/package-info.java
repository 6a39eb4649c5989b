/**
 * Who is who (名冊): the regions of a city down to its villages, each county's help group
 * (紅色助力團) with its squads (功能小組: 頭雁, 產業, 培訓, 行銷 and hosts' own), and the
 * group's members with their backgrounds, skills and squads.
 *
 * <p>{@link dev.zhuli.core.roster.Roster} holds the commands and queries. Value types are
 * immutable; inputs are built with their nested {@code Builder}. Labels of the kinds come in
 * zh-Hans, zh-Hant and English.
 *
 * @since 0.1.0
 */
package dev.zhuli.core.roster;
