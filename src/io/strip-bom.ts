/**
 * A file's text without a leading UTF-8 byte-order mark (U+FEFF), which `readFileSync` and
 * line readers keep: editors on Windows write one, and JSON.parse rejects it.
 *
 * @param text the text as read
 * @returns the text without the mark
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
