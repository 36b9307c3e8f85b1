/**
 * Attribute keys whose values are secrets whatever they look like: credentials and session
 * material that HTTP and database instrumentation copy into spans (`http.request.header.authorization`,
 * `Set-Cookie`, `db.password`, `x-api-key`, `session.id`). The key is compared without case and
 * separators, so `X-Api-Key`, `api_key` and `apiKey` are one.
 */
const SECRET = /authorization|cookie|token|secret|passw(?:or)?d|pwd|apikey|session|credential|privatekey|accesskey/;
/** Counts are not secrets: `gen_ai.usage.input_tokens`, `token_count`. */
const COUNT = /tokens$|tokencount$|tokenscount$/;

export function isSecretKey(key: string): boolean {
  const flat = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET.test(flat) && !COUNT.test(flat);
}
