/**
 * Text put into the page's HTML by the Node side: only the title and the version in the head (the
 * page draws everything else from the embedded data, as text nodes). Escaping the five characters
 * HTML gives meaning to makes any string inert there, in element content and in quoted attributes.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}
