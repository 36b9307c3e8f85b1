/**
 * A reader for the protobuf wire format, just enough for the OTLP trace messages: varints,
 * fixed 32/64-bit values and length-delimited fields, with unknown fields skipped.
 *
 * Why hand-written: the whole format is five wire types, and a dependency (protobufjs and generated
 * code) would be far larger than the decoder. Every read is bounds-checked against the end of the
 * current message, so a truncated or hostile body becomes a `ProtoError` with the byte offset,
 * never an out-of-range read or a hang.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
// 3 and 4 (groups) are a proto2 relic: no OTLP sender writes them (skip below).
export const WIRE_FIXED32 = 5;

/** Malformed protobuf: `offset` is the byte where reading failed. */
export class ProtoError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'ProtoError';
  }
}

export class ProtoReader {
  pos: number;

  /** Reads `buf` from `start` up to (not including) `end`. */
  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as a number; only for values known to stay below 2^53 (tags, lengths, counts). */
  varint(): number {
    const start = this.pos;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError('truncated varint', start);
      const byte = this.buf[this.pos++] as number;
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        if (result > Number.MAX_SAFE_INTEGER) throw new ProtoError('varint too large', start);
        return result;
      }
      scale *= 128;
    }
    throw new ProtoError('varint longer than 10 bytes', start);
  }

  /** A varint as an unsigned 64-bit bigint (int64 fields reinterpret it with BigInt.asIntN). */
  varintBig(): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError('truncated varint', start);
      const byte = this.buf[this.pos++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
      shift += 7n;
    }
    throw new ProtoError('varint longer than 10 bytes', start);
  }

  /** An int32 or enum: a varint of up to 10 bytes (negative values are sign-extended to 64 bits). */
  int32(): number {
    return Number(BigInt.asIntN(32, this.varintBig()));
  }

  /** A uint32: the low 32 bits of a varint. */
  uint32(): number {
    return Number(BigInt.asUintN(32, this.varintBig()));
  }

  bool(): boolean {
    return this.varintBig() !== 0n;
  }

  fixed32(): number {
    this.need(4);
    const value = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return value;
  }

  /** A fixed64 as an unsigned bigint (timestamps in nanoseconds exceed 2^53). */
  fixed64(): bigint {
    this.need(8);
    const low = this.buf.readUInt32LE(this.pos);
    const high = this.buf.readUInt32LE(this.pos + 4);
    this.pos += 8;
    return (BigInt(high) << 32n) | BigInt(low);
  }

  double(): number {
    this.need(8);
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** The bounds of a length-delimited field's payload; the reader moves past it. */
  lengthDelimited(): { start: number; end: number } {
    const at = this.pos;
    const length = this.varint();
    if (length > this.end - this.pos) throw new ProtoError(`length ${length} runs past the end of the message`, at);
    const start = this.pos;
    this.pos += length;
    return { start, end: this.pos };
  }

  bytes(): Buffer {
    const { start, end } = this.lengthDelimited();
    return this.buf.subarray(start, end);
  }

  string(): string {
    const { start, end } = this.lengthDelimited();
    return this.buf.toString('utf8', start, end);
  }

  /** Hex of a bytes field (trace and span ids). */
  hex(): string {
    const { start, end } = this.lengthDelimited();
    return this.buf.toString('hex', start, end);
  }

  /** A reader over an embedded message's payload. */
  message(): ProtoReader {
    const { start, end } = this.lengthDelimited();
    return new ProtoReader(this.buf, start, end);
  }

  /** The next field's tag: field number and wire type. */
  tag(): { field: number; wire: number } {
    const at = this.pos;
    const key = this.varint();
    const field = Math.floor(key / 8);
    if (field === 0) throw new ProtoError('field number 0', at);
    return { field, wire: key & 7 };
  }

  /** Skips a field of an unknown number (groups are a proto2 relic no OTLP sender writes). */
  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varintBig();
        return;
      case WIRE_FIXED64:
        this.need(8);
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.need(4);
        this.pos += 4;
        return;
      default:
        throw new ProtoError(`unsupported wire type ${wire}`, this.pos);
    }
  }

  private need(bytes: number): void {
    if (this.end - this.pos < bytes) throw new ProtoError(`truncated ${bytes}-byte value`, this.pos);
  }
}
