/**
 * Replaces trace and span ids with others, consistently: every spelling of one id (hex with or
 * without leading zeros, upper case, base64 as protobuf JSON writes it) becomes the same new id (as
 * tracectl reads ids), so parents, references and links still point where they did, and different
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
      // As wide as the id tracectl reads (64 or 128 bits), kept at the written length when longer
      // (a 128-bit spelling of a 64-bit id keeps its zero high half).
      const out = this.fresh(significant).padStart(id.length, '0');
      return id === id.toUpperCase() && /[A-F]/.test(id) ? out.toUpperCase() : out;
    }
    if (BASE64.test(id) && id.length % 4 === 0) {
      const bytes = Buffer.from(id.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      if (bytes.length === 8 || bytes.length === 16) {
        const hex = bytes.toString('hex');
        const significant = hex.replace(/^0+/, '');
        if (significant === '') return id;
        const next = Buffer.from(this.fresh(significant).padStart(hex.length, '0'), 'hex').toString('base64');
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

  /**
   * The new digits for an id's significant digits: 16 of them for a 64-bit id, 32 for a 128-bit
   * one (never a short id that could come out the same by chance), as many as written beyond that.
   */
  private fresh(significant: string): string {
    let out = this.bySignificant.get(significant);
    if (out === undefined) {
      const width = significant.length <= 16 ? 16 : Math.max(32, significant.length);
      out = this.unique(significant, width);
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
