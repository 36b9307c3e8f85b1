/**
 * `KeyValue` and `AnyValue` (common.proto) from protobuf to their OTLP JSON form.
 *
 * AnyValue nests (arrays of kvlists of arrays...), and the depth is the sender's choice, so the
 * nesting is bounded: a body nested deeper than MAX_VALUE_DEPTH is rejected rather than risking the
 * stack. Real attributes nest two or three levels.
 */
import type { JsonAnyValue, JsonKeyValue } from './otlp-json.js';
import { ProtoError, type ProtoReader, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './proto-reader.js';
import { expectWire } from './expect-wire.js';

const MAX_VALUE_DEPTH = 64;

/** A `repeated KeyValue` element. */
export function readKeyValue(r: ProtoReader, depth = 0): JsonKeyValue {
  let key = '';
  let value: JsonAnyValue = {};
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(r, wire, WIRE_LEN, 'KeyValue.key');
      key = r.string();
    } else if (field === 2) {
      expectWire(r, wire, WIRE_LEN, 'KeyValue.value');
      value = readAnyValue(r.message(), depth + 1);
    } else r.skip(wire);
  }
  return { key, value };
}

function readAnyValue(r: ProtoReader, depth: number): JsonAnyValue {
  if (depth > MAX_VALUE_DEPTH) throw new ProtoError(`attribute values nested deeper than ${MAX_VALUE_DEPTH} levels`, r.pos);
  // A oneof: when a sender writes several members, the last one wins (protobuf's rule).
  let value: JsonAnyValue = {};
  while (!r.done) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        expectWire(r, wire, WIRE_LEN, 'AnyValue.string_value');
        value = { stringValue: r.string() };
        break;
      case 2:
        expectWire(r, wire, WIRE_VARINT, 'AnyValue.bool_value');
        value = { boolValue: r.bool() };
        break;
      case 3:
        expectWire(r, wire, WIRE_VARINT, 'AnyValue.int_value');
        value = { intValue: BigInt.asIntN(64, r.varintBig()).toString() };
        break;
      case 4:
        expectWire(r, wire, WIRE_FIXED64, 'AnyValue.double_value');
        value = { doubleValue: jsonDouble(r.double()) };
        break;
      case 5:
        expectWire(r, wire, WIRE_LEN, 'AnyValue.array_value');
        value = { arrayValue: { values: readValues(r.message(), depth, readAnyValue) } };
        break;
      case 6:
        expectWire(r, wire, WIRE_LEN, 'AnyValue.kvlist_value');
        value = { kvlistValue: { values: readValues(r.message(), depth, readKeyValue) } };
        break;
      case 7:
        expectWire(r, wire, WIRE_LEN, 'AnyValue.bytes_value');
        value = { bytesValue: r.bytes().toString('base64') };
        break;
      default:
        r.skip(wire);
    }
  }
  return value;
}

/** `ArrayValue` / `KeyValueList`: field 1 repeated. */
function readValues<T>(r: ProtoReader, depth: number, read: (item: ProtoReader, depth: number) => T): T[] {
  const values: T[] = [];
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1) {
      expectWire(r, wire, WIRE_LEN, 'ArrayValue.values');
      values.push(read(r.message(), depth + 1));
    } else r.skip(wire);
  }
  return values;
}

/** Protobuf JSON writes non-finite doubles as strings. */
function jsonDouble(value: number): number | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}
