/**
 * What the receiver hands each trace request to: the dump writer for `record`, and anything else
 * that wants requests as they arrive (a live view). The receiver knows nothing of files; a sink knows
 * nothing of HTTP.
 *
 * A sink applies backpressure through `admit`: the receiver asks for a slot before it reads a body,
 * and a sink with no room keeps it waiting. Meanwhile that request's socket is not read (the sender
 * is slowed down by TCP) and its answer is held, so what has been acknowledged and not yet stored
 * stays bounded however fast the senders are.
 */
export interface Slot {
  /** Settles the slot with a line (one OTLP JSON request, without newline), or with nothing. */
  fill(line: Buffer | undefined): void;
}

export interface RequestSink {
  /**
   * A slot for one request, in the order `admit` was called, once the sink has room; until then the
   * returned promise waits. `expectedBytes` (the body's declared length, or 0) is held against the
   * room until the slot is filled. Rejects if `signal` aborts first (the sender went away).
   */
  admit(expectedBytes: number, signal: AbortSignal): Promise<Slot>;
}
