import type {
  BackendId,
  Outcome,
  Query,
  Router,
  RouterStats,
  RoutingContext,
  RoutingDecision,
} from "./types.js";

/**
 * A router that passes every call through to another one, under the inner router's name: the
 * base of wrappers that watch a router (its posteriors, its outcomes) without changing a
 * decision. Subclasses override the calls they watch and call `super`.
 */
export class DelegatingRouter<R extends Router = Router> implements Router {
  readonly name: string;

  /** @param inner the router every call goes to */
  constructor(protected readonly inner: R) {
    this.name = inner.name;
  }

  select(query: Query, context: RoutingContext): RoutingDecision {
    return this.inner.select(query, context);
  }

  record(outcome: Outcome): void {
    this.inner.record(outcome);
  }

  onDispatch(backend: BackendId, now: number): void {
    this.inner.onDispatch?.(backend, now);
  }

  onCancel(backend: BackendId, now: number): void {
    this.inner.onCancel?.(backend, now);
  }

  stats(): RouterStats {
    return this.inner.stats();
  }
}
