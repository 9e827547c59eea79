/**
 * WCAG 2.x relative luminance of an sRGB colour: each channel linearised
 * (c ≤ 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055)^2.4), weighted 0.2126 R + 0.7152 G + 0.0722 B.
 *
 * @param hex `#rgb` or `#rrggbb`
 * @returns luminance in [0, 1]
 * @throws {RangeError} for anything else
 * @example relativeLuminance("#ffffff") // 1
 */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new RangeError(`relativeLuminance: "${hex}" is not a #rgb or #rrggbb colour`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG contrast ratio of two colours: (L1 + 0.05) / (L2 + 0.05) with L1 the lighter.
 *
 * @param a a colour, `#rgb` or `#rrggbb`
 * @param b another (default white, the figures' background)
 * @returns the ratio, from 1 (same) to 21 (black on white)
 * @example contrastRatio("#767676") // 4.54…
 */
export function contrastRatio(a: string, b = "#ffffff"): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
