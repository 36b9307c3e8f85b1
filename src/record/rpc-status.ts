/**
 * The error body OTLP/HTTP specifies: a google.rpc.Status (code 1, message 2), as protobuf for
 * protobuf senders and as JSON for JSON senders, so their exporters can log why a batch was refused.
 */
import type { OtlpEncoding } from './otlp-request.js';

/** google.rpc.Code INVALID_ARGUMENT: what every refusal here amounts to. */
const INVALID_ARGUMENT = 3;

export function rpcStatusBody(message: string, encoding: OtlpEncoding): Buffer {
  if (encoding === 'json') return Buffer.from(JSON.stringify({ code: INVALID_ARGUMENT, message }));
  const text = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from([0x08, INVALID_ARGUMENT, 0x12]), varint(text.length), text]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
