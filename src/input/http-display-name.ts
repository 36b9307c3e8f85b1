/**
 * How a URL input is named in messages: credentials in the user-info part and query parameters
 * that look like secrets are masked, since error messages end up in CI logs.
 */
const SECRET_PARAMS = /^(access_?token|token|api_?key|apikey|key|password|passwd|secret|signature|sig|auth|authorization|x-amz-signature|x-goog-signature)$/i;

export function displayUrl(url: URL): string {
  const shown = new URL(url.href);
  if (shown.password !== '') shown.password = '***';
  // Rebuilding the query re-encodes all of it (a TraceQL query would turn unreadable), so only
  // when there is something to mask.
  const secrets = [...shown.searchParams.keys()].filter((name) => SECRET_PARAMS.test(name));
  for (const name of secrets) shown.searchParams.set(name, '***');
  return shown.href;
}
