import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SparseFeatures } from "../../src/routing/featurize.js";
import { invertSpd, LinearModel } from "../../src/routing/linear-model.js";

const D = 12;
/** A sparse vector of dimension D with distinct indices. */
const sparseArb = fc
  .uniqueArray(fc.integer({ min: 0, max: D - 1 }), { minLength: 1, maxLength: 5 })
  .chain((indices) =>
    fc
      .array(fc.double({ min: -1, max: 1, noNaN: true }), {
        minLength: indices.length,
        maxLength: indices.length,
      })
      .map((values): SparseFeatures => ({ indices, values, nnz: indices.length })),
  );

function dense(x: SparseFeatures): number[] {
  const v = new Array<number>(D).fill(0);
  for (let k = 0; k < x.nnz; k++) v[x.indices[k]] = x.values[k];
  return v;
}

describe("LinearModel", () => {
  it("keeps A⁻¹ (Sherman–Morrison) equal to a direct inverse of A, and θ̂ = A⁻¹b (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sparseArb, fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        (steps, lambda) => {
          const m = new LinearModel(D, lambda);
          for (const [x, r] of steps) m.update(x, r);
          const direct = invertSpd(m.gram, D)!;
          // A's eigenvalues lie in [λ, λ + 5·60] here (each |x|² ≤ 5), so κ(A) ≤ 3,000 and the
          // rank-one updates lose at most ~κ·60·ε ≈ 4·10⁻¹¹ relative; 10⁻⁸ is loose but fails
          // on any algebra error (those are O(1)).
          const scale = 1 / lambda;
          for (let i = 0; i < D * D; i++) {
            expect(Math.abs(m.inverse[i] - direct[i])).toBeLessThan(1e-8 * scale);
          }
          for (let i = 0; i < D; i++) {
            let s = 0;
            for (let j = 0; j < D; j++) s += direct[i * D + j] * m.target[j];
            expect(Math.abs(m.theta[i] - s)).toBeLessThan(1e-8 * (1 + Math.abs(s)));
          }
          // A itself is λI + Σ x xᵀ.
          const a = new Float64Array(D * D);
          for (let i = 0; i < D; i++) a[i * D + i] = lambda;
          for (const [x] of steps) {
            const v = dense(x);
            for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) a[i * D + j] += v[i] * v[j];
          }
          for (let i = 0; i < D * D; i++) expect(m.gram[i]).toBeCloseTo(a[i], 10);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("evaluates xᵀθ̂ and xᵀA⁻¹x from the non-zeros as the dense products do (property)", () => {
    fc.assert(
      fc.property(fc.array(sparseArb, { maxLength: 20 }), sparseArb, (history, x) => {
        const m = new LinearModel(D, 1);
        history.forEach((h, i) => {
          m.update(h, i % 2);
        });
        const v = dense(x);
        let mean = 0;
        let quad = 0;
        for (let i = 0; i < D; i++) {
          mean += m.theta[i] * v[i];
          for (let j = 0; j < D; j++) quad += v[i] * m.inverse[i * D + j] * v[j];
        }
        expect(m.mean(x)).toBeCloseTo(mean, 12);
        expect(m.variance(x)).toBeCloseTo(quad, 12);
      }),
    );
  });

  it("invertSpd inverts, and refuses a matrix that is not positive definite", () => {
    const inv = invertSpd([4, 2, 2, 3], 2)!;
    [0.375, -0.25, -0.25, 0.5].forEach((v, i) => {
      expect(inv[i]).toBeCloseTo(v, 15);
    });
    expect(invertSpd([1, 2, 2, 1], 2)).toBeUndefined();
    expect(invertSpd([0, 0, 0, 1], 2)).toBeUndefined();
  });
});
