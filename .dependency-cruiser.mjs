/**
 * The import rules of tracectl's layers (docs/internals/layers.md), checked by dependency-cruiser
 * on every `npm run lint` and in CI. The table below is the whole design: each folder of src/ and
 * the folders it may import. Anything not listed is forbidden, so a new folder must be placed here
 * before its first import passes, and test/architecture.test.ts fails while src/ holds a folder
 * the table does not name.
 *
 *   cli → render/report/ui → analyses → model ← formats ← input
 *
 * `pure` layers compute: they import no Node module (no fs, child_process, net, http, process,
 * worker_threads...) and no npm package but string-width (and chalk, in render/theme.ts alone).
 */

/** Every folder of src/, the folders it may import, and whether it is pure. `errors.ts` is open to all. */
export const LAYERS = {
  cli: { may: ['render', 'report', 'ui', 'check', 'diff', 'sample', 'analyses', 'query', 'backends', 'redact', 'record', 'input', 'output', 'formats', 'model', 'json'] },
  report: { may: ['render', 'check', 'diff', 'analyses', 'query', 'model', 'json'] },
  ui: { may: ['render', 'check', 'diff', 'analyses', 'query', 'model', 'json'] },
  render: { may: ['check', 'diff', 'sample', 'analyses', 'query', 'model', 'json'], pure: true },
  check: { may: ['analyses', 'query', 'model', 'json'], pure: true },
  diff: { may: ['analyses', 'query', 'model'], pure: true },
  // Not pure: a policy file is YAML, parsed by the yaml package.
  sample: { may: ['analyses', 'query', 'formats', 'model', 'json'] },
  analyses: { may: ['query', 'model'], pure: true },
  query: { may: ['model'], pure: true },
  // A table's rows are OTLP as the Collector received it (formats: the host key); check's budgets are decided in SQL.
  backends: { may: ['check', 'analyses', 'query', 'formats', 'model', 'json'] },
  redact: { may: ['input', 'output', 'formats', 'model', 'json'] },
  record: { may: ['output', 'formats', 'model', 'json'] },
  input: { may: ['formats', 'model', 'json'] },
  output: { may: [] },
  formats: { may: ['model', 'json'], pure: true },
  model: { may: [], pure: true },
  json: { may: [], pure: true },
};

const names = Object.keys(LAYERS);
const any = (list) => `^src/(${list.join('|')})/`;
const pure = names.filter((n) => LAYERS[n].pure === true);

/** One rule per layer: what it may not import (every src/ path outside it and its list). */
const layerRules = names.map((name) => ({
  name: `layer-${name}`,
  comment: `${name}/ may import only ${[name, ...LAYERS[name].may].join(', ')} (and errors.ts)`,
  severity: 'error',
  from: { path: any([name]) },
  to: { path: '^src/', pathNot: [any([name, ...LAYERS[name].may]), '^src/errors\\.ts$'] },
}));

export default {
  forbidden: [
    ...layerRules,
    {
      name: 'errors-is-a-leaf',
      comment: 'errors.ts is imported by every layer, so it imports none',
      severity: 'error',
      from: { path: '^src/errors\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'unplaced-folder',
      comment: `every file of src/ sits in a folder of the layer table (.dependency-cruiser.mjs): ${names.join(', ')}`,
      severity: 'error',
      from: { path: '^src/', pathNot: [any(names), '^src/errors\\.ts$'] },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'modules import each other in one direction only',
      severity: 'error',
      from: { path: '^src/' },
      // A module loaded with import() may name the types of the one that loads it: a type-only import
      // is gone from the JavaScript, so it closes no cycle at run time. Every other edge counts.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'pure-no-node',
      comment: `pure layers (${pure.join(', ')}) compute: no Node module (file system, processes, network, threads)`,
      severity: 'error',
      from: { path: any(pure) },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'pure-no-npm',
      comment: 'pure layers use no npm package but string-width (and chalk in render/theme.ts)',
      severity: 'error',
      from: { path: any(pure), pathNot: '^src/render/theme\\.ts$' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'], pathNot: 'node_modules/string-width/' },
    },
    {
      name: 'chalk-only-in-theme',
      comment: 'colour is decided once: only render/theme.ts imports chalk',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/render/theme\\.ts$' },
      to: { path: 'node_modules/chalk/' },
    },
    {
      name: 'terminal-libraries-in-cli',
      comment: 'commander and ora are the command line: only cli/ imports them',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: 'node_modules/(commander|ora)/' },
    },
    {
      name: 'no-dev-dependency-at-run-time',
      comment: 'src/ runs from an install without devDependencies',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'declared-dependencies-only',
      comment: 'every package src/ imports is in package.json',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'resolvable',
      comment: 'every import resolves to a file',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a layer that names another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.cjs'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
