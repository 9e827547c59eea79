export { compileDistribution } from "./compile.js";
export type { Distribution } from "./distribution.js";
export { lognormalParams, Z99 } from "./lognormal.js";
export { distributionSpecSchema } from "./schema.js";
export {
  type ConstantSpec,
  DISTRIBUTION_TYPES,
  type DistributionSpec,
  type EmpiricalSpec,
  type ExponentialSpec,
  type GammaSpec,
  type LognormalSpec,
  type MixtureSpec,
  type ParetoSpec,
  type WeibullSpec,
} from "./spec.js";
