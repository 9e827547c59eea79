export { sampleBeta } from "./beta.js";
export { BetaRound } from "./beta-round.js";
export { standardExponential } from "./exponential.js";
export { GAMMA_CONSTANTS, gammaConstants, gammaFromConstants, sampleGamma } from "./gamma.js";
export { hashKeys } from "./hash.js";
export { standardNormal } from "./normal.js";
export { sampleMany } from "./sample-many.js";
export { createStream, type RandomSource, RandomStream } from "./stream.js";
