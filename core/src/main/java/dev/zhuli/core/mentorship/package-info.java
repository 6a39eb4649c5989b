/**
 * Mentorship trees (蛛網式管理), the spider-web model of the Nangou grape park: a demonstration
 * program (示範點) in a village sets a crop, a season, a practice plan and a yield target; each
 * expert (專家) of the program runs one tree, coaching up to ten demonstration households (示範戶)
 * by hand, and each of those guides and supervises ten to twenty ordinary growers (種植戶).
 *
 * <p>{@link dev.zhuli.core.mentorship.Mentorship} holds the commands and queries. The policy
 * numbers ({@link dev.zhuli.core.mentorship.ProgramPolicy}) are set per program and never
 * written into the rules. Every limit that spans records is guarded by a record every competing
 * command writes: a tree's record for its households, a demonstration household's record for its
 * growers, a grower's own record for "one household per program", and all of them for a change
 * of policy.
 *
 * @since 0.1.0
 */
package dev.zhuli.core.mentorship;
