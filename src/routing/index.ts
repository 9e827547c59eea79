export {
  credibleInterval,
  normalApproximationHolds,
  type Proportion,
  probabilityToBeBest,
  twoProportionZTest,
  type ZTestResult,
} from "./ab-stats.js";
export {
  type AbComparison,
  type AbTestOptions,
  AbTestRouter,
  type AbVariant,
  type AbVariantReport,
  VariantDecision,
} from "./ab-test.js";
export {
  type AdaptivePatternOptions,
  AdaptivePatternRouter,
  DEFAULT_ADAPTIVE_PATTERNS,
  type PatternChoiceRow,
} from "./adaptive-pattern.js";
export { type AlwaysOptions, AlwaysRouter } from "./always-router.js";
export { ArmTable, type ForgettingOptions } from "./arm-table.js";
export {
  type BanditOptions,
  BanditRouter,
  type LoadOptions,
} from "./bandit-router.js";
export { BaseRouter, type BaseRouterOptions, defaultClassifier } from "./base-router.js";
export { recordBatch, routeBatch } from "./batch.js";
export { type Classification, QueryClassifier } from "./classifier.js";
export { DEFAULT_D_UCB_DISCOUNT, type DUcbOptions, DUcbRouter } from "./d-ucb.js";
export { Decision, type DecisionExplainer } from "./decision.js";
export {
  CachedRouter,
  type DecisionCacheOptions,
  type DecisionCacheStats,
} from "./decision-cache.js";
export {
  DEFAULT_FALLBACK_ORDER,
  DEFAULT_PATTERNS,
  DEFAULT_TYPE_BACKENDS,
  type PatternConfig,
} from "./defaults.js";
export { DelegatingRouter } from "./delegating-router.js";
export { type EpsilonGreedyOptions, EpsilonGreedyRouter } from "./epsilon-greedy.js";
export { RoutingInputError } from "./errors.js";
export { DEFAULT_EXP3_GAMMA, type Exp3Options, Exp3Router } from "./exp3.js";
export {
  DEFAULT_FEATURE_DIMENSION,
  Featurizer,
  type FeaturizerOptions,
  featurize,
  featurizeSparse,
  type SparseFeatures,
} from "./featurize.js";
export { type FixedShareOptions, FixedShareRouter } from "./fixed-share-router.js";
export { IndexRouter } from "./index-router.js";
export { bernoulliKl, type KlUcbOptions, KlUcbRouter, klUcbIndex } from "./kl-ucb.js";
export { type LeastOutstandingOptions, LeastOutstandingRouter } from "./least-outstanding.js";
export { invertSpd, LinearModel } from "./linear-model.js";
export {
  LINEAR_SAVED_FORMAT,
  type LinearParams,
  linearParamsSchema,
  parseLinearParams,
} from "./linear-params.js";
export { type LinearLoadOptions, type LinearOptions, LinearRouter } from "./linear-router.js";
export { type LinearThompsonOptions, LinearThompsonRouter } from "./linear-thompson.js";
export { type LinUcbOptions, LinUcbRouter } from "./linucb.js";
export { NameIndex } from "./name-index.js";
export { type PaddedUcbOptions, PaddedUcbRouter } from "./padded-ucb.js";
export { loadPatternConfig, parsePatternConfig } from "./pattern-config.js";
export { type PeakEwmaOptions, PeakEwmaRouter } from "./peak-ewma.js";
export {
  type PosteriorArm,
  type PosteriorSnapshot,
  PosteriorWatcher,
  type PosteriorWatcherOptions,
} from "./posterior-watcher.js";
export { type BetaPrior, type PriorOptions, priorResolver, UNIFORM_PRIOR } from "./priors.js";
export {
  DEFAULT_QUERY_SET_PATH,
  type LabelledQuery,
  loadQuerySet,
  parseQuerySet,
} from "./query-set.js";
export { type RandomOptions, RandomRouter } from "./random-router.js";
export { RecordingRouter } from "./recording-router.js";
export {
  createRouter,
  isLearnable,
  LEARNING_STRATEGIES,
  type RouterOptions,
  STRATEGY_NAMES,
  type StrategyName,
  type StrategyOptionsMap,
  type StrategyRouterMap,
} from "./registry.js";
export {
  DEFAULT_SUCCESS,
  type RewardFunction,
  type RewardOption,
  rewardFunction,
  type SuccessOption,
  successRule,
  type ThresholdSuccess,
  validateOutcome,
} from "./reward.js";
export { type RoundRobinOptions, RoundRobinRouter } from "./round-robin.js";
export { type RuleBasedOptions, RuleBasedRouter } from "./rule-based.js";
export {
  type LegacyParams,
  parseSavedParams,
  readParamsFile,
  SAVED_FORMAT,
  type SavedParams,
} from "./saved-params.js";
export { parseStrategySpec, type StrategySpec, strategyOptionKeys } from "./strategy-spec.js";
export { DEFAULT_SW_WINDOW, type SwUcbOptions, SwUcbRouter } from "./sw-ucb.js";
export {
  LearnedRouter,
  type PosteriorEntry,
  type ThompsonOptions,
  ThompsonRouter,
} from "./thompson.js";
export { twoChoiceProbabilities } from "./two-choices.js";
export { TypeExcludingRouter } from "./type-excluding-router.js";
export * from "./types.js";
export { type Ucb1Options, Ucb1Router } from "./ucb1.js";
