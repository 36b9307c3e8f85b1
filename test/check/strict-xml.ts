/**
 * A strict little XML reader for tests: enough of XML 1.0 to prove a JUnit report is well formed and
 * to read it back — one root element, matching tags, quoted and unique attributes, the five named
 * entities and character references, no raw '<' or '&' in text or attributes, no character XML 1.0
 * forbids. Anything else throws, with the offset.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: (XmlElement | string)[];
}

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(xml: string): XmlElement {
  const bad = FORBIDDEN.exec(xml);
  if (bad) throw new Error(`character U+${bad[0].charCodeAt(0).toString(16)} not allowed in XML at ${bad.index}`);
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i}: ${JSON.stringify(xml.slice(i, i + 20))}`);
  };
  const ws = (): void => {
    while (i < xml.length && /[ \t\r\n]/.test(xml[i]!)) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (m === null) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const decode = (raw: string, where: number): string => {
    if (/<|&(?!(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) throw new Error(`raw '<' or bad '&' in ${JSON.stringify(raw)} at ${where}`);
    return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, e: string) =>
      e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!,
    );
  };

  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated declaration');
    if (!/^<\?xml version="1\.0"( encoding="UTF-8")?\?>$/.test(xml.slice(0, end + 2))) fail('bad declaration');
    i = end + 2;
  }
  ws();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml.startsWith('</', i)) {
      i += 2;
      const closing = name();
      ws();
      if (xml[i] !== '>') fail('expected >');
      i++;
      const open = stack.pop();
      if (open === undefined || open.name !== closing) fail(`</${closing}> does not close <${open?.name}>`);
      if (stack.length === 0) break;
      continue;
    }
    if (xml[i] === '<') {
      if (root !== undefined && stack.length === 0) fail('a second root element');
      i++;
      const el: XmlElement = { name: name(), attrs: {}, children: [] };
      for (;;) {
        const before = i;
        ws();
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        if (i === before) fail('expected whitespace before an attribute');
        const attr = name();
        if (Object.hasOwn(el.attrs, attr)) fail(`duplicate attribute ${attr}`);
        ws();
        if (xml[i] !== '=') fail('expected =');
        i++;
        ws();
        const quote = xml[i];
        if (quote !== '"' && quote !== "'") fail('expected a quoted value');
        const end = xml.indexOf(quote!, i + 1);
        if (end < 0) fail('unterminated attribute');
        el.attrs[attr] = decode(xml.slice(i + 1, end), i);
        i = end + 1;
      }
      if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
      else root = el;
      if (xml.startsWith('/>', i)) {
        i += 2;
        if (stack.length === 0) break;
      } else {
        i++;
        stack.push(el);
      }
      continue;
    }
    const next = xml.indexOf('<', i);
    if (stack.length === 0) fail('text outside the root element');
    const raw = xml.slice(i, next < 0 ? xml.length : next);
    if (raw.includes(']]>')) fail("']]>' in text");
    stack[stack.length - 1]!.children.push(decode(raw, i));
    i = next < 0 ? xml.length : next;
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.name}> is not closed`);
  ws();
  if (i < xml.length) fail('content after the root element');
  if (root === undefined) return fail('no root element');
  return root;
}

/** Child elements with this name. */
export function elements(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** The text directly inside an element. */
export function textOf(el: XmlElement): string {
  return el.children.filter((c): c is string => typeof c === 'string').join('');
}
