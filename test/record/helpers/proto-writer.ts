/**
 * A protobuf writer for tests: builds wire bytes field by field, so decoder tests can state exactly
 * which bytes go in (including malformed ones) without a protobuf library.
 */

export type Field = Buffer;

function varintBytes(value: bigint | number): Buffer {
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  while (v >= 0x80n) {
    bytes.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  bytes.push(Number(v));
  return Buffer.from(bytes);
}

function key(field: number, wire: number): Buffer {
  return varintBytes(field * 8 + wire);
}

export function varint(field: number, value: bigint | number): Field {
  return Buffer.concat([key(field, 0), varintBytes(value)]);
}

export function fixed64(field: number, value: bigint): Field {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt.asUintN(64, value));
  return Buffer.concat([key(field, 1), b]);
}

export function double(field: number, value: number): Field {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return Buffer.concat([key(field, 1), b]);
}

export function fixed32(field: number, value: number): Field {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return Buffer.concat([key(field, 5), b]);
}

export function bytes(field: number, value: Buffer | string): Field {
  const payload = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([key(field, 2), varintBytes(payload.length), payload]);
}

export function hexBytes(field: number, hex: string): Field {
  return bytes(field, Buffer.from(hex, 'hex'));
}

export function message(field: number, ...fields: Field[]): Field {
  return bytes(field, Buffer.concat(fields));
}

export function concat(...fields: Field[]): Buffer {
  return Buffer.concat(fields);
}

/** KeyValue { key = 1; value = 2 (AnyValue) } as field `field`. */
export function keyValue(field: number, name: string, ...value: Field[]): Field {
  return message(field, bytes(1, name), message(2, ...value));
}
