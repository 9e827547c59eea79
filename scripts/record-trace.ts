/**
 * Records a REAL latency trace on this machine, in the trace format of data/traces/README.md.
 *
 *   npx tsx scripts/record-trace.ts [--rows 4000] [--seed 42] [--out data/traces/sample-measured.csv]
 *                                   [--warmup 300] [--db FILE]
 *
 * better-sqlite3 is an optional dependency (a native module, and only this script needs it): if
 * `npm ci` could not build it, the lab still works, and this script says the import failed.
 *
 * It builds a small seeded retrieval system from real stores and times every query with
 * process.hrtime.bigint():
 *
 * - `neo4j` stand-in: SQLite (better-sqlite3, on disk) holding a social graph; relationship
 *   queries are recursive CTEs (friends within 2 or 3 hops), temporal queries an indexed
 *   ORDER BY ts DESC LIMIT 10.
 * - `qdrant` stand-in: in-process brute-force cosine search over Float32Array vectors.
 * - `mem0` stand-in: SQLite key-value facts per user (indexed lookup) plus the user's latest docs.
 * - `inmemory`: an lru-cache of recent answers and of recently written docs per user.
 * - `hybrid`: a vector search and a graph query fused by reciprocal-rank fusion.
 *
 * Each query goes to a backend drawn uniformly among those able to answer its type (a uniform
 * logging policy, so every backend × type cell gets data). Relevance is measured against
 * ground truth computed outside the timed section (exact 2-hop set, exact top-10 by cosine,
 * the facts table, the user's latest docs). Writes (new docs) interleave with queries so the
 * cache is partly stale, as in production. The first `--warmup` queries warm the JIT and the
 * page cache and are not written.
 *
 * Use it as a template to record your own stores: replace the `serve` functions and keep the
 * timing and CSV writing.
 */
import { rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { LRUCache } from "lru-cache";
import { writeFileAtomic } from "../src/io/index.js";
import { createStream, type RandomStream, standardNormal } from "../src/random/index.js";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "4000" },
    seed: { type: "string", default: "42" },
    out: { type: "string", default: "data/traces/sample-measured.csv" },
    warmup: { type: "string", default: "300" },
    db: { type: "string" },
  },
});
const ROWS = Number(args.rows);
const SEED = Number(args.seed);
const WARMUP = Number(args.warmup);
for (const [name, value] of [
  ["rows", ROWS],
  ["seed", SEED],
  ["warmup", WARMUP],
] as const) {
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`record-trace: --${name} must be a non-negative integer\n`);
    process.exit(2);
  }
}

// ---- Sizes of the generated world -------------------------------------------------------
const USERS = 3000;
const COMMUNITIES = 30;
const FRIENDS = 8; // edges added per user (undirected, so mean degree ≈ 16)
const DOCS = 4000; // initial documents; writes add more
const DIM = 32;
const MAX_DOCS = DOCS + ROWS + WARMUP;
const FACTS_PER_USER = 5;
const SLO_MS = 2000; // the old system's success rule: relevance > 0.7 and latency < 2000 ms

const rng = createStream(SEED, "record-trace");

/** A unit vector near `centre` (or random when absent), written into `out` at `offset`. */
function noisyUnit(
  r: RandomStream,
  out: Float32Array,
  offset: number,
  centre?: Float32Array,
  centreOffset = 0,
  noise = 1,
): void {
  let norm = 0;
  for (let d = 0; d < DIM; d++) {
    const v = (centre ? centre[centreOffset + d] : 0) + noise * standardNormal(r);
    out[offset + d] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  for (let d = 0; d < DIM; d++) out[offset + d] /= norm;
}

// ---- World: users in communities, a social graph, documents with embeddings -------------
const centroids = new Float32Array(COMMUNITIES * DIM);
for (let c = 0; c < COMMUNITIES; c++) noisyUnit(rng, centroids, c * DIM);
const community = new Int32Array(USERS);
const userVec = new Float32Array(USERS * DIM);
for (let u = 0; u < USERS; u++) {
  community[u] = rng.int(COMMUNITIES);
  noisyUnit(rng, userVec, u * DIM, centroids, community[u] * DIM, 0.12);
}
const members: number[][] = Array.from({ length: COMMUNITIES }, () => []);
for (let u = 0; u < USERS; u++) members[community[u]].push(u);
const adjacency: Set<number>[] = Array.from({ length: USERS }, () => new Set<number>());
for (let u = 0; u < USERS; u++) {
  for (let f = 0; f < FRIENDS; f++) {
    // 80 % of friendships stay inside the community, the rest are random.
    const pool = rng.next() < 0.8 ? members[community[u]] : null;
    const v = pool ? pool[rng.int(pool.length)] : rng.int(USERS);
    if (v !== u) {
      adjacency[u].add(v);
      adjacency[v].add(u);
    }
  }
}
const docVec = new Float32Array(MAX_DOCS * DIM);
const docAuthor = new Int32Array(MAX_DOCS);
let docCount = 0;

const dbPath = args.db ?? join(tmpdir(), `routing-lab-trace-${process.pid}.sqlite`);
rmSync(dbPath, { force: true });
const db = new Database(dbPath);
db.pragma("journal_mode = WAL");
db.exec(`
  CREATE TABLE edges (src INTEGER NOT NULL, dst INTEGER NOT NULL, PRIMARY KEY (src, dst)) WITHOUT ROWID;
  CREATE TABLE docs (id INTEGER PRIMARY KEY, author INTEGER NOT NULL, ts INTEGER NOT NULL);
  CREATE INDEX docs_author_ts ON docs (author, ts DESC);
  CREATE TABLE facts (user INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
                      PRIMARY KEY (user, key)) WITHOUT ROWID;
`);
const insertEdge = db.prepare("INSERT INTO edges (src, dst) VALUES (?, ?)");
const insertDoc = db.prepare("INSERT INTO docs (id, author, ts) VALUES (?, ?, ?)");
const insertFact = db.prepare("INSERT INTO facts (user, key, value) VALUES (?, ?, ?)");
let clock = 0; // logical write time for docs
db.transaction(() => {
  for (let u = 0; u < USERS; u++) for (const v of adjacency[u]) insertEdge.run(u, v);
  for (let u = 0; u < USERS; u++) {
    for (let k = 0; k < FACTS_PER_USER; k++) insertFact.run(u, `pref${k}`, `value-${u}-${k}`);
  }
})();

/** Appends a document by `author` to SQLite and the vector store. */
function writeDoc(author: number): number {
  const id = docCount++;
  docAuthor[id] = author;
  noisyUnit(rng, docVec, id * DIM, userVec, author * DIM, 0.1);
  insertDoc.run(id, author, ++clock);
  return id;
}
db.transaction(() => {
  for (let i = 0; i < DOCS; i++) writeDoc(rng.int(USERS));
})();

// ---- Stores -----------------------------------------------------------------------------
const reachStmt = db.prepare(`
  WITH RECURSIVE reach(id, depth) AS (
    SELECT @user, 0
    UNION
    SELECT e.dst, r.depth + 1 FROM reach r JOIN edges e ON e.src = r.id WHERE r.depth < @depth
  )
  SELECT id, MIN(depth) AS depth FROM reach WHERE id <> @user GROUP BY id ORDER BY depth, id`);
const latestStmt = db.prepare("SELECT id FROM docs WHERE author = ? ORDER BY ts DESC LIMIT 10");
const factsStmt = db.prepare("SELECT key, value FROM facts WHERE user = ?");
const neighbourAuthorsDocsStmt = db.prepare(`
  SELECT d.id FROM edges e JOIN docs d ON d.author = e.dst WHERE e.src = ? ORDER BY d.ts DESC LIMIT 20`);

/** Top-k rows of `vectors` (n × DIM) by cosine to `query` (all unit vectors): brute force. */
function topK(
  vectors: Float32Array,
  n: number,
  query: Float32Array,
  qOffset: number,
  k: number,
): number[] {
  const best: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    let dot = 0;
    const base = i * DIM;
    for (let d = 0; d < DIM; d++) dot += vectors[base + d] * query[qOffset + d];
    if (best.length < k || dot > scores[best.length - 1]) {
      let j = Math.min(best.length, k - 1);
      while (j > 0 && scores[j - 1] < dot) {
        scores[j] = scores[j - 1];
        best[j] = best[j - 1];
        j--;
      }
      scores[j] = dot;
      best[j] = i;
    }
  }
  return best;
}

/** Reciprocal-rank fusion (k = 60) of ranked lists; the top `limit` ids. */
function rrf(lists: number[][], limit: number): number[] {
  const score = new Map<number, number>();
  for (const list of lists) {
    for (let rank = 0; rank < list.length; rank++) {
      const id = list[rank];
      score.set(id, (score.get(id) ?? 0) + 1 / (60 + rank + 1));
    }
  }
  return [...score.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([id]) => id);
}

const answerCache = new LRUCache<string, number[]>({ max: 400 });
const recentDocs = new LRUCache<number, number[]>({ max: 300 });

type QueryType = "relationship" | "similarity" | "personal" | "temporal";
type Backend = "neo4j" | "qdrant" | "mem0" | "inmemory" | "hybrid";
interface Query {
  type: QueryType;
  user: number;
  depth: number;
  vec: Float32Array;
  key: string;
}
interface Answer {
  ids: number[];
  cacheHit?: boolean;
}

const qVec = new Float32Array(DIM);
/** Who can answer which query type (the uniform logging policy draws among these). */
const capable: Record<QueryType, Backend[]> = {
  relationship: ["neo4j", "qdrant", "hybrid", "inmemory"],
  similarity: ["qdrant", "hybrid", "inmemory"],
  personal: ["mem0", "qdrant", "inmemory"],
  temporal: ["neo4j", "inmemory"],
};

/** Runs `query` on `backend`: the timed part. Returns the ids the store answered with. */
function serve(backend: Backend, q: Query): Answer {
  switch (backend) {
    case "neo4j":
      if (q.type === "relationship") {
        return {
          ids: (reachStmt.all({ user: q.user, depth: q.depth }) as { id: number }[]).map(
            (r) => r.id,
          ),
        };
      }
      return { ids: (latestStmt.all(q.user) as { id: number }[]).map((r) => r.id) };
    case "qdrant":
      if (q.type === "relationship")
        return { ids: topK(userVec, USERS, userVec, q.user * DIM, 21) };
      if (q.type === "personal") return { ids: topK(docVec, docCount, userVec, q.user * DIM, 10) };
      return { ids: topK(docVec, docCount, q.vec, 0, 10) };
    case "mem0": {
      const facts = factsStmt.all(q.user) as { key: string; value: string }[];
      const docs = (latestStmt.all(q.user) as { id: number }[]).map((r) => r.id);
      return { ids: facts.length > 0 ? docs : [] };
    }
    case "hybrid":
      if (q.type === "relationship") {
        const graph = (reachStmt.all({ user: q.user, depth: 1 }) as { id: number }[]).map(
          (r) => r.id,
        );
        return { ids: rrf([graph, topK(userVec, USERS, userVec, q.user * DIM, 21)], 20) };
      }
      {
        const vector = topK(docVec, docCount, q.vec, 0, 20);
        const near = (neighbourAuthorsDocsStmt.all(docAuthor[vector[0]]) as { id: number }[]).map(
          (r) => r.id,
        );
        return { ids: rrf([vector, near], 10) };
      }
    case "inmemory": {
      if (q.type === "temporal") {
        const recent = recentDocs.get(q.user);
        return { ids: recent ?? [], cacheHit: recent !== undefined };
      }
      const hit = answerCache.get(q.key);
      return { ids: hit ?? [], cacheHit: hit !== undefined };
    }
  }
}

/** Ground truth for a query, computed outside the timed section. */
function truth(q: Query): Set<number> {
  switch (q.type) {
    case "relationship": {
      // BFS over the in-memory adjacency: everyone within `depth` hops.
      const seen = new Set<number>([q.user]);
      let frontier = [q.user];
      for (let d = 0; d < q.depth; d++) {
        const next: number[] = [];
        for (const u of frontier)
          for (const v of adjacency[u])
            if (!seen.has(v)) {
              seen.add(v);
              next.push(v);
            }
        frontier = next;
      }
      seen.delete(q.user);
      return seen;
    }
    case "similarity":
      return new Set(topK(docVec, docCount, q.vec, 0, 10));
    case "personal":
    case "temporal":
      return new Set((latestStmt.all(q.user) as { id: number }[]).map((r) => r.id));
  }
}

/**
 * Relevance of an answer: for relationship queries the precision (the share of returned
 * people who really are connected, self excluded); otherwise the recall of the true top-10.
 */
function relevance(q: Query, answer: number[], expected: Set<number>): number {
  if (q.type === "relationship") {
    const people = answer.filter((id) => id !== q.user);
    if (people.length === 0) return 0;
    return people.filter((id) => expected.has(id)).length / people.length;
  }
  if (expected.size === 0) return answer.length === 0 ? 1 : 0;
  return answer.filter((id) => expected.has(id)).length / expected.size;
}

/** Zipf(1.1)-skewed user ids, so repeated queries give the cache something to hit. */
const zipfWeights = Float64Array.from({ length: USERS }, (_, i) => 1 / (i + 1) ** 1.1);
const zipfCdf = new Float64Array(USERS);
{
  let acc = 0;
  const total = zipfWeights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < USERS; i++) zipfCdf[i] = acc += zipfWeights[i] / total;
}
function zipfUser(): number {
  const u = rng.next();
  let lo = 0;
  let hi = USERS - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (zipfCdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function nextQuery(): Query {
  const r = rng.next();
  const type: QueryType =
    r < 0.3 ? "relationship" : r < 0.6 ? "similarity" : r < 0.8 ? "personal" : "temporal";
  const user = zipfUser();
  const depth = rng.next() < 0.7 ? 2 : 3;
  let key: string;
  if (type === "similarity") {
    // A query near one of the 500 most popular docs (skewed), so repeats happen.
    const target = Math.min(zipfUser(), 499) % docCount;
    const jitter = createStream(SEED, "query-vector", target); // same target → same vector
    noisyUnit(jitter, qVec, 0, docVec, target * DIM, 0.02);
    key = `similarity:${target}`;
  } else {
    key = `${type}:${user}:${type === "relationship" ? depth : 0}`;
  }
  return { type, user, depth, vec: qVec, key };
}

// ---- Record -------------------------------------------------------------------------------
const lines: string[] = [];
const startWall = performance.timeOrigin + performance.now();
const startHr = process.hrtime.bigint();
for (let i = 0; i < WARMUP + ROWS; i++) {
  // About one write per five queries: new docs land in SQLite, the vector store and the cache.
  if (rng.next() < 0.2) {
    const author = zipfUser();
    const id = writeDoc(author);
    const recent = recentDocs.get(author);
    recentDocs.set(author, [id, ...(recent ?? [])].slice(0, 10));
  }
  const q = nextQuery();
  const options = capable[q.type];
  const backend = options[rng.int(options.length)];
  const t0 = process.hrtime.bigint();
  const answer = serve(backend, q);
  const t1 = process.hrtime.bigint();
  const latencyMs = Number(t1 - t0) / 1e6;
  const expected = truth(q);
  // Exact stores fill the answer cache, so the cache serves what they last answered.
  if (backend !== "inmemory" && q.type !== "temporal") answerCache.set(q.key, answer.ids);
  if (i < WARMUP) continue;
  const rel = relevance(q, answer.ids, expected);
  const success = rel > 0.7 && latencyMs < SLO_MS;
  const timestamp = startWall + Number(t1 - startHr) / 1e6;
  lines.push(
    [
      Math.round(timestamp),
      backend,
      latencyMs.toFixed(5),
      q.type,
      rel.toFixed(3),
      success,
      answer.cacheHit === undefined ? "" : answer.cacheHit,
    ].join(","),
  );
}
db.close();
if (args.db === undefined) {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${dbPath}${suffix}`, { force: true });
}

const header = [
  `# Measured by scripts/record-trace.ts --rows ${ROWS} --seed ${SEED} --warmup ${WARMUP} on ${new Date().toISOString().slice(0, 10)}`,
  `# Node ${process.version}, better-sqlite3 (SQLite ${(new Database(":memory:").prepare("select sqlite_version() AS v").get() as { v: string }).v}), lru-cache 11; ${USERS} users, ${DOCS}+ docs, ${DIM}-dim vectors`,
  `# Machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${process.platform}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")} at the end`,
  "# Stand-ins: neo4j = SQLite recursive CTE / indexed scans; qdrant = brute-force cosine;",
  "# mem0 = SQLite facts lookup; inmemory = lru-cache; hybrid = vector + graph, RRF-fused.",
  "# success = relevance > 0.7 and latency_ms < 2000 (the old system's rule).",
  "timestamp,backend,latency_ms,query_type,relevance,success,cache_hit",
];
writeFileAtomic(args.out, `${[...header, ...lines].join("\n")}\n`);
process.stderr.write(`record-trace: wrote ${lines.length} rows to ${args.out}\n`);
