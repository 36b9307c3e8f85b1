/**
 * Building blocks for analyses that need a trace's tree in ClickHouse: a trace's spans are grouped
 * into arrays (one element per span, in one order), and the tree is worked out on the arrays.
 *
 * The obvious `arr[i]` inside a lambda copies `arr` for every element (ClickHouse materializes
 * captured columns per element), which costs n² on a trace of n spans. These blocks never capture
 * an array: they look up by sorting. To read `values` at `indexes` (a gather), the values keyed by
 * their position and the lookups keyed by the wanted position are sorted together, the last value
 * seen is carried forward over the lookups (arrayFill), and the lookups are put back in order:
 * O(n log n), and the same for keyed lookups (a parent by span id) and membership tests.
 *
 * Arrays are 1-based; index 0 means "none" and reads as the type's default.
 */

/** `values` read at `indexes` (UInt32, 0 for none → the default value). */
export function gatherSql(values: string, indexes: string): string {
  const entries = `arraySort(arrayConcat(
    arrayMap((v, j) -> (toUInt32(j), toUInt8(0), toUInt32(0), v), ${values}, arrayEnumerate(${values})),
    arrayMap((k, i, d) -> (toUInt32(k), toUInt8(1), toUInt32(i), d), ${indexes}, arrayEnumerate(${indexes}), arrayResize(arraySlice(${values}, 1, 0), length(${indexes})))))`;
  return `arrayMap(t -> t.2, arraySort(arrayFilter(t -> t.3 = 1, arrayMap((e, f) -> (e.3, f.4, e.2), ${entries}, arrayFill(x -> x.2 = 0, ${entries})))))`;
}

/**
 * For each query key (`queryKeys`, used where `queryValid` is 1), the position of a source with the
 * same key (`sourceKeys`, used where `sourceValid` is 1), else 0. Among sources sharing a key the one
 * with the highest `sourceRank` (Int64) wins.
 */
function lookupSql(sourceKeys: string, sourceRank: string, sourceValid: string, queryKeys: string, queryValid: string): string {
  const entries = `arraySort(arrayConcat(
    arrayFilter(x -> x.5 = 1, arrayMap((k, r, v, j) -> (k, toUInt8(0), toInt64(r), toUInt32(j), toUInt8(v)), ${sourceKeys}, ${sourceRank}, ${sourceValid}, arrayEnumerate(${sourceKeys}))),
    arrayMap((k, v, i) -> (k, toUInt8(1), toInt64(0), toUInt32(i), toUInt8(v)), ${queryKeys}, ${queryValid}, arrayEnumerate(${queryKeys}))))`;
  return `arrayMap(t -> t.2, arraySort(arrayFilter(t -> t.3 = 1, arrayMap((e, f) -> (e.4, if(e.5 = 1 AND f.2 = 0 AND f.1 = e.1, f.4, toUInt32(0)), e.2), ${entries}, arrayFill(x -> x.2 = 0, ${entries})))))`;
}

/** An array of n flags: 1 at the positions listed in `positions` (UInt32, 0s ignored). */
export function memberSql(positions: string, n: string): string {
  const entries = `arraySort(arrayConcat(
    arrayMap(k -> (toUInt32(k), toUInt8(0)), arrayFilter(k -> k != 0, ${positions})),
    arrayMap(i -> (toUInt32(i), toUInt8(1)), range(1, ${n} + 1))))`;
  return `arrayMap(t -> t.2, arraySort(arrayFilter(t -> t.3 = 1, arrayMap((e, f) -> (e.1, toUInt8(f.2 = 0 AND f.1 = e.1), e.2), ${entries}, arrayFill(x -> x.2 = 0, ${entries})))))`;
}

/**
 * Pointer jumping: every position follows `start` (a position per element: its parent, say) until it
 * reaches a position whose `flags` element is 1, or 0. Each round a pointer not yet there jumps to
 * where its target's pointer is, doubling the distance covered, so `rounds` = ⌈log2 n⌉ + 1 reach the
 * end of any chain of n. (A cycle with no flag on it keeps going round.)
 */
export function jumpSql(start: string, flags: string, rounds: string): string {
  return `arrayFold((acc, r) -> arrayMap((q, at, next) -> if(q = 0 OR at = 1, q, next), acc, ${gatherSql(flags, 'acc')}, ${gatherSql('acc', 'acc')}), range(${rounds}), ${start})`;
}

/**
 * Each span's parent position, as the tree builder links them (model/tree.ts linkParents), from the
 * span ids, parent ids and kinds of one trace: by parent id, and among spans sharing an id the
 * server half (kind server) first, else the first in the arrays' order; a server half whose id a
 * client span shares hangs under that client half; an empty parent id, or the span's own, is none.
 */
export function parentIndexSql(ids: string, pids: string, kinds: string): string {
  const byId = lookupSql(ids, `arrayMap((k, j) -> toInt64(k = 'server') * 4294967296 - j, ${kinds}, arrayEnumerate(${ids}))`, `arrayMap(k -> 1, ${ids})`, pids, `arrayMap((p, i) -> toUInt8(p != '' AND p != i), ${pids}, ${ids})`);
  const clientHalf = lookupSql(ids, `arrayMap(j -> -j, arrayEnumerate(${ids}))`, `arrayMap(k -> toUInt8(k = 'client'), ${kinds})`, ids, `arrayMap(k -> toUInt8(k = 'server'), ${kinds})`);
  return `arrayMap((p, c, k) -> if(k = 'server' AND c != 0, c, p), ${byId}, ${clientHalf}, ${kinds})`;
}

/** Each span's depth (0 for a root) by pointer jumping with distances. */
export function depthSql(parent: string, rounds: string): string {
  return `arrayFold((acc, r) -> (${gatherSql('acc.1', 'acc.1')}, arrayMap((a, d, above) -> toUInt32(if(a = 0, d, d + above)), acc.1, acc.2, ${gatherSql('acc.2', 'acc.1')})), range(${rounds}), (${parent}, arrayMap(p -> toUInt32(p != 0), ${parent}))).2`;
}
