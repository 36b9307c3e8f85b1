/**
 * A known field must arrive with its declared wire type; anything else means the body is not the
 * message we think it is (a metrics request posted to /v1/traces, a corrupt body), and reading on
 * would produce nonsense.
 */
import { ProtoError, type ProtoReader } from './proto-reader.js';

export function expectWire(r: ProtoReader, wire: number, expected: number, field: string): void {
  if (wire !== expected) throw new ProtoError(`${field} has wire type ${wire}, expected ${expected}`, r.pos);
}
