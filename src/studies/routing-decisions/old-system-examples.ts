/**
 * The old system's example queries, with the type and backend its rules give them, derived by
 * hand from its word patterns, type→backend map and tie rule (docs/old-system.md): most matching
 * patterns wins, the earlier type on ties, no match → unknown → qdrant. The routing tests
 * check the same list.
 */
export const OLD_SYSTEM_EXAMPLES: readonly {
  text: string;
  type: string;
  backend: string;
}[] = [
  { text: "Who is connected to Alice?", type: "relationship", backend: "neo4j" },
  { text: "How is Bob related to Carol?", type: "relationship", backend: "neo4j" },
  {
    text: "What is the relationship between these two papers?",
    type: "relationship",
    backend: "neo4j",
  },
  { text: "Where did we meet?", type: "relationship", backend: "neo4j" },
  { text: "Find documents similar to this one", type: "similarity", backend: "qdrant" },
  { text: "Search for notes that look like my draft", type: "similarity", backend: "qdrant" },
  { text: "Compare the two designs", type: "similarity", backend: "qdrant" },
  // personal ("i") and similarity ("look for") tie; similarity is listed first.
  { text: "I want to look for vector databases", type: "similarity", backend: "qdrant" },
  { text: "What is my favorite color?", type: "personal", backend: "mem0" },
  { text: "Show my user profile", type: "personal", backend: "mem0" },
  { text: "What are the latest updates?", type: "temporal", backend: "inmemory" },
  { text: "What happened this week?", type: "temporal", backend: "inmemory" },
  { text: "Anything new from yesterday or today?", type: "temporal", backend: "inmemory" },
  { text: "What is currently running now?", type: "temporal", backend: "inmemory" },
  { text: "Explain quantum entanglement", type: "unknown", backend: "qdrant" },
];
