/**
 * Interns names (backend ids, query types) as small integers, so hot loops index typed arrays
 * instead of looking strings up in maps. Names are only ever added: an index stays valid for
 * the router's lifetime, and memory grows with the number of distinct names, not with traffic.
 */
export class NameIndex {
  private readonly ids = new Map<string, number>();
  /** The names, by index. */
  readonly names: string[] = [];

  /** @param initial names to intern first, in order */
  constructor(initial: Iterable<string> = []) {
    for (const name of initial) this.intern(name);
  }

  /** How many names are interned. */
  get size(): number {
    return this.names.length;
  }

  /**
   * @param name a name
   * @returns its index, interning it when new
   */
  intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  /**
   * @param name a name
   * @returns its index, or -1 when it was never interned
   */
  find(name: string): number {
    const id = this.ids.get(name);
    return id === undefined ? -1 : id;
  }
}
