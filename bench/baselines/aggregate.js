/**
 * What the baselines do with the spans they read, written the plain way one would in a script: a
 * minimal span per wire span, then the same aggregation tracectl does for `latency` (entry spans per
 * service: count, errors, mean, max, nearest-rank p50/p90/p95/p99) and `traces` (per trace: root,
 * start, duration, spans, services, errors; sorted).
 *
 * `spansOf(format, record)` takes one parsed record: a Jaeger trace, an OTLP ResourceSpans, a Zipkin
 * span. Both baselines (whole-file JSON.parse, stream-json) share this file, so they differ only in
 * how they read JSON.
 */

const OTLP_KIND = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

function otlpService(resource) {
  for (const a of resource?.attributes ?? []) if (a.key === 'service.name') return a.value?.stringValue ?? 'unknown_service';
  return 'unknown_service';
}

/** Minimal spans of one record: {traceId, spanId, parentId, service, name, kind, startUs, durationUs, error}. */
export function spansOf(format, record, out) {
  if (format === 'jaeger') {
    const procs = record.processes ?? {};
    for (const s of record.spans ?? []) {
      let kind = 'unspecified';
      let error = false;
      for (const t of s.tags ?? []) {
        if (t.key === 'span.kind') kind = t.value;
        else if (t.key === 'error' && (t.value === true || t.value === 'true')) error = true;
      }
      const ref = (s.references ?? []).find((r) => r.traceID === s.traceID);
      out.push({
        traceId: s.traceID,
        spanId: s.spanID,
        parentId: ref?.spanID,
        service: procs[s.processID]?.serviceName ?? 'unknown_service',
        name: s.operationName,
        kind,
        startUs: s.startTime,
        durationUs: s.duration,
        error,
      });
    }
  } else if (format === 'zipkin') {
    out.push({
      traceId: record.traceId,
      spanId: record.id,
      parentId: record.parentId,
      service: record.localEndpoint?.serviceName ?? 'unknown_service',
      name: record.name,
      kind: (record.kind ?? 'unspecified').toLowerCase(),
      startUs: record.timestamp,
      durationUs: record.duration,
      error: record.tags?.error !== undefined,
    });
  } else {
    const service = otlpService(record.resource);
    for (const scope of record.scopeSpans ?? []) {
      for (const s of scope.spans ?? []) {
        const start = BigInt(s.startTimeUnixNano);
        out.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentId: s.parentSpanId || undefined,
          service,
          name: s.name,
          kind: OTLP_KIND[s.kind] ?? 'unspecified',
          startUs: Number(start / 1000n),
          durationUs: Number(BigInt(s.endTimeUnixNano) - start) / 1000,
          error: s.status?.code === 2,
        });
      }
    }
  }
}

/** Spans grouped by trace. */
export function byTrace(spans) {
  const traces = new Map();
  for (const s of spans) {
    let list = traces.get(s.traceId);
    if (list === undefined) traces.set(s.traceId, (list = []));
    list.push(s);
  }
  return traces;
}

function nearestRank(sorted, p) {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `latency`: entry spans (server/consumer, roots, parent in another service) per service. */
export function latency(traces) {
  const groups = new Map();
  for (const spans of traces.values()) {
    const serviceOf = new Map();
    for (const s of spans) serviceOf.set(s.spanId, s.service);
    for (const s of spans) {
      const parentService = s.parentId === undefined ? undefined : serviceOf.get(s.parentId);
      const entry = s.kind === 'server' || s.kind === 'consumer' || parentService === undefined || parentService !== s.service;
      if (!entry) continue;
      let g = groups.get(s.service);
      if (g === undefined) groups.set(s.service, (g = { durations: [], errors: 0 }));
      g.durations.push(s.durationUs);
      if (s.error) g.errors++;
    }
  }
  const rows = [];
  for (const [service, g] of groups) {
    const d = Float64Array.from(g.durations).sort();
    let sum = 0;
    for (const x of d) sum += x;
    rows.push({ service, count: d.length, errors: g.errors, meanMs: sum / d.length / 1000, maxMs: d[d.length - 1] / 1000, p50: nearestRank(d, 50), p90: nearestRank(d, 90), p95: nearestRank(d, 95), p99: nearestRank(d, 99) });
  }
  rows.sort((a, b) => b.p99 - a.p99);
  return rows;
}

/** `traces`: one row per trace, sorted by start; the spans' tree is linked to find the root. */
export function traceRows(traces) {
  const rows = [];
  for (const [traceId, spans] of traces) {
    const ids = new Set(spans.map((s) => s.spanId));
    let root = spans[0];
    let start = Infinity;
    let end = -Infinity;
    let errors = 0;
    const services = new Set();
    for (const s of spans) {
      if (s.parentId === undefined || !ids.has(s.parentId)) {
        if (root.parentId !== undefined && ids.has(root.parentId)) root = s;
        else if (s.startUs < root.startUs) root = s;
      }
      if (s.startUs < start) start = s.startUs;
      if (s.startUs + s.durationUs > end) end = s.startUs + s.durationUs;
      if (s.error) errors++;
      services.add(s.service);
    }
    rows.push({ traceId, rootService: root.service, rootOperation: root.name, startUs: start, durationMs: (end - start) / 1000, spans: spans.length, services: services.size, errors });
  }
  rows.sort((a, b) => a.startUs - b.startUs || (a.traceId < b.traceId ? -1 : 1));
  return rows;
}

/** Prints a short result so the work cannot be skipped, and a line a person can compare. */
export function report(command, traces) {
  const rows = command === 'latency' ? latency(traces) : traceRows(traces);
  process.stdout.write(`${JSON.stringify({ rows: rows.length, first: rows[0] })}\n`);
}
