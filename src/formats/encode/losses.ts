/**
 * What a conversion could not carry, counted as the encoders meet it. Every target format is
 * narrower than the normalized span somewhere (Zipkin has no links, Jaeger records microseconds, ...);
 * a user converting a dump must be told what changed rather than discover it later, so each encoder
 * counts each kind of loss and the command prints the counts (stderr, and `--json`).
 */

export type LossCode =
  | 'sub-microsecond'
  | 'zero-duration'
  | 'links'
  | 'root-links'
  | 'link-attributes'
  | 'links-as-follows-from'
  | 'follows-from-parent'
  | 'follows-from-as-link'
  | 'event-attributes'
  | 'event-time'
  | 'resource-attributes'
  | 'host-name'
  | 'kind-unspecified'
  | 'typed-attributes'
  | 'structured-attributes'
  | 'conflicting-attributes'
  | 'status-message'
  | 'shared-span-ids'
  | 'shared-flag'
  | 'redundant-reference'
  | 'sampling'
  | 'view-details'
  | 'lanes';

/** What each loss means. */
const TEXT: LossTexts<LossCode> = {
  'sub-microsecond': ['span', 'spans', 'with sub-microsecond times, rounded down to whole microseconds (the format records µs)'],
  'zero-duration': ['span', 'spans', 'lasting exactly 0 µs written without a duration (Zipkin reads a duration of 0 as unknown)'],
  links: ['span link', 'span links', 'dropped (Zipkin has no links or references)'],
  'root-links': ['link', 'links', "of parentless spans into their own trace dropped (Jaeger would read them as the span's parent)"],
  'link-attributes': ['link', 'links', 'lost their attributes (Jaeger references have none)'],
  'links-as-follows-from': ['span link', 'span links', 'written as FOLLOWS_FROM references (Jaeger has no plain links)'],
  'follows-from-parent': ['FOLLOWS_FROM parent', 'FOLLOWS_FROM parents', 'written as plain parents (Zipkin has no reference types)'],
  'follows-from-as-link': [
    'FOLLOWS_FROM parent',
    'FOLLOWS_FROM parents',
    'written as the parent plus a link with opentracing.ref_type=follows_from (OTLP has no reference types)',
  ],
  'event-attributes': ['span event', 'span events', 'with attributes folded into the annotation text (Zipkin annotations are plain strings)'],
  'event-time': ['span event', 'span events', 'without a usable time dropped (Zipkin annotations need one)'],
  'resource-attributes': ['span', 'spans', 'lost resource attributes other than the service name, IP address and port (all a Zipkin endpoint holds)'],
  'host-name': ['span', 'spans', 'whose host is a name, not an IP address, written without it (Zipkin endpoints hold addresses only)'],
  'kind-unspecified': ['span', 'spans', 'of unspecified kind written without a kind (Zipkin reads that as a local span)'],
  'typed-attributes': ['span', 'spans', 'with number, boolean or structured attribute values written as strings (Zipkin tags are strings)'],
  'structured-attributes': ['array or map attribute value', 'array or map attribute values', 'written as JSON text (Jaeger tags are scalars)'],
  'conflicting-attributes': ['span', 'spans', "had an attribute that contradicted the span's kind or status dropped or overwritten, so the status survives"],
  'status-message': ['error message', 'error messages', 'that could not be carried'],
  'shared-span-ids': [
    'span',
    'spans',
    'kept the span id they share with their Zipkin client half (not unique in OTLP; tracectl reads them back as a pair)',
  ],
  'shared-flag': ['Zipkin server half', 'Zipkin server halves', "without its client half in the trace lost the 'shared' flag"],
  'redundant-reference': ['FOLLOWS_FROM reference', 'FOLLOWS_FROM references', 'to the span that is already the CHILD_OF parent dropped'],
  sampling: ['span', 'spans', 'lost their W3C tracestate or sampling information (Zipkin has no place for them)'],
  'view-details': ['span', 'spans', 'with attributes, status, events or links, which the speedscope format has no place for'],
  lanes: ['span', 'spans', 'overlapping a span of their own row drawn on an extra row (a lane)'],
};

export interface LossEntry<C extends string = LossCode> {
  readonly code: C;
  readonly count: number;
  /** A sentence with the count: "3 span links dropped (Zipkin has no links or references)". */
  readonly message: string;
}

/** For each kind of loss: the thing counted (singular, plural) and what happened to it. */
export type LossTexts<C extends string> = Readonly<Record<C, readonly [string, string, string]>>;

/** Losses counted by kind, each told as a sentence; the kinds and sentences are the target's. */
export class CountedLosses<C extends string> {
  private readonly counts = new Map<C, number>();

  constructor(private readonly texts: LossTexts<C>) {}

  add(code: C, count = 1): void {
    if (count <= 0) return;
    this.counts.set(code, (this.counts.get(code) ?? 0) + count);
  }

  get(code: C): number {
    return this.counts.get(code) ?? 0;
  }

  /** Every loss met, most frequent first (ties by code), with its explanation. */
  entries(): LossEntry<C>[] {
    return [...this.counts]
      .map(([code, count]) => {
        const [one, many, rest] = this.texts[code];
        return { code, count, message: `${count} ${count === 1 ? one : many} ${rest}` };
      })
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }
}

/** The losses of converting to a dump format. */
export class LossTally extends CountedLosses<LossCode> {
  constructor() {
    super(TEXT);
  }
}
