/**
 * Request headers given by the user: `--header 'Name: value'` (repeatable) and TRACECTL_HEADERS
 * (one `Name: value` per line), so a token can live in the environment or a CI secret instead of
 * the shell history.
 */

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export class HeaderSyntaxError extends Error {}

/** One `Name: value` header; throws HeaderSyntaxError naming the problem. */
export function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new HeaderSyntaxError(`a header is written 'Name: value', got '${shorten(text)}'`);
  const name = text.slice(0, colon).trim();
  const value = text.slice(colon + 1).trim();
  if (!TOKEN.test(name)) throw new HeaderSyntaxError(`'${shorten(name)}' is not a valid header name`);
  if (/[\r\n\0]/.test(value)) throw new HeaderSyntaxError(`the value of header ${name} holds a line break`);
  return [name, value];
}

/** Headers from an environment variable's text: one per line, blank lines and `#` comments skipped. */
export function parseHeaderLines(text: string): [string, string][] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(parseHeader);
}

/** Never echo a whole value back: it may be a token. */
function shorten(text: string): string {
  return text.length > 20 ? `${text.slice(0, 12)}…` : text;
}
