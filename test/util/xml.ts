// A tiny XML 1.0 well-formedness checker and tree, for the SVG tests (no XML parser is a dependency of the project).
export interface XmlNode {
  readonly name: string;
  readonly attrs: { [name: string]: string };
  readonly children: XmlNode[];
  text: string;
}

const ENTITIES: { [name: string]: string } = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(raw: string): string {
  const bad = raw.match(/&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/);
  if (bad) throw new Error(`bare & in ${JSON.stringify(raw.slice(0, 60))}`);
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (_, ref: string) =>
    ref.startsWith('#x') ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : ENTITIES[ref]);
}

/** Parses `xml` (the subset SVG generation uses: declaration, elements, attributes, text) or throws where it is not well-formed. */
export function parseXml(xml: string): XmlNode {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml)) throw new Error('character not allowed in XML');
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  const name = '[A-Za-z_][-A-Za-z0-9_.:]*';
  const openTag = new RegExp(`^<(${name})((?:\\s+${name}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`);
  while (rest.length > 0) {
    if (rest.startsWith('</')) {
      const close = rest.match(new RegExp(`^</(${name})\\s*>`));
      if (!close) throw new Error(`bad end tag near ${JSON.stringify(rest.slice(0, 40))}`);
      const open = stack.pop();
      if (!open || open.name !== close[1]) throw new Error(`</${close[1]}> closes <${open?.name}>`);
      rest = rest.slice(close[0].length);
    } else if (rest.startsWith('<')) {
      const tag = rest.match(openTag);
      if (!tag) throw new Error(`bad start tag near ${JSON.stringify(rest.slice(0, 60))}`);
      const attrs: { [name: string]: string } = {};
      for (const attr of tag[2].matchAll(new RegExp(`(${name})\\s*=\\s*"([^"<]*)"`, 'g'))) {
        if (attr[1] in attrs) throw new Error(`duplicate attribute ${attr[1]}`);
        attrs[attr[1]] = unescape(attr[2]);
      }
      const node: XmlNode = { name: tag[1], attrs, children: [], text: '' };
      if (stack.length) stack[stack.length - 1].children.push(node);
      else if (root) throw new Error('second root element');
      else root = node;
      if (!tag[3]) stack.push(node);
      rest = rest.slice(tag[0].length);
    } else {
      const end = rest.indexOf('<');
      const raw = end < 0 ? rest : rest.slice(0, end);
      if (raw.includes('>')) throw new Error(`raw > in text ${JSON.stringify(raw.slice(0, 60))}`);
      if (stack.length) stack[stack.length - 1].text += unescape(raw);
      else if (raw.trim()) throw new Error('text outside the root element');
      rest = end < 0 ? '' : rest.slice(end);
    }
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1].name}> not closed`);
  if (!root) throw new Error('no root element');
  return root;
}

export function all(node: XmlNode, name: string): XmlNode[] {
  return [...(node.name === name ? [node] : []), ...node.children.flatMap((c) => all(c, name))];
}

/** The text content of every <text> element. */
export function texts(svg: string): string[] {
  return all(parseXml(svg), 'text').map((t) => t.text);
}
