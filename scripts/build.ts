/**
 * Build: validate the built-in knowledge with the full loader and ship it precompiled
 * (dist/knowledge.json), write the JSON Schemas (schemas/), bundle the CLI and the library
 * with esbuild (yaml, zod and the prompts stay in lazily loaded chunks), and emit types.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { formatProblem } from '../src/errors.js';
import { assemble } from '../src/knowledge/assemble.js';
import { toPrecompiled } from '../src/knowledge/builtin.js';
import { jsonSchema, SCHEMA_NAMES } from '../src/knowledge/json-schemas.js';
import { readBuiltinSources } from '../src/knowledge/load.js';

const root = new URL('../', import.meta.url);
const path = (p: string) => new URL(p, root).pathname;
const version = (JSON.parse(readFileSync(path('package.json'), 'utf8')) as { version: string }).version;

const sources = readBuiltinSources(path('.'));
const { knowledge, problems } = assemble(sources);
if (problems.length > 0) {
  for (const p of problems) console.error(formatProblem(p));
  process.exit(1);
}

rmSync(path('dist'), { recursive: true, force: true });
mkdirSync(path('dist'), { recursive: true });
writeFileSync(path('dist/knowledge.json'), JSON.stringify(toPrecompiled(sources)));
mkdirSync(path('schemas'), { recursive: true });
for (const name of SCHEMA_NAMES) {
  writeFileSync(path(`schemas/${name}.schema.json`), `${JSON.stringify(jsonSchema(name, knowledge.questions), null, 2)}\n`);
}

await build({
  entryPoints: { cli: path('src/cli/main.ts'), index: path('src/index.ts') },
  outdir: path('dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  minifySyntax: true,
  chunkNames: 'chunks/[name]-[hash]',
  define: { __PRECOMPILED__: 'true', __VERSION__: JSON.stringify(version) },
  // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});

execFileSync(process.execPath, [path('node_modules/typescript/bin/tsc'), '-p', path('tsconfig.build.json')], { stdio: 'inherit' });
console.error(`built dl-advisor ${version}: ${knowledge.rules.length} rules, ${knowledge.methods.length} methods, ${knowledge.questions.length} questions`);
