/**
 * Which span of one trace is "the same" span in another: the one reached by the same path of
 * service:operation names from the root, with the same occurrence among its same-named siblings
 * (siblings are in start order, so the second `redis GET` under a request matches the second). Span
 * ids differ between two runs of a request; this path does not.
 *
 * Paths are interned as small integers (a key is the parent's key, the name and the occurrence), so
 * a trace a million spans deep costs a million short strings, not a million paths a million long.
 * One SpanPathKeys is shared by the two traces compared, so equal numbers mean equal paths.
 */
import type { SpanNode, Trace } from '../model/trace.js';

export class SpanPathKeys {
  private readonly ids = new Map<string, number>();

  /** Per node (by `SpanNode.index`): its path key. Also the occurrence (1-based) of each node. */
  keysOf(trace: Trace): { keys: Int32Array; occurrence: Int32Array } {
    const n = trace.nodes.length;
    const keys = new Int32Array(n);
    const occurrence = new Int32Array(n);
    const assign = (siblings: readonly SpanNode[], parentKey: number): void => {
      // Most spans are only children: no map for them.
      const seen = siblings.length > 1 ? new Map<string, number>() : undefined;
      for (const child of siblings) {
        const name = `${child.span.service}\u0000${child.span.operation}`;
        const k = seen === undefined ? 1 : (seen.get(name) ?? 0) + 1;
        seen?.set(name, k);
        occurrence[child.index] = k;
        keys[child.index] = this.intern(`${parentKey}\u0001${name}\u0001${k}`);
      }
    };
    assign(trace.roots, -1);
    // Depth-first order: a node's key is set before its children's are built from it.
    for (const node of trace.nodes) if (node.children.length > 0) assign(node.children, keys[node.index]!);
    return { keys, occurrence };
  }

  private intern(path: string): number {
    let id = this.ids.get(path);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(path, id);
    }
    return id;
  }
}
