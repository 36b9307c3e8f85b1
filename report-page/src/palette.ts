/**
 * Service colours from Paul Tol's "muted" scheme, chosen to stay distinguishable for the common
 * forms of colour blindness. Colour is never the only signal: every bar's service is also named
 * in its row, errors carry a hatch and an "error" badge, the critical path a mark and a badge.
 */
export const SERVICE_COLOURS = ['#88CCEE', '#CC6677', '#DDCC77', '#117733', '#332288', '#AA4499', '#44AA99', '#999933', '#882255'] as const;

/** Colour by the service's place in the report's sorted list of services (the same on every trace). */
export function serviceColours(services: readonly string[]): (service: string) => string {
  const index = new Map<string, number>();
  services.forEach((s, i) => index.set(s, i));
  return (service) => {
    let i = index.get(service);
    if (i === undefined) {
      i = index.size;
      index.set(service, i);
    }
    return SERVICE_COLOURS[i % SERVICE_COLOURS.length]!;
  };
}

/** Black or white text, whichever reads better on `hex`. */
export function textOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? '#000000' : '#ffffff';
}
