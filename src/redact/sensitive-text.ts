/**
 * Finds what looks like personal data or a credential inside any string (a span name, a log
 * message, an attribute value) and replaces just that part: e-mail addresses, IPv4 and IPv6
 * addresses, bearer and basic credentials, URL passwords and secret query parameters (OAuth codes,
 * signatures, tokens), JWTs, payment card numbers
 * (Luhn-checked, and starting as card numbers do, so epoch timestamps are left alone).
 *
 * IP addresses become addresses from the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24, then 240.0.0.0/4; 2001:db8::/32), one per distinct address: the dump stays valid
 * where an address is expected (Zipkin endpoints), and spans of one host stay on one host, which the
 * clock-skew adjustment relies on.
 */
import { luhnValid } from './luhn.js';
import { isSecretKey } from './secret-keys.js';

export type SensitiveKind = 'email' | 'ip' | 'bearer' | 'jwt' | 'card';

export interface TextTally {
  found(kind: SensitiveKind): void;
}

// Anchored at the start of a run (lookbehind) and bounded: a megabyte of letters must not be tried
// from every position.
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z])/g;
const AUTH = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi;
// URL query parameters: secret-looking names, and OAuth's code, state and signatures.
const QUERY_PARAM = /([?&;])([A-Za-z0-9_.-]{1,64})=([^&#\s"']+)/g;
const QUERY_SECRET = /^(code|state|sig|signature|key|access_token|id_token|refresh_token|client_secret|x-amz-signature|x-amz-credential)$/i;
// The password of a URL's user info: postgres://app:PASSWORD@host/db.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:@/]{1,256}):([^\s@/]{1,256})@/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const IPV4 = /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.])/g;
// Full form, or a form with "::" (which times such as 12:30:45 never have).
const IPV6 = /(?<![\w:.])(?:(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(?:[0-9a-fA-F]{1,4}:){0,6}[0-9a-fA-F]{0,4}::(?:[0-9a-fA-F]{1,4}:){0,6}[0-9a-fA-F]{0,4})(?![\w:])/g;
// 13 to 19 digits, optionally grouped by spaces or dashes, starting as card numbers do (2-6).
const CARD = /(?<![\w.])[2-6]\d{3}(?:[ -]?\d){9,15}(?![\w.])/g;

const REPLACEMENT: Record<Exclude<SensitiveKind, 'ip' | 'bearer'>, string> = { email: '[email]', jwt: '[jwt]', card: '[card]' };

export class SensitiveText {
  private readonly ips = new Map<string, string>();
  private readonly ipv6 = new Map<string, string>();

  constructor(private readonly tally: TextTally) {}

  /** `text` with every sensitive part replaced (the same string when there is none). */
  redact(text: string): string {
    if (text.length < 7) return text;
    let out = text;
    // Order matters: a JWT or a bearer token can contain what looks like an address or a card.
    // Each pattern runs only where its anchor text occurs (cheap on long strings).
    if (/bearer|basic/i.test(out)) {
      out = out.replace(AUTH, (_m, scheme: string) => {
        this.tally.found('bearer');
        return `${scheme} [token]`;
      });
    }
    if (out.includes('://')) {
      out = out.replace(URL_PASSWORD, (_m, user: string) => {
        this.tally.found('bearer');
        return `${user}:[redacted]@`;
      });
    }
    if (out.includes('=') && /[?&;]/.test(out)) {
      out = out.replace(QUERY_PARAM, (m, sep: string, name: string) => {
        if (!isSecretKey(name) && !QUERY_SECRET.test(name)) return m;
        this.tally.found('bearer');
        return `${sep}${name}=[redacted]`;
      });
    }
    if (out.includes('eyJ')) out = out.replace(JWT, () => this.found('jwt'));
    if (out.includes('@')) out = out.replace(EMAIL, () => this.found('email'));
    if (out.includes('.')) out = out.replace(IPV4, (ip) => this.pseudoIp(ip, false));
    if (out.includes('::') || /(?:[0-9a-fA-F]{1,4}:){7}/.test(out)) out = out.replace(IPV6, (ip) => (ip.replace(/:/g, '') === '' ? ip : this.pseudoIp(ip.toLowerCase(), true)));
    out = out.replace(CARD, (m) => (luhnValid(m.replace(/[ -]/g, '')) ? this.found('card') : m));
    return out;
  }

  /** Whether a number (an attribute written as a JSON number) is a card number. */
  isCardNumber(digits: string): boolean {
    return /^[2-6]\d{12,18}$/.test(digits) && luhnValid(digits);
  }

  private found(kind: Exclude<SensitiveKind, 'ip' | 'bearer'>): string {
    this.tally.found(kind);
    return REPLACEMENT[kind];
  }

  private pseudoIp(ip: string, v6: boolean): string {
    this.tally.found('ip');
    const ips = v6 ? this.ipv6 : this.ips;
    let fake = ips.get(ip);
    if (fake === undefined) {
      const n = ips.size;
      fake = v6 ? `2001:db8::${(n + 1).toString(16)}` : documentationV4(n);
      ips.set(ip, fake);
    }
    return fake;
  }
}

/** The n-th address of the IPv4 documentation ranges, then of the reserved 240.0.0.0/4. */
function documentationV4(n: number): string {
  const ranges = ['192.0.2', '198.51.100', '203.0.113'];
  if (n < 3 * 254) return `${ranges[Math.floor(n / 254)]}.${(n % 254) + 1}`;
  const m = n - 3 * 254;
  return `240.${(m >> 16) & 0xff}.${(m >> 8) & 0xff}.${m & 0xff}`;
}
