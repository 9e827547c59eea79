/** Writes data/queries/contextual.jsonl (see contextual-queries.ts): `npx tsx scripts/generate-contextual-queries.ts`. */
import { join } from "node:path";
import { writeFileAtomic } from "../src/io/atomic-write.js";
import { contextualQueriesJsonl } from "./contextual-queries.js";
import { root } from "./jupyter-env.js";

const path = join(root, "data", "queries", "contextual.jsonl");
writeFileAtomic(path, contextualQueriesJsonl());
console.log(`wrote ${path}`);
