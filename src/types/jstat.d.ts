// Minimal types for the parts of jstat the lab uses (jstat ships none). Its random draws use a
// global generator, so the lab uses jstat only for densities, distribution functions and
// special functions; seeded draws come from src/random/.
declare module "jstat" {
  interface Continuous2 {
    pdf(x: number, a: number, b: number): number;
    cdf(x: number, a: number, b: number): number;
    inv(p: number, a: number, b: number): number;
    mean(a: number, b: number): number;
    variance(a: number, b: number): number;
  }
  interface Continuous1 {
    pdf(x: number, a: number): number;
    cdf(x: number, a: number): number;
    inv(p: number, a: number): number;
  }
  interface JStatStatic {
    beta: Continuous2;
    gamma: Continuous2;
    lognormal: Continuous2;
    normal: Continuous2;
    weibull: Continuous2;
    exponential: Continuous1;
    studentt: Continuous1;
    chisquare: Continuous1;
    /** ln Γ(x) */
    gammaln(x: number): number;
    /** Γ(x) */
    gammafn(x: number): number;
    /** regularised lower incomplete gamma P(a, x) */
    lowRegGamma(a: number, x: number): number;
    /** regularised incomplete beta I_x(a, b) */
    ibeta(x: number, a: number, b: number): number;
    /** ψ is not in jstat; digamma must be computed elsewhere. */
    erf(x: number): number;
  }
  const jStat: JStatStatic;
  export default jStat;
  export { jStat };
}
