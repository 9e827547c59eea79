export { compileRelevance, type Relevance } from "./relevance.js";
export { relevanceSpecSchema } from "./schema.js";
export type {
  BernoulliRelevanceSpec,
  BetaRelevanceSpec,
  ConstantRelevanceSpec,
  RelevanceSpec,
} from "./spec.js";
