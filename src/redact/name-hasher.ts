/**
 * Service and operation names as short stable hashes (`svc-3fa1c2d9`, `op-07be5a10`): the same name
 * gives the same hash in every run and every dump, so two redacted dumps can still be compared,
 * and different names stay different within a run. (A hash of a guessable name can be checked by
 * whoever guesses it: this hides names from a casual reader, not from a determined one.)
 */
import { createHash } from 'node:crypto';

export class NameHasher {
  private readonly byName = new Map<string, string>();
  private readonly taken = new Map<string, string>();

  constructor(private readonly prefix: string) {}

  get count(): number {
    return this.byName.size;
  }

  hash(name: string): string {
    if (name === '') return name;
    let out = this.byName.get(name);
    if (out !== undefined) return out;
    const digest = createHash('sha256').update(name).digest('hex');
    // Eight hex digits; more only if two names of this run would collide.
    for (let len = 8; ; len += 4) {
      out = `${this.prefix}${digest.slice(0, len)}`;
      const owner = this.taken.get(out);
      if (owner === undefined || owner === name || len >= digest.length) break;
    }
    this.taken.set(out, name);
    this.byName.set(name, out);
    return out;
  }
}
