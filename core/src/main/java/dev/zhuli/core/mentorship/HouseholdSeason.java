package dev.zhuli.core.mentorship;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.TreeId;
import java.util.OptionalDouble;

/**
 * What a bonus policy knows of one demonstration household's season: its growers' mean
 * compliance, their share at or above the yield target, and their mean yield per mu this season
 * and the previous one. Voided entries count for nothing.
 *
 * @param household the demonstration household
 * @param tree its tree
 * @param growers its growers now
 * @param meanCompliance the mean of its inspected growers' compliance rates, 0 to 1
 * @param shareAtTarget the share of its harvesting growers at or above the target, 0 to 1
 * @param meanYieldPerMu its harvesting growers' mean yield per mu, kg
 * @param previousMeanYieldPerMu the same, in the previous season
 * @since 0.1.0
 */
public record HouseholdSeason(HouseholdId household, TreeId tree, int growers,
    OptionalDouble meanCompliance, OptionalDouble shareAtTarget, OptionalDouble meanYieldPerMu,
    OptionalDouble previousMeanYieldPerMu) {}
