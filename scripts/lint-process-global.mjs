#!/usr/bin/env node
/**
 * Only bin/tracectl.js touches `process`: no module of src/ reads the host's `process` (its
 * environment, streams, exit code, working directory), so settings arrive as options and the whole
 * program runs in-process under test. dependency-cruiser checks imports (`node:process` included);
 * this checks the global, with the TypeScript checker, so a local variable that happens to be called
 * `process` (a Jaeger process) is no finding.
 *
 *   node scripts/lint-process-global.mjs [root]    root: a repository-shaped folder (default: this one)
 *
 * Prints one `path:line:column` per use and exits 1 when there is any.
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO = fileURLToPath(new URL('../', import.meta.url));

/** Every .ts file under `dir`. */
function sources(dir) {
  const out = [];
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop();
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
    }
  }
  return out.sort();
}

/** Uses of the global `process` in `root`/src, as `src/...:line:column`. */
export function processGlobalUses(root = REPO) {
  const files = sources(join(root, 'src'));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    typeRoots: [join(REPO, 'node_modules/@types')],
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const found = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    const visit = (node) => {
      if (ts.isIdentifier(node) && node.text === 'process') {
        const symbol = checker.getSymbolAtLocation(node);
        const declarations = symbol?.declarations ?? [];
        if (declarations.length > 0 && declarations.every((d) => d.getSourceFile().fileName.includes('/node_modules/'))) {
          const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push(`${relative(root, file)}:${line + 1}:${character + 1}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const uses = processGlobalUses(resolve(process.argv[2] ?? REPO));
  for (const use of uses) console.log(`${use}: the global process (only bin/tracectl.js may touch it; pass what is needed in as an option)`);
  if (uses.length > 0) process.exit(1);
  console.log('✔ no module of src/ touches the global process');
}
