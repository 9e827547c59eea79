/**
 * The query set of data/scenarios/contextual.json: every template of a type × every topic
 * word × every filler, in that order, with no randomness, so the file is the same on every
 * machine. Each text holds exactly one topic word, which the scenario's `logistic` relevance
 * models key on: the topic says which store holds the answer, whatever the query's type.
 */

/** The topic words, one per text; each is some backend's home topic in contextual.json. */
export const TOPICS = ["colleagues", "papers", "notes", "alerts"] as const;

const NAMES = ["Alice", "Priya", "Marcus"];
const PROJECTS = ["billing", "search", "onboarding"];

/** Per query type: templates with `{topic}` and `{name}` or `{project}` slots. */
const TEMPLATES: Record<string, string[]> = {
  relationship: [
    "Which {topic} link {name} to the platform group?",
    "How are the {topic} on {project} related to each other?",
    "Show the connections between {name} and the {topic} they share.",
  ],
  similarity: [
    "Find {topic} similar to the {project} ones.",
    "Search for {topic} that resemble what {name} wrote.",
    "Compare the {topic} about {project} with last quarter's.",
  ],
  personal: [
    "What are my {topic} about {project}?",
    "Show my favorite {topic} from {name}.",
    "Which of my {topic} mention {project}?",
  ],
  temporal: [
    "What are the latest {topic} about {project}?",
    "Show today's {topic} from {name}.",
    "Any recent {topic} on {project} this week?",
  ],
};

/**
 * The contextual query set.
 *
 * @returns labelled queries in a fixed order (4 types × 3 templates × 4 topics × 3 fillers)
 */
export function contextualQueries(): { text: string; type: string }[] {
  const out: { text: string; type: string }[] = [];
  for (const [type, templates] of Object.entries(TEMPLATES)) {
    for (const template of templates) {
      for (const topic of TOPICS) {
        for (let i = 0; i < 3; i++) {
          const text = template
            .replace("{topic}", topic)
            .replace("{name}", NAMES[i])
            .replace("{project}", PROJECTS[i]);
          out.push({ text, type });
        }
      }
    }
  }
  return out;
}

/**
 * The query set as JSON Lines, as data/queries/contextual.jsonl holds it.
 *
 * @returns one `{"text", "type"}` object per line, newline-terminated
 */
export function contextualQueriesJsonl(): string {
  return contextualQueries()
    .map((q) => `${JSON.stringify(q)}\n`)
    .join("");
}
