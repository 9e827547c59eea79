import { DEFAULT_PATTERNS, type PatternConfig } from "./defaults.js";
import { RoutingInputError } from "./errors.js";
import { NameIndex } from "./name-index.js";
import { parsePatternConfig } from "./pattern-config.js";
import type { QueryType } from "./types.js";
import { compileWordAutomaton, type WordAutomaton } from "./word-automaton.js";

/** What the classifier found in a text. */
export interface Classification {
  /** The winning type: most matching patterns, earlier type on ties, fallback when none. */
  type: QueryType;
  /** The alternatives that matched (words or phrases), in order of first appearance. */
  matched: string[];
  /** Matching patterns per type (every configured type is present). */
  scores: Record<QueryType, number>;
}

// Unicode word characters, like Python's `\w` in the old system's `\b...\b` patterns.
const WORD_RE = /[\p{L}\p{N}\p{M}_]+/gu;
/** Splits lower-cased text into Unicode words (the reference path). */
function words(text: string): string[] {
  return text.toLowerCase().match(WORD_RE) ?? [];
}

/**
 * Classifies query texts by word patterns, compiled once.
 *
 * Why hand-written scanning: the old system ran one regex per pattern over a lower-cased copy
 * (41,670 decisions/s). Here one pass of a word automaton (see word-automaton.ts) finds the
 * pattern words, case-insensitively, one table step per character; multi-word phrases are
 * matched against the last few word ids. No string is allocated for pure-ASCII text; text with
 * any non-ASCII character takes the reference path (`toLowerCase` + a Unicode word regex),
 * which a property test holds the fast path to.
 *
 * @example
 * const c = new QueryClassifier();
 * c.classify("Who is related to Alice?").type // "relationship"
 */
export class QueryClassifier {
  /** The configured types in priority order, then the fallback type if it has no patterns. */
  readonly types: readonly QueryType[];
  /** The type returned when nothing matches. */
  readonly fallbackType: QueryType;
  /** Index of `fallbackType` in `types`. */
  readonly fallbackIndex: number;

  private readonly vocab = new NameIndex();
  private readonly automaton: WordAutomaton;
  // Per vocab id: single-word entries [singleStart, singleStart+1) in singleGroup/singleAlt.
  private readonly singleStart: Int32Array;
  private readonly singleGroup: Int32Array;
  private readonly singleAlt: Int32Array;
  // Per vocab id: phrases ending with it, [phraseStart, phraseStart+1) in phraseList.
  private readonly phraseStart: Int32Array;
  private readonly phraseList: Int32Array;
  private readonly phraseTokStart: Int32Array; // per phrase, into phraseToks (then len)
  private readonly phraseToks: Int32Array;
  private readonly phraseGroup: Int32Array;
  private readonly phraseAlt: Int32Array;
  private readonly groupType: Int32Array;
  private readonly altLabels: string[] = [];
  // The last pattern words by position (ring, power-of-two size ≥ longest phrase).
  private readonly ringPos: Int32Array;
  private readonly ringId: Int32Array;
  private pos = 0;
  private readonly groupStamp: Int32Array;
  private readonly scoreBuf: Int32Array;
  private stamp = 0;
  private collect: number[] | null = null;

  /**
   * @param config word patterns (default: the old system's); validated here
   * @throws {RoutingInputError} when the configuration is malformed or an alternative has no word
   */
  constructor(config: PatternConfig = DEFAULT_PATTERNS) {
    const cfg = config === DEFAULT_PATTERNS ? config : parsePatternConfig(config);
    const typeNames = Object.keys(cfg.types);
    const fallbackType = cfg.fallbackType ?? "unknown";
    if (!typeNames.includes(fallbackType)) typeNames.push(fallbackType);
    this.types = typeNames;
    this.fallbackType = fallbackType;
    this.fallbackIndex = typeNames.indexOf(fallbackType);

    const groupType: number[] = [];
    const singles: { word: number; group: number; alt: number }[] = [];
    const phrases: { toks: number[]; group: number; alt: number }[] = [];
    typeNames.forEach((type, t) => {
      const patterns = cfg.types[type] ?? [];
      patterns.forEach((alternatives, p) => {
        const group = groupType.length;
        groupType.push(t);
        alternatives.forEach((alt, a) => {
          const toks = words(alt);
          if (toks.length === 0) {
            throw new RoutingInputError(
              `patterns: types.${type}.${p}.${a}`,
              `"${alt}" contains no word characters`,
            );
          }
          const altIndex = this.altLabels.length;
          this.altLabels.push(toks.join(" "));
          const ids = toks.map((w) => this.vocab.intern(w));
          if (ids.length === 1) singles.push({ word: ids[0], group, alt: altIndex });
          else phrases.push({ toks: ids, group, alt: altIndex });
        });
      });
    });

    const nv = this.vocab.size;
    this.groupType = Int32Array.from(groupType);
    this.groupStamp = new Int32Array(groupType.length);
    this.scoreBuf = new Int32Array(typeNames.length);

    // Bucket entries by word id (counting sort) so each word's entries are contiguous.
    const bucket = <T>(items: T[], key: (x: T) => number) => {
      const start = new Int32Array(nv + 1);
      for (const x of items) start[key(x) + 1]++;
      for (let i = 0; i < nv; i++) start[i + 1] += start[i];
      const fill = start.slice();
      const order = new Int32Array(items.length);
      items.forEach((x, i) => {
        order[fill[key(x)]++] = i;
      });
      return { start, order };
    };
    const s = bucket(singles, (x) => x.word);
    this.singleStart = s.start;
    this.singleGroup = Int32Array.from(s.order, (i) => singles[i].group);
    this.singleAlt = Int32Array.from(s.order, (i) => singles[i].alt);
    const ph = bucket(phrases, (x) => x.toks[x.toks.length - 1]);
    this.phraseStart = ph.start;
    this.phraseList = ph.order;
    this.phraseTokStart = new Int32Array(phrases.length + 1);
    const toks: number[] = [];
    phrases.forEach((x, i) => {
      this.phraseTokStart[i] = toks.length;
      toks.push(...x.toks);
    });
    this.phraseTokStart[phrases.length] = toks.length;
    this.phraseToks = Int32Array.from(toks);
    this.phraseGroup = Int32Array.from(phrases, (x) => x.group);
    this.phraseAlt = Int32Array.from(phrases, (x) => x.alt);
    let maxLen = 1;
    for (const x of phrases) maxLen = Math.max(maxLen, x.toks.length);
    let ring = 2;
    while (ring < maxLen) ring *= 2;
    this.ringPos = new Int32Array(ring).fill(-1);
    this.ringId = new Int32Array(ring);

    this.automaton = compileWordAutomaton(this.vocab.names);
  }

  /**
   * Classifies a text, with the evidence.
   *
   * @param text the query text
   * @returns the type, the matched alternatives and every type's score
   */
  classify(text: string): Classification {
    const matched: number[] = [];
    this.collect = matched;
    let t: number;
    try {
      t = this.typeIndexOf(text);
    } finally {
      this.collect = null;
    }
    const scores: Record<QueryType, number> = {};
    this.types.forEach((type, i) => {
      scores[type] = this.scoreBuf[i];
    });
    return { type: this.types[t], matched: matched.map((a) => this.altLabels[a]), scores };
  }

  /**
   * The hot path: classifies without allocating (for ASCII text).
   *
   * @param text the query text
   * @returns the index of the type in {@link QueryClassifier.types}
   */
  typeIndexOf(text: string): number {
    this.begin();
    const { classOf, trans, emitFrom } = this.automaton;
    const len = text.length;
    let pos = this.pos;
    let s = 0;
    for (let i = 0; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return this.typeIndexOfReference(text);
      const v = trans[s + classOf[c]];
      pos += v & 1;
      s = v >> 1;
      if (s >= emitFrom) this.emit(s, pos);
    }
    const v = trans[s]; // the end of the text ends the last word
    pos += v & 1;
    s = v >> 1;
    if (s >= emitFrom) this.emit(s, pos);
    this.pos = pos;
    return this.winner();
  }

  /** A pattern word ended at word position `pos` (automaton emit state `s`). */
  private emit(s: number, pos: number): void {
    const a = this.automaton;
    this.pos = pos;
    this.word(a.emitWord[(s - a.emitFrom) / a.classes]);
  }

  /**
   * The reference implementation: lower-case the text, split it into Unicode words, look each
   * up. Slower; {@link QueryClassifier.typeIndexOf} must agree with it (a property test checks).
   *
   * @param text the query text
   * @returns the index of the type in {@link QueryClassifier.types}
   */
  typeIndexOfReference(text: string): number {
    this.begin();
    for (const w of words(text)) this.unicodeToken(w);
    return this.winner();
  }

  /** One word already sliced out of the text: lower-cased and looked up. */
  private unicodeToken(word: string): void {
    this.pos++;
    const id = this.vocab.find(word.toLowerCase());
    if (id >= 0) this.word(id);
  }

  private begin(): void {
    if (++this.stamp === 0x7fffffff) {
      this.stamp = 1;
      this.groupStamp.fill(0);
    }
    const scores = this.scoreBuf;
    for (let t = 0; t < scores.length; t++) scores[t] = 0;
    // Word positions are global across calls (with a gap), so ring entries of earlier texts
    // can never look adjacent to this one's words.
    this.pos += this.ringPos.length + 1;
    if (this.pos > 0x3fffffff) {
      this.pos = this.ringPos.length + 1;
      this.ringPos.fill(-1);
    }
    if (this.collect) this.collect.length = 0;
  }

  /** A pattern word (vocab id) at position `this.pos`: scores single words and phrases. */
  private word(id: number): void {
    const pos = this.pos;
    const ringPos = this.ringPos;
    const ringId = this.ringId;
    const m = ringPos.length - 1;
    ringPos[pos & m] = pos;
    ringId[pos & m] = id;
    for (let e = this.singleStart[id], end = this.singleStart[id + 1]; e < end; e++) {
      this.hit(this.singleGroup[e], this.singleAlt[e]);
    }
    for (let e = this.phraseStart[id], end = this.phraseStart[id + 1]; e < end; e++) {
      const p = this.phraseList[e];
      const from = this.phraseTokStart[p];
      const last = this.phraseTokStart[p + 1] - 1;
      let ok = true;
      for (let k = 1; k <= last - from; k++) {
        const q = pos - k;
        if (ringPos[q & m] !== q || ringId[q & m] !== this.phraseToks[last - k]) {
          ok = false;
          break;
        }
      }
      if (ok) this.hit(this.phraseGroup[p], this.phraseAlt[p]);
    }
  }

  private hit(group: number, alt: number): void {
    if (this.groupStamp[group] !== this.stamp) {
      this.groupStamp[group] = this.stamp;
      this.scoreBuf[this.groupType[group]]++;
    }
    const collect = this.collect;
    if (collect !== null && !collect.includes(alt)) collect.push(alt);
  }

  private winner(): number {
    const scores = this.scoreBuf;
    let best = this.fallbackIndex;
    let top = 0;
    for (let t = 0; t < scores.length; t++) {
      if (scores[t] > top) {
        top = scores[t];
        best = t;
      }
    }
    return best;
  }
}
