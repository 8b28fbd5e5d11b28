// Generic SVG building: escaping, elements, number formatting and text measurement without a
// browser. Text widths are estimates (no font is loaded), sized for DejaVu Sans, the widest of the
// usual sans-serif fonts, so that text measured here fits in Helvetica and Arial as well.

/** Characters XML 1.0 forbids anywhere in a document (control characters, U+FFFE/U+FFFF, lone surrogates). */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` safe for XML text content and attribute values: the five special characters escaped, illegal characters dropped. */
export function escapeXml(text: string): string {
  return text.replace(XML_ILLEGAL, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ESCAPES: { [char: string]: string } = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** A number as an SVG coordinate: at most one decimal, no `-0`, so the same layout always gives the same bytes. */
export function num(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** An attribute value: numbers formatted with `num`, `undefined` leaves the attribute out. */
export type AttributeValue = string | number | undefined;

/** One element; attributes keep the order given, children are already-serialized markup. */
export function element(name: string, attributes: { [name: string]: AttributeValue }, children: readonly string[] = []): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value as string)}"`)
    .join('');
  return children.length === 0 ? `<${name}${attrs}/>` : `<${name}${attrs}>${children.join('')}</${name}>`;
}

/** A `<text>` element whose content is escaped. */
export function textElement(content: string, attributes: { [name: string]: AttributeValue }): string {
  return element('text', attributes, [escapeXml(content)]);
}

/** A `<title>` (tooltip) element whose content is escaped. */
export function titleElement(content: string): string {
  return `<title>${escapeXml(content)}</title>`;
}

/** Width of one character in em, approximating DejaVu Sans (Book). */
function charWidthEm(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x2e80) return 1; // CJK and other full-width scripts
  if (char === ' ') return 0.32;
  if (/[il.,:;|!'`j]/.test(char)) return 0.3;
  if (/[ftr()[\]{}\-/\\]/.test(char)) return 0.42;
  if (/[mwMW@%]/.test(char)) return 0.88;
  if (/[0-9]/.test(char)) return 0.64;
  if (/[A-Z]/.test(char)) return 0.72;
  if (/[a-z]/.test(char)) return 0.6;
  return 0.66;
}

/** Estimated rendered width of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const char of Array.from(text)) em += charWidthEm(char);
  return em * fontSize * (bold ? 1.1 : 1);
}

/** `text` cut with an ellipsis so that it fits in `maxWidth` px (whole code points, never half a surrogate pair). */
export function truncate(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = Array.from(text);
  const ellipsis = textWidth('…', fontSize, bold);
  let width = 0;
  let kept = 0;
  while (kept < chars.length && width + textWidth(chars[kept], fontSize, bold) + ellipsis <= maxWidth) {
    width += textWidth(chars[kept], fontSize, bold);
    kept++;
  }
  return `${chars.slice(0, kept).join('').trimEnd()}…`;
}

/** `text` broken into lines of at most `maxWidth` px at spaces; a word longer than a line is truncated. */
export function wrap(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, fontSize, bold) <= maxWidth || !line) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => truncate(l, maxWidth, fontSize, bold));
}
