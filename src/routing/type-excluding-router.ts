import { defaultClassifier } from "./base-router.js";
import type { QueryClassifier } from "./classifier.js";
import { DelegatingRouter } from "./delegating-router.js";
import type { BackendId, Query, QueryType, Router, RoutingContext } from "./types.js";

/**
 * Wraps a router and hides some backends from it for some query types: "move the personal
 * queries off mem0" without changing the strategy. The wrapped router chooses among the
 * remaining available backends; when a type would be left with none, it sees the full list
 * (the change cannot apply, so it does not break routing). Everything else is passed through.
 *
 * The type is the query's `type`, else its classified `text` (the classifier the default
 * routers use), else `unknown`.
 *
 * @example
 * const r = new TypeExcludingRouter(createRouter("thompson"), { personal: ["mem0"] });
 */
export class TypeExcludingRouter extends DelegatingRouter {
  private readonly cache = new Map<readonly BackendId[], Map<QueryType, readonly BackendId[]>>();
  private readonly classifier: QueryClassifier;

  /**
   * @param inner the router that decides
   * @param exclude backends to hide per query type
   * @param classifier for queries with text but no type (default the old word patterns)
   */
  constructor(
    inner: Router,
    private readonly exclude: Readonly<Record<QueryType, readonly BackendId[]>>,
    classifier: QueryClassifier = defaultClassifier(),
  ) {
    super(inner);
    this.classifier = classifier;
  }

  /** The engine shows the oracle the true type; a wrapped oracle keeps seeing it. */
  get seesTrueType(): boolean {
    return (this.inner as { seesTrueType?: boolean }).seesTrueType === true;
  }

  override select(query: Query, context: RoutingContext) {
    const type =
      query.type ??
      (query.text === undefined
        ? "unknown"
        : this.classifier.types[this.classifier.typeIndexOf(query.text)]);
    const hidden = this.exclude[type];
    if (hidden === undefined || hidden.length === 0) return this.inner.select(query, context);
    return this.inner.select(query, {
      ...context,
      available: this.filtered(context.available, type, hidden),
    });
  }

  /** The available list without the hidden backends, cached per (list, type): lists are reused. */
  private filtered(
    available: readonly BackendId[],
    type: QueryType,
    hidden: readonly BackendId[],
  ): readonly BackendId[] {
    let byType = this.cache.get(available);
    if (byType === undefined) {
      // Callers that build a new list per call would grow the cache without bound.
      if (this.cache.size >= 64) this.cache.clear();
      byType = new Map();
      this.cache.set(available, byType);
    }
    let list = byType.get(type);
    if (list === undefined) {
      const kept = available.filter((b) => !hidden.includes(b));
      list = Object.freeze(kept.length > 0 ? kept : available.slice());
      byType.set(type, list);
    }
    return list;
  }
}
