/**
 * Short names for services, for a narrow waterfall: the operation says more about a row than a long
 * service name repeated on every line, so services are shortened (the same way on every row, with a
 * legend) before operations are cut. A name of several words (`recommendation-service`,
 * `productCatalogService`) becomes its initials (`rs`, `pCS` → `pcs`); a single word its first three
 * letters. Short forms are unique within the output and never another service's real name; on a
 * clash a longer prefix of the name is taken, then a number.
 */

/** A service's short form is kept only when it saves at least this many cells. */
const MIN_SAVING = 3;

/** Short forms for `wanted` (sanitized names), unique among themselves and against every name in `all`. */
export function abbreviateServices(wanted: readonly string[], all: readonly string[]): Map<string, string> {
  const taken = new Set(all);
  const out = new Map<string, string>();
  for (const name of [...new Set(wanted)].sort()) {
    const chars = [...name];
    const words = name.split(/[-_.\s/:]+|(?<=[a-z0-9])(?=[A-Z])/).filter((w) => w !== '');
    const base = words.length > 1 ? words.map((w) => [...w][0]!.toLowerCase()).join('') : chars.slice(0, 3).join('');
    // On a clash: longer prefixes of the name, then a number.
    let short = base;
    for (let len = 3; taken.has(short) && len <= chars.length - MIN_SAVING; len++) short = chars.slice(0, len).join('');
    for (let n = 2; taken.has(short); n++) short = `${base}${n}`;
    if (chars.length - [...short].length < MIN_SAVING) continue;
    taken.add(short);
    out.set(name, short);
  }
  return out;
}
