/**
 * A chart's SVG as a tree of plain data, for the report templates to print
 * through {{ }} like every other text (they never print raw markup, see
 * src/reports/html-renderer.ts). Vega's output is parsed here and rebuilt
 * from a list of known SVG elements and presentation attributes, so nothing
 * else (script, foreignObject, event handlers, links) can reach a report
 * whatever a label said. Element ids get a prefix of the chart's own, so
 * several charts on one page cannot take each other's clip paths.
 */

export interface SvgAttribute {
  name: string;
  value: string;
}

export interface SvgNode {
  tag: string;
  attributes: SvgAttribute[];
  /** Text content, for text, tspan, title and desc. */
  text: string | null;
  children: SvgNode[];
}

const ELEMENTS = new Set(['svg', 'g', 'path', 'rect', 'line', 'circle', 'ellipse', 'polyline', 'polygon', 'text', 'tspan', 'title', 'desc', 'defs', 'clipPath']);
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'title', 'desc']);
const ATTRIBUTES = new Set([
  'xmlns', 'version', 'class', 'width', 'height', 'viewBox', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'd', 'points',
  'dx', 'dy', 'transform', 'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'stroke-opacity', 'opacity', 'font-family', 'font-size', 'font-weight',
  'font-style', 'font-variant', 'text-anchor', 'dominant-baseline', 'alignment-baseline', 'letter-spacing', 'display', 'visibility',
  'role', 'aria-label', 'aria-hidden', 'aria-roledescription', 'aria-labelledby', 'aria-describedby', 'id', 'clip-path',
  'pointer-events', 'shape-rendering', 'paint-order', 'focusable',
]);
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(ENTITY, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
  });
}

function safeAttribute(name: string, value: string, idPrefix: string): SvgAttribute | null {
  if (!ATTRIBUTES.has(name)) return null;
  if (name === 'xmlns') return value === SVG_NAMESPACE ? { name, value } : null;
  if (name === 'id') return { name, value: `${idPrefix}${value}` };
  if (name === 'aria-labelledby' || name === 'aria-describedby') return { name, value: value.split(/\s+/).filter(Boolean).map((id) => `${idPrefix}${id}`).join(' ') };
  // The only reference allowed is to an element of the same chart (a clip path).
  if (/url\s*\(/i.test(value)) {
    const local = /^url\(#([\w:.-]+)\)$/.exec(value.trim());
    return local ? { name, value: `url(#${idPrefix}${local[1]})` } : null;
  }
  if (/javascript:|expression\s*\(/i.test(value)) return null;
  return { name, value };
}

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([A-Za-z][\w:-]*)\s*>|<([A-Za-z][\w:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The tree of an SVG document. Unknown elements are dropped with everything
 * inside them; markup that is not well formed is refused with an Error.
 */
export function parseSvg(svg: string, idPrefix = ''): SvgNode {
  const root: SvgNode = { tag: '#root', attributes: [], text: null, children: [] };
  const stack: Array<{ node: SvgNode | null; tag: string }> = [{ node: root, tag: '#root' }];
  let consumed = 0;
  for (const match of svg.matchAll(TOKEN)) {
    if (match.index !== consumed) throw new Error(`Not well-formed SVG near character ${consumed}`);
    consumed = match.index + match[0].length;
    const [token, closing, opening, attributeText, selfClosing, text] = match;
    if (token.startsWith('<!--') || token.startsWith('<?') || token.startsWith('<!')) continue;
    const parent = stack[stack.length - 1];
    if (closing !== undefined) {
      if (parent.tag !== closing) throw new Error(`Not well-formed SVG: </${closing}> closes <${parent.tag}>`);
      stack.pop();
      continue;
    }
    if (opening !== undefined) {
      // Inside a dropped element everything is dropped; the stack still tracks it to find its end.
      const keep = parent.node !== null && ELEMENTS.has(opening);
      let node: SvgNode | null = null;
      if (keep) {
        const attributes: SvgAttribute[] = [];
        for (const [, name, double, single] of (attributeText ?? '').matchAll(ATTRIBUTE)) {
          const attribute = safeAttribute(name, decode(double ?? single ?? ''), idPrefix);
          if (attribute) attributes.push(attribute);
        }
        node = { tag: opening, attributes, text: null, children: [] };
        parent.node!.children.push(node);
      }
      if (!selfClosing) stack.push({ node, tag: opening });
      continue;
    }
    if (text !== undefined && parent.node && TEXT_ELEMENTS.has(parent.node.tag) && text.trim() !== '') {
      parent.node.text = (parent.node.text ?? '') + decode(text);
    }
  }
  if (consumed !== svg.length || stack.length !== 1) throw new Error('Not well-formed SVG: it ends inside an element');
  const svgRoot = root.children.find((child) => child.tag === 'svg');
  if (!svgRoot) throw new Error('Not an SVG document: no <svg> element');
  return svgRoot;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The tree as SVG markup, escaped: for a standalone file or a Word image, and for tests. */
export function serializeSvg(node: SvgNode): string {
  const attributes = node.attributes.map((a) => ` ${a.name}="${escapeXml(a.value)}"`).join('');
  const inner = `${node.text !== null ? escapeXml(node.text) : ''}${node.children.map(serializeSvg).join('')}`;
  return `<${node.tag}${attributes}>${inner}</${node.tag}>`;
}

/** Every piece of text in the chart, in document order: axis labels, series labels. */
export function svgTexts(node: SvgNode): string[] {
  return [...(node.text !== null ? [node.text] : []), ...node.children.flatMap(svgTexts)];
}
