/**
 * Which keys a result cache holds and which it evicts. Keys are catalogue indices
 * (0 ≤ key < distinct queries); the answers themselves live in the cache's own arrays, so a
 * policy only keeps membership and order.
 */
export interface EvictionPolicy {
  /**
   * Whether `key` is cached (and not expired) at virtual time `now`; a hit counts as a use
   * (recency for LRU, a count for LFU; FIFO ignores it).
   */
  lookup(key: number, now: number): boolean;
  /**
   * Inserts `key` at `now`, evicting by the policy when full. A key already present keeps its
   * place under FIFO and LFU; LRU makes it the most recent and restarts its TTL.
   */
  insert(key: number, now: number): void;
  /** Entries held (expired ones not yet removed included). */
  readonly size: number;
}
