import type { BackendId, QueryType } from "./types.js";

/**
 * Word patterns: per query type (earlier types win ties), a list of patterns; a pattern
 * matches when any of its alternatives, a word or a multi-word phrase, occurs as whole words
 * (case and punctuation ignored). A type's score is the number of its patterns that match.
 */
export interface PatternConfig {
  types: Record<QueryType, readonly (readonly string[])[]>;
  /** The type when no pattern matches; default `unknown`. */
  fallbackType?: QueryType;
}

/**
 * The old system's word patterns (docs/old-system.md), one alternation group per old regex. The same
 * content is in `data/routing/patterns.json`; a test keeps the two equal.
 */
export const DEFAULT_PATTERNS: PatternConfig = {
  types: {
    relationship: [
      ["who", "whom", "whose"],
      ["when", "where"],
      ["related", "connected", "between"],
      ["relationship", "connection"],
    ],
    similarity: [
      ["similar", "like", "resembles"],
      ["find", "search", "look for"],
      ["compare", "comparison"],
    ],
    personal: [
      ["my", "mine", "i", "me"],
      ["personal", "preference", "favorite"],
      ["user", "profile"],
    ],
    temporal: [
      ["recent", "latest", "today", "yesterday"],
      ["this week", "last week", "past"],
      ["now", "current", "currently"],
    ],
  },
  fallbackType: "unknown",
};

/** The old system's preferred backend per query type. */
export const DEFAULT_TYPE_BACKENDS: Readonly<Record<QueryType, BackendId>> = {
  relationship: "neo4j",
  similarity: "qdrant",
  personal: "mem0",
  temporal: "inmemory",
  unknown: "qdrant",
};

/** The old system's fallback order when the preferred backend is not available. */
export const DEFAULT_FALLBACK_ORDER: readonly BackendId[] = ["qdrant", "neo4j", "mem0", "inmemory"];
