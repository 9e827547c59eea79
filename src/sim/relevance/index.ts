export { LOGIT_LIMIT, logisticLogit, sigmoid, textWords } from "./logistic.js";
export { compileRelevance, type Relevance } from "./relevance.js";
export { relevanceSpecSchema } from "./schema.js";
export type {
  BernoulliRelevanceSpec,
  BetaRelevanceSpec,
  ConstantRelevanceSpec,
  LogisticRelevanceSpec,
  RelevanceSpec,
} from "./spec.js";
