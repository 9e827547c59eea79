/**
 * A deterministic automaton that finds whole ASCII words of a vocabulary in text, one table
 * step per character, case-insensitively.
 *
 * Why: the classifier's earlier scanner hashed every word and probed a hash table at each word
 * end; its per-character branches (word start, word end, ASCII or not) cost ≈ 7 ns/char, about
 * three times a bare `charCodeAt` loop. Here the word boundaries are transitions: every
 * character is one class lookup and one transition lookup, and the only data-dependent branch
 * is taken when a vocabulary word ends (rare in queries).
 *
 * Layout: `trans[state * classes + cls]` holds `(next * classes) << 1 | ended`, where `ended`
 * is 1 when a word ended at this character (so callers count word positions without a branch)
 * and states are stored pre-multiplied by `classes` (no multiply in the loop). Class 0 is a
 * separator; `classOf[c]` maps ASCII codes (upper case folded to lower) to classes.
 */
export interface WordAutomaton {
  /** ASCII code → character class (0 separator). */
  readonly classOf: Uint8Array;
  /** Number of classes: the row length of {@link WordAutomaton.trans}. */
  readonly classes: number;
  /** Transitions, see the module comment. */
  readonly trans: Int32Array;
  /** Pre-multiplied state from which states are "a vocabulary word just ended". */
  readonly emitFrom: number;
  /** Word id per emit state, indexed by `(state − emitFrom) / classes`. */
  readonly emitWord: Int32Array;
}

// States with a fixed role: between words, and inside a word that no vocabulary word starts.
const ROOT = 0;
const DEAD = 1;

/**
 * Compiles an automaton for the vocabulary words that are pure `[a-z0-9_]` (others are never
 * found: callers route text with non-ASCII characters elsewhere).
 *
 * @param words lower-case vocabulary words; the id of a word is its index
 * @returns the automaton
 */
export function compileWordAutomaton(words: readonly string[]): WordAutomaton {
  const ascii = words.map((w) => /^[a-z0-9_]+$/.test(w));
  // Classes: 0 separator, one per character used by a vocabulary word, then "other word char".
  const used = [...new Set(words.filter((_, i) => ascii[i]).join(""))].sort();
  const classes = used.length + 2;
  const other = classes - 1;
  const classOf = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c).toLowerCase();
    if (/^[a-z0-9_]$/.test(ch)) {
      const k = used.indexOf(ch);
      classOf[c] = k >= 0 ? k + 1 : other;
    }
  }

  // The trie of the vocabulary: child[state][class], and the word ending at each node.
  const child: Int32Array[] = [new Int32Array(classes), new Int32Array(classes)];
  const ends: number[] = [-1, -1];
  words.forEach((word, id) => {
    if (!ascii[id]) return;
    let s = ROOT;
    for (const ch of word) {
      const k = classOf[ch.charCodeAt(0)];
      if (child[s][k] === 0) {
        child[s][k] = child.length;
        child.push(new Int32Array(classes));
        ends.push(-1);
      }
      s = child[s][k];
    }
    ends[s] = id;
  });

  const nodes = child.length;
  const emitters = ends.map((id, s) => (id >= 0 ? s : -1)).filter((s) => s >= 0);
  const emitState = new Map(emitters.map((s, i) => [s, nodes + i]));
  const states = nodes + emitters.length;
  const trans = new Int32Array(states * classes);
  const put = (from: number, k: number, to: number, ended: boolean) => {
    trans[from * classes + k] = ((to * classes) << 1) | (ended ? 1 : 0);
  };
  // Between words (ROOT, and the emit states, which are ROOT plus "a word just ended").
  const rootLike = [ROOT, ...emitState.values()];
  for (const s of rootLike) {
    put(s, 0, ROOT, false);
    for (let k = 1; k < classes; k++) put(s, k, child[ROOT][k] || DEAD, false);
  }
  // Inside a word: follow the trie, fall into DEAD off it; a separator ends the word.
  for (let s = 1; s < nodes; s++) {
    put(s, 0, emitState.get(s) ?? ROOT, true);
    for (let k = 1; k < classes; k++) put(s, k, s === DEAD ? DEAD : child[s][k] || DEAD, false);
  }
  return {
    classOf,
    classes,
    trans,
    emitFrom: nodes * classes,
    emitWord: Int32Array.from(emitters, (s) => ends[s]),
  };
}
