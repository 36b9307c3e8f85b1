/**
 * The server's own explanation from an error response, in one short line: Jaeger answers
 * `{"errors":[{"code":404,"msg":"trace not found"}]}`, Tempo and Zipkin plain text, gateways JSON
 * with `message` or `error`, proxies HTML. Nothing from the body is trusted: control characters are
 * dropped and the text is cut short.
 */

const MAX_CHARS = 200;

export function serverMessage(body: string, contentType: string | undefined): string {
  const text = body.trim();
  if (text === '') return '';
  if ((contentType ?? '').includes('html') || /^<(!doctype|html)/i.test(text)) return oneLine(htmlTitle(text) ?? '');
  try {
    const found = messageIn(JSON.parse(text) as unknown);
    if (found !== undefined) return oneLine(found);
  } catch {
    // not JSON: the text itself
  }
  return oneLine(text);
}

function messageIn(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const obj = value as Record<string, unknown>;
  if (Array.isArray(obj.errors)) {
    const messages = obj.errors.map((e) => (typeof e === 'object' && e !== null ? messageIn((e as Record<string, unknown>).msg ?? (e as Record<string, unknown>).message) : messageIn(e)));
    const joined = messages.filter((m): m is string => m !== undefined && m !== '').join('; ');
    if (joined !== '') return joined;
  }
  for (const key of ['message', 'msg', 'error', 'detail', 'title']) {
    const found = messageIn(obj[key]);
    if (found !== undefined && found !== '') return found;
  }
  return undefined;
}

function htmlTitle(html: string): string | undefined {
  const match = /<title[^>]*>([^<]*)<\/title>/i.exec(html);
  return match?.[1];
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_CHARS ? `${flat.slice(0, MAX_CHARS - 1)}…` : flat;
}
