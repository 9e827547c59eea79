/**
 * The range of Beta shape parameters (α and β, given or derived from mean and concentration)
 * that a scenario may use.
 *
 * Why an upper bound: a Beta relevance is drawn from a table split at u* = F(minRelevance),
 * where F is jStat's regularised incomplete beta (see beta-table.ts), and the oracle's success
 * probability is 1 − F too. That function is a continued fraction of at most 100 terms, which
 * stops converging once both shapes are large: against SciPy's betainc its error stays at its
 * usual ≈ 6·10⁻⁸ up to α = β = 2·10⁴, then grows (3·10⁻⁶ at 5·10⁴, 10⁻⁴ at 10⁵, 0.06 at
 * 10⁶, a negative "probability" at 10⁷, NaN relevance at 10²⁰⁰). 10⁴ keeps a factor of 2 from
 * the first loss; a Beta beyond it (α + β > 10⁴, so sd < 0.005) is a constant relevance in all but
 * name, and `constant` says so exactly.
 *
 * Why a lower bound: below 1e-300 the shapes approach the subnormal doubles, where jStat's
 * log-gamma (and so F) fails (F(0.01; 1e-310, 1e-300) = 0 instead of 0.5), and a mean times a
 * concentration can underflow to 0. Down to 1e-300, F matches SciPy to 10⁻⁹.
 */
export const BETA_SHAPE_MIN = 1e-300;

/** See {@link BETA_SHAPE_MIN}. */
export const BETA_SHAPE_MAX = 1e4;
