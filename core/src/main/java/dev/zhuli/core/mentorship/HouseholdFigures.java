package dev.zhuli.core.mentorship;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.TreeId;
import java.util.OptionalDouble;

/**
 * A demonstration household's growers in a season: their pooled yield and revenue per mu (sums
 * over sums of area) and their mean compliance.
 *
 * @param household the demonstration household
 * @param tree its tree
 * @param growers its growers with a harvest in the season
 * @param yieldPerMu kg per mu, pooled; empty without harvests
 * @param revenuePerMu yuan per mu, pooled; empty without harvests
 * @param meanCompliance the mean of its growers' compliance rates; empty without inspections
 * @since 0.1.0
 */
public record HouseholdFigures(HouseholdId household, TreeId tree, int growers,
    OptionalDouble yieldPerMu, OptionalDouble revenuePerMu, OptionalDouble meanCompliance) {}
