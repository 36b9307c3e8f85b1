/**
 * The real dumps of the real tier (`npm run test:real`), kept outside the project in
 * ../shared/real-traces (or where TRACECTL_REAL_TRACES points). The suites take their files from the
 * list below, never from the folder alone: a dump that goes missing or is renamed fails its tests
 * (and test/real/dumps-present.test.ts says which) instead of silently dropping out of them.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dumpFiles } from './dump-files.js';

/** The folder, with a trailing slash. */
export const REAL = `${resolve(process.env.TRACECTL_REAL_TRACES ?? fileURLToPath(new URL('../../../shared/real-traces/', import.meta.url)))}/`;

/** Every dump the folder holds, relative to it (SOURCES.md there describes each). A new dump is added here. */
export const EXPECTED_DUMPS: readonly string[] = [
  'jaeger/grafana__jaeger_mockJsonResponse.json',
  'jaeger/jaeger-ui__flamegraph_testTrace.json',
  'jaeger/jaeger-ui__oltp2jaeger-multi-out.json',
  'jaeger/jaeger-ui__spansAmongEachOther.json',
  'jaeger/jaeger__anonymizer_trace_success.json',
  'jaeger/jaeger__apiv2-protojson__example_trace.json',
  'jaeger/jaeger__otlp2jaeger-out.json',
  'jaeger/jaeger__ui_01.json',
  'otlp/jaeger-ui__otlp2jaeger-in-error.json',
  'otlp/jaeger-ui__otlp2jaeger-multi-in-combined.json',
  'otlp/jaeger__apiv3_GetTrace.json',
  'otlp/jaeger__link_attributes_trace.json',
  'otlp/jaeger__otlp2jaeger-in.json',
  'otlp/opentelemetry-proto__trace.json',
  'otlp/otel-tui__test_data.filtered.jsonl',
  'otlp/tempo__trace-with-expired-edges.json',
  'otlp/tempo__trace-with-failed-requests.json',
  'otlp/tempo__trace-with-queue-database.json',
  'otlp/tempo__trace-with-virtual-nodes.json',
  'otlp/tempo__vulture_trace.json',
  'tempo/tempo__tempopb_trace.json',
  'tempo/tempo__test-sample.json',
  'zipkin-v1/opentelemetry-collector__zipkin_v1_error_batch.json',
  'zipkin-v1/opentelemetry-collector__zipkin_v1_local_component.json',
  'zipkin-v1/opentelemetry-collector__zipkin_v1_multiple_batches.json',
  'zipkin-v1/opentelemetry-collector__zipkin_v1_single_batch.json',
  'zipkin-v1/opentelemetry-collector__zipkin_v2_notimestamp.json',
  'zipkin-v1/zipkin__benchmarks_span-client.json',
  'zipkin-v1/zipkin__benchmarks_span-local.json',
  'zipkin-v1/zipkin__benchmarks_span-rpc-ipv6.json',
  'zipkin-v1/zipkin__benchmarks_span-rpc.json',
  'zipkin-v2/grafana__zipkin_mocks_mockJsonResponse.json',
  'zipkin-v2/jaeger__zipkin_v1_merged_spans.json',
  'zipkin-v2/jaeger__zipkin_v2_01.json',
  'zipkin-v2/jaeger__zipkin_v2_03.json',
  'zipkin-v2/opentelemetry-collector-contrib__zipkinreceiver_sample3.json',
  'zipkin-v2/opentelemetry-collector-contrib__zipkinreceiver_sample4.json',
  'zipkin-v2/opentelemetry-collector__zipkinreceiver_sample1.json',
  'zipkin-v2/zipkin__ascend.json',
  'zipkin-v2/zipkin__envoy.json',
  'zipkin-v2/zipkin__malformed.json',
  'zipkin-v2/zipkin__messaging-kafka.json',
  'zipkin-v2/zipkin__messaging.json',
  'zipkin-v2/zipkin__messaging2.json',
  'zipkin-v2/zipkin__netflix.json',
  'zipkin-v2/zipkin__simple-db-p6.json',
  'zipkin-v2/zipkin__skew.json',
  'zipkin-v2/zipkin__smartthings-mobile-web-install.json',
  'zipkin-v2/zipkin__smartthings-oauth-authorization.json',
  'zipkin-v2/zipkin__yelp.json',
];

/** The absolute path of a listed dump (`otlp/x.json`); throws for a name not in the list. */
export function realDump(name: string): string {
  if (!EXPECTED_DUMPS.includes(name)) throw new Error(`${name} is not in EXPECTED_DUMPS (test/helpers/real-dumps.ts)`);
  return REAL + name;
}

/** The absolute paths of the listed dumps, all or those of one subfolder (`zipkin-v2`), sorted. */
export function realDumps(folder?: string): string[] {
  return EXPECTED_DUMPS.filter((name) => folder === undefined || name.startsWith(`${folder}/`)).map((name) => REAL + name);
}

/** The dump files actually in the folder, relative to it, sorted (what the list is checked against). */
export function dumpsInFolder(): string[] {
  return dumpFiles(REAL).map((path) => path.slice(REAL.length));
}
