import { RoutingInputError } from "./errors.js";
import type { NameIndex } from "./name-index.js";
import type { BackendId } from "./types.js";

/**
 * The backend indices of the last `context.available` list a router saw.
 *
 * Why: resolving names to indices costs a map lookup per backend; availability rarely changes
 * between calls, so `resolve` first compares the list element by element with the last one
 * (pointer compares for the same strings) and only re-resolves when it differs. Nothing is
 * allocated on the unchanged path. `version` increases on every change so callers can
 * invalidate what they derived from the list (e.g. cached alternatives).
 */
export class AvailableSet {
  /** Backend indices, `n` of them valid. */
  idx = new Int32Array(8);
  /** How many backends are available. */
  n = 0;
  /** Increases whenever the resolved list changes. */
  version = 0;
  private names: BackendId[] = [];
  /**
   * The last list resolved when it was frozen. Why: the simulator passes the same frozen
   * array on every decision of a timeline segment, and a frozen array cannot have changed, so
   * one identity compare replaces the element-by-element one.
   */
  private frozen: readonly BackendId[] | undefined;

  /**
   * @param available the context's available backends
   * @param backends the router's backend index; unseen backends are interned
   * @throws {RoutingInputError} when the list is missing or empty
   */
  resolve(available: readonly BackendId[], backends: NameIndex): void {
    // `frozen` is undefined until a frozen list is seen: a missing list must not match it.
    if (available === this.frozen && available !== undefined) return;
    const n = available?.length;
    if (n === this.n && n > 0) {
      const names = this.names;
      let same = true;
      for (let i = 0; i < n; i++) {
        if (available[i] !== names[i]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.frozen = Object.isFrozen(available) ? available : undefined;
        return;
      }
    }
    if (!n) {
      throw new RoutingInputError(
        "context.available",
        "must list at least one backend (got an empty or missing list)",
      );
    }
    // Every id is checked before anything changes, so a rejected list leaves the last one whole.
    for (let i = 0; i < n; i++) {
      const name = available[i];
      if (typeof name !== "string" || name === "") {
        throw new RoutingInputError(`context.available[${i}]`, "must be a non-empty backend id");
      }
    }
    if (this.idx.length < n) this.idx = new Int32Array(Math.max(n, this.idx.length * 2));
    for (let i = 0; i < n; i++) this.idx[i] = backends.intern(available[i]);
    this.names = available.slice();
    this.frozen = Object.isFrozen(available) ? available : undefined;
    this.n = n;
    this.version++;
  }

  /** The names of the available backends, as last resolved (a copy owned by this set). */
  get list(): readonly BackendId[] {
    return this.names;
  }
}
