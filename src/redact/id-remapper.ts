/**
 * Replaces trace and span ids with others, consistently: every spelling of one id (hex with or
 * without leading zeros, upper case, base64 as protobuf JSON writes it) becomes the same new id in
 * the same spelling, so parents, references and links still point where they did, and different
 * ids stay different. New ids come from a keyed hash with a key made for this run: they cannot be
 * traced back, and two runs give different ids.
 */
import { createHmac, randomBytes } from 'node:crypto';

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const NOT_HEX = 'ghijklmnopqrstuv';

export class IdRemapper {
  private readonly key = randomBytes(32);
  /** Significant hex digits (leading zeros stripped, lower case) → new significant digits. */
  private readonly bySignificant = new Map<string, string>();
  private readonly used = new Set<string>();
  /** Ids that are neither hex nor base64, by their text. */
  private readonly byText = new Map<string, string>();

  /** Distinct ids replaced so far. */
  get count(): number {
    return this.bySignificant.size + this.byText.size;
  }

  /** The replacement of an id as written; ids that mean "none" (empty, all zeros) stay as they are. */
  remap(id: string): string {
    if (id === '') return id;
    if (HEX.test(id)) {
      const significant = id.replace(/^0+/, '').toLowerCase();
      if (significant === '') return id;
      const fresh = this.fresh(significant);
      const out = id.slice(0, id.length - significant.length) + fresh;
      return id === id.toUpperCase() && /[A-F]/.test(id) ? out.toUpperCase() : out;
    }
    if (BASE64.test(id) && id.length % 4 === 0) {
      const bytes = Buffer.from(id.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      if (bytes.length === 8 || bytes.length === 16) {
        const hex = bytes.toString('hex');
        const significant = hex.replace(/^0+/, '');
        if (significant === '') return id;
        const next = Buffer.from((hex.slice(0, hex.length - significant.length) + this.fresh(significant)).padStart(hex.length, '0'), 'hex').toString('base64');
        return /[-_]/.test(id) ? next.replace(/\+/g, '-').replace(/\//g, '_') : next;
      }
    }
    // Neither hex nor base64 (tracectl keeps such an id as written, with a warning): replaced by
    // letters beyond f, so it stays an id that is not hex, with the same warning.
    let out = this.byText.get(id);
    if (out === undefined) {
      out = [...this.unique(id, id.length)].map((d) => NOT_HEX[parseInt(d, 16)]).join('');
      this.byText.set(id, out);
    }
    return out;
  }

  private fresh(significant: string): string {
    let out = this.bySignificant.get(significant);
    if (out === undefined) {
      out = this.unique(significant, significant.length);
      this.bySignificant.set(significant, out);
    }
    return out;
  }

  /** Hex digits of the given length, not given out before (longer once a length runs out). */
  private unique(seed: string, length: number): string {
    for (let attempt = 0; ; attempt++) {
      const size = length + Math.floor(attempt / 64);
      let hex = '';
      for (let round = 0; hex.length < size; round++) hex += createHmac('sha256', this.key).update(`${attempt}:${round}:${seed}`).digest('hex');
      // A first digit of 0 would make the id shorter once leading zeros are dropped.
      const out = (hex[0] === '0' ? '1' : hex[0]!) + hex.slice(1, size);
      if (!this.used.has(out)) {
        this.used.add(out);
        return out;
      }
    }
  }
}
