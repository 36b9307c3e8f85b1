/**
 * The theme for one output: its services given distinct colours (theme.ts). The services are every
 * string under a `service` key at any depth of the plain JSON-safe result a renderer is given, so
 * each renderer colours exactly the services its output can show without listing where each result
 * type keeps them. An explicit stack, as everywhere that walks data from a dump.
 */
import type { Theme } from './theme.js';

export function serviceTheme(theme: Theme, result: unknown): Theme {
  return theme.enabled ? theme.withServices(serviceNames(result)) : theme;
}

function serviceNames(result: unknown): Set<string> {
  const names = new Set<string>();
  const stack: unknown[] = [result];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === 'service' && typeof item === 'string') names.add(item);
      else if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return names;
}
