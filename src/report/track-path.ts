/**
 * Runs an accessor such as `(r) => r.speed.strategies[name].decisionsPerSecond.median` on
 * data and returns the value with the property path it followed
 * (`["speed", "strategies", "thompson", "decisionsPerSecond", "median"]`). The report reads
 * numbers through typed accessors, so a renamed field fails `tsc`, and the provenance of each
 * number is this path rather than a second, hand-written copy of it.
 *
 * The accessor must be one chain of property reads: no method calls, no second chain, no
 * symbols. Reading past a missing value (`r.findings[0].rank` with no findings) gives
 * `undefined` with the path up to and including the missing step, which the report prints as
 * `n/a` (as it did for a missing dotted path).
 *
 * @param data the object to read, e.g. a parsed results file
 * @param get a chain of property reads from `data`
 * @returns the value read and the path followed, one segment per property (array indices
 *   as decimal strings)
 * @throws {AccessorError} when the accessor calls a method, reads a symbol, reads a key holding
 *   `.` (the path could not be written as dots) or starts a second chain
 * @example trackPath({ a: [{ b: 2 }] }, (x) => x.a[0].b) // { value: 2, path: ["a", "0", "b"] }
 */
export function trackPath<T extends object, V>(
  data: T,
  get: (data: T) => V,
): { value: V | undefined; path: string[] } {
  const path: string[] = [];
  // The object behind each proxy, so an accessor that returns an object returns the object.
  const targets = new WeakMap<object, object>();
  // Each proxy knows how deep it sits; a read on any but the deepest starts a second chain.
  const watch = <O extends object>(target: O, depth: number): O => {
    const proxy = new Proxy(target, {
      get(t, key, receiver) {
        const at = path.length === 0 ? "the root" : path.join(".");
        if (typeof key === "symbol") throw new AccessorError(`read a symbol at ${at}`);
        if (depth !== path.length) {
          throw new AccessorError(`read ${key} beside ${at}: one property chain only`);
        }
        if (key.includes("."))
          throw new AccessorError(`read key "${key}" at ${at}, which holds a "."`);
        const value: unknown = Reflect.get(t, key, receiver);
        if (typeof value === "function") {
          throw new AccessorError(`called ${key}() at ${at}: property reads only`);
        }
        path.push(key);
        return typeof value === "object" && value !== null ? watch(value, depth + 1) : value;
      },
    });
    targets.set(proxy, target);
    return proxy;
  };
  try {
    const value = get(watch(data, 0));
    const target = typeof value === "object" && value !== null ? targets.get(value) : undefined;
    return { value: target === undefined ? value : unwrapped(value, target), path };
  } catch (err) {
    // A read past undefined throws a TypeError outside the proxy: the path stops there.
    if (err instanceof TypeError && !(err instanceof AccessorError))
      return { value: undefined, path };
    throw err;
  }
}

/** The object behind a proxy, typed as the proxy was (a proxy has its target's type). */
function unwrapped<V>(_proxy: V, target: object): V {
  return target as V;
}

/** An accessor that is not one chain of property reads (a bug in the report, not in data). */
export class AccessorError extends TypeError {
  override readonly name = "AccessorError";

  constructor(problem: string) {
    super(`report accessor ${problem}`);
  }
}
