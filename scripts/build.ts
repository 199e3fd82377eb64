/**
 * Build: validate the built-in knowledge with the full loader and ship it precompiled
 * (dist/knowledge/), write the JSON Schemas (schemas/), bundle the CLI and the library
 * with esbuild (yaml, zod and the prompts stay in lazily loaded chunks), and emit types.
 *
 *   tsx scripts/build.ts                  the package (npm run build)
 *   tsx scripts/build.ts --outdir DIR     a runnable copy of the package in DIR (bin/, rules/,
 *                                         package.json and dist/ without types): tests/perf and
 *                                         the benchmark build one there, away from a shared dist/
 *   tsx scripts/build.ts --no-types       skip the .d.ts emission (the slow step)
 *   tsx scripts/build.ts --sourcemap      also write source maps (off by default: smaller dist)
 *   tsx scripts/build.ts --no-minify      readable bundles (one statement a line), e.g. for --cpu-prof
 *
 * Start-up budget: see bench/startup.ts and the README's performance section. Every choice
 * below that exists for start-up time says what it measured.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules as nodeBuiltins } from 'node:module';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type BuildOptions, build, type Plugin, type PluginBuild } from 'esbuild';
import { formatProblem } from '../src/errors.js';
import { assemble } from '../src/knowledge/assemble.js';
import { toPrecompiled } from '../src/knowledge/builtin.js';
import { jsonSchema, SCHEMA_NAMES } from '../src/knowledge/json-schemas.js';
import { readBuiltinSources } from '../src/knowledge/load.js';
import { byModality, INDEX_FILE, modalityIndexFile, toPrecedentIndex } from '../src/knowledge/precedent-index.js';
import { precedentsJsonSchema, readBuiltinPrecedents, vocabularyOf } from '../src/knowledge/precedents.js';
import { toPrecompiledPrecedents } from '../src/knowledge/precedents-builtin.js';
import { knowledgeSummary } from '../src/version.js';
import { CSV_SCAN_FILES, csvScanAssets, writeCsvScanAssets } from './csv-scan-assets.js';

const { values: flags } = parseArgs({
  options: { outdir: { type: 'string' }, 'no-types': { type: 'boolean' }, sourcemap: { type: 'boolean' }, 'no-minify': { type: 'boolean' } },
});

const root = new URL('../', import.meta.url);
const path = (p: string) => new URL(p, root).pathname;
/** The package folder the bundle goes into (its dist/); the repository unless --outdir. */
const target = flags.outdir ? `${resolve(flags.outdir)}/` : path('.');
const out = (p: string) => `${target}${p}`;
const version = (JSON.parse(readFileSync(path('package.json'), 'utf8')) as { version: string }).version;

const sources = readBuiltinSources(path('.'));
const { knowledge, problems } = assemble(sources);
// The precedent corpus (rules/precedents/) is validated against the same questions and methods.
const vocabulary = vocabularyOf(knowledge);
const corpus = readBuiltinPrecedents(path('.'), vocabulary);
problems.push(...corpus.problems);
if (problems.length > 0) {
  for (const p of problems) console.error(formatProblem(p));
  process.exit(1);
}

/** For `--version`, counted here so that answering it loads nothing. */
const counted = knowledgeSummary(knowledge);

rmSync(out('dist'), { recursive: true, force: true });
if (flags.outdir) {
  for (const p of ['bin', 'rules', 'package.json']) cpSync(path(p), out(p), { recursive: true });
}
mkdirSync(out('dist/knowledge'), { recursive: true });
for (const [name, data] of Object.entries(toPrecompiled(knowledge, sources)))
  writeFileSync(out(`dist/knowledge/${name}`), typeof data === 'string' ? data : JSON.stringify(data));
const corpusText = JSON.stringify(toPrecompiledPrecedents(corpus.precedents));
writeFileSync(out('dist/knowledge/precedents.json'), corpusText);
// What advise reads to show precedents: an index for ranking, with each entry's place in the corpus file.
const precedentIndex = toPrecedentIndex(corpus.precedents, corpusText);
writeFileSync(out(`dist/knowledge/${INDEX_FILE}`), JSON.stringify(precedentIndex));
// And one index per modality: advise reads only its own when it has enough entries.
for (const [modality, part] of byModality(precedentIndex)) writeFileSync(out(`dist/knowledge/${modalityIndexFile(modality)}`), JSON.stringify(part));
if (!flags.outdir) {
  mkdirSync(path('schemas'), { recursive: true });
  for (const name of SCHEMA_NAMES) {
    writeFileSync(path(`schemas/${name}.schema.json`), `${JSON.stringify(jsonSchema(name, knowledge.questions), null, 2)}\n`);
  }
  writeFileSync(path('schemas/precedents.schema.json'), `${JSON.stringify(precedentsJsonSchema(vocabulary), null, 2)}\n`);
}

await bundleCli();
// The library (dist/index.js) is an entry point of the CLI's lazy layer, so that yaml, zod and
// the loader exist once in the package (a separate split build shipped them twice, 0.8 MB).
// dist/index.js re-exports it; the package's `exports` point there. The cost: the library takes
// the error classes from the core (see bundleCli), so importing it loads run.js and core.js too;
// measured here, `await import('dl-advisor')` 4 ms -> 15 ms, once per process.
writeFileSync(out('dist/index.js'), "export * from './chunks/lazy/library.js';\n");

if (!flags.outdir && !flags['no-types']) {
  execFileSync(process.execPath, [path('node_modules/typescript/bin/tsc'), '-p', path('tsconfig.build.json')], { stdio: 'inherit' });
}
console.error(
  `built dl-advisor ${version}: ${knowledge.rules.length} rules, ${knowledge.methods.length} methods, ${knowledge.questions.length} questions, ${corpus.precedents.length} precedents`,
);

function common(): BuildOptions {
  return {
    outdir: out('dist'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'bundle',
    // h5wasm (the HDF5 reader) is 5.7 MB once bundled (emscripten output, WebAssembly inlined as
    // base64): it stays in node_modules as a runtime dependency, loaded only for HDF5 files.
    external: ['h5wasm', 'h5wasm/*'],
    splitting: true,
    // Whitespace and syntax; identifiers only in the core (below), so that stack traces of the
    // lazy layer from --debug stay readable. (`--no-minify` builds readable bundles throughout.)
    minifyWhitespace: !flags['no-minify'],
    minifySyntax: !flags['no-minify'],
    sourcemap: flags.sourcemap ? 'linked' : false,
    define: { __PRECOMPILED__: 'true', __VERSION__: JSON.stringify(version), __KNOWLEDGE__: JSON.stringify(counted) },
    // Bundled CommonJS dependencies (commander, some of inquirer's) call require(). Made with
    // process.getBuiltinModule (Node >= 20.16), not `import ... from 'node:module'`: see below.
    banner: { js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
    plugins: [builtinModules(), csvScanAssets()],
    logLevel: 'warning',
  };
}

/**
 * Node's built-in modules through process.getBuiltinModule() instead of ES `import`. Importing
 * a built-in as an ES module makes Node build a module facade that reads every export, getters
 * included: `import { readFileSync } from 'node:fs'` thereby loads fs.ReadStream and all of
 * node:stream. Measured: three such imports cost 3-4 ms and 1 MB per run; getBuiltinModule
 * costs nothing.
 *
 * An `import` gets an ES module with one export per name the built-in has, each a pure call,
 * so that esbuild drops the ones nobody imports and no getter runs. (Wrapping the module
 * object with esbuild's CommonJS interop instead defines a getter closure per export, ~100 for
 * fs alone; replacing that, together with writing core.js as one string (see coreLoader),
 * measured -1.7 ms and one young-generation collection fewer per run.) A `require()` (in
 * bundled CommonJS packages) gets the module object itself.
 *
 * commander requires node:child_process when it loads, only to run "executable subcommands",
 * which dl-advisor has none of: it gets the module on first use instead (measured: -1.6 MB
 * and ~1 ms, as child_process pulls in net, dgram and more).
 */
function builtinModules(): Plugin {
  const builtins = new Set(nodeBuiltins);
  const load = (name: string) => `process.getBuiltinModule(${JSON.stringify(`node:${name}`)})`;
  return {
    name: 'builtin-modules',
    setup(b) {
      b.onResolve({ filter: /^[a-z_:/]+$/ }, (a) => {
        const name = a.path.replace(/^node:/, '');
        if (!builtins.has(name)) return undefined;
        if (a.kind !== 'require-call') return { path: name, namespace: 'builtin-esm' };
        const lazy = name === 'child_process' && /[\\/]node_modules[\\/]commander[\\/]/.test(a.importer);
        return { path: name, namespace: lazy ? 'builtin-lazy' : 'builtin-cjs' };
      });
      b.onLoad({ filter: /.*/, namespace: 'builtin-esm' }, (a) => {
        const names = Object.keys(process.getBuiltinModule(`node:${a.path}`) as object).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
        const lines = names.map((n) => `export const ${n} = /* @__PURE__ */ get(${JSON.stringify(n)});`);
        return { contents: `const m = ${load(a.path)};\nconst get = (name) => m[name];\nexport default m;\n${lines.join('\n')}\n`, loader: 'js' };
      });
      b.onLoad({ filter: /.*/, namespace: 'builtin-cjs' }, (a) => ({ contents: `module.exports = ${load(a.path)};`, loader: 'js' }));
      b.onLoad({ filter: /.*/, namespace: 'builtin-lazy' }, (a) => ({
        contents: `module.exports = new Proxy({}, { get: (_, key) => ${load(a.path)}[key] });`,
        loader: 'js',
      }));
    },
  };
}

/**
 * The CLI in layers, so that each command loads as few files as possible and compiles little.
 * esbuild's code splitting alone cut the `advise` path into 17 modules (each costs ~0.35 ms to
 * resolve, read, compile and link: measured with 10 empty ES modules); this layout loads three
 * CommonJS files (bin/dl-advisor.js, dist/cli.cjs, dist/chunks/run.cjs) and one script, and
 * no ES module at all (see coreLoader: Node's ES module loader is a start-up cost of its own):
 *
 *   dist/cli.cjs           main.ts alone: all of `--version`; requires ./chunks/run.cjs lazily
 *   dist/cli.js            the same as an ES module, for a bin/dl-advisor.js without
 *                          bin/package.json (which makes it CommonJS); imports ./chunks/run.js
 *   dist/chunks/core.js    run.ts, commander, the program, `advise`, `questions`, `methods`,
 *                          the engine, the renderers and the error classes: one classic script
 *   dist/chunks/core.cache V8's code cache for core.js, made by a training run at build time
 *   dist/chunks/run.cjs    a small CommonJS file that compiles core.js with that cache and
 *                          exports what it exports (see coreLoader)
 *   dist/chunks/run.js     run.cjs for ES modules (the lazy layer, the library)
 *   dist/chunks/lazy/*.js  everything behind a dynamic import() that the core does not inline
 *                          (rule pack and answers-file loading with yaml and zod, the
 *                          walkthrough and inquirer, chalk, `rules`, `inspect`, ...) and the
 *                          library (library.js, re-exported by dist/index.js): one split
 *                          build of ES modules, sharing chunks among themselves
 *
 * Why a script: Node 20 has no compile cache for ES modules (module.enableCompileCache is
 * Node 22), but vm.Script takes V8 code cache data. A cache written after a training run holds
 * the bytecode of every function that run compiled (commander's parser, the engine, the JSON
 * renderer), so a real run neither parses nor compiles them. Measured: `advise --format json`
 * -7 ms CPU per run end to end (without the cache 87 ms, with it 80 ms; `node -e 0` 64 ms).
 * V8 rejects the cache by itself when the Node/V8 version, the V8 flags or the source length
 * differ (`script.cachedDataRejected`); core.js then compiles as usual. The build writes
 * core.js and core.cache together; do not edit one without the other.
 *
 * The lazy layer takes the error classes from run.js, that is run.cjs (already loaded when any lazy file is):
 * run.ts maps errors to exit codes with `instanceof`, so every layer must throw the same
 * classes. Other small modules (normalize, the engine, ...) may exist in both layers: they are
 * pure functions, and their module state is only caches.
 */
async function bundleCli(): Promise<void> {
  const errorsModule = path('src/errors.ts');
  /** Dynamic imports the core inlines: the commands that must start fast. */
  const inline = new Set(['src/cli/commands/advise.ts', 'src/cli/commands/info.ts'].map(path));
  const lazy = new Map<string, string>();
  const resolveTs = (dir: string, spec: string) => resolve(dir, spec).replace(/\.js$/, '.ts');
  const plugin = (name: string, setup: (b: PluginBuild) => void): Plugin => ({ name, setup });

  // 1. main.ts: no static imports but version.ts (inlined), so no banner and no chunks. Twice:
  //    dist/cli.cjs (CommonJS, what bin/dl-advisor.js loads: see coreLoader) and dist/cli.js
  //    (an ES module, for a bin/dl-advisor.js copied without bin/package.json).
  for (const [format, loader] of [
    ['cjs', './chunks/run.cjs'],
    ['esm', './chunks/run.js'],
  ] as const) {
    await build({
      ...common(),
      format,
      splitting: false,
      banner: {},
      // CommonJS: `import('./run.js')` is the core loader inlined (run-is-inline below): no ES
      // module loader. Its own import() of the lazy chunks (a computed URL) stays an import().
      // The one import.meta (toolVersion's source fallback in version.ts) is dead code once
      // __VERSION__ is defined: the bundle has none (checked below).
      define: { ...common().define, ...(format === 'cjs' ? { 'import.meta.url': '""' } : {}) },
      entryPoints: { cli: path('src/cli/main.ts') },
      outExtension: { '.js': format === 'cjs' ? '.cjs' : '.js' },
      plugins: [
        builtinModules(),
        csvScanAssets(),
        format === 'cjs'
          ? plugin('run-is-inline', (b) => {
              b.onResolve({ filter: /^\.\/run\.js$/ }, () => ({ path: 'core-loader', namespace: 'core-loader' }));
              b.onLoad({ filter: /.*/, namespace: 'core-loader' }, () => ({ contents: coreLoader(true), loader: 'js' }));
            })
          : plugin('run-is-external', (b) => b.onResolve({ filter: /^\.\/run\.js$/ }, () => ({ path: loader, external: true }))),
      ],
    });
  }
  if (/\bimport_meta\b|\bimport\.meta\b/.test(readFileSync(out('dist/cli.cjs'), 'utf8'))) throw new Error('dist/cli.cjs: an import.meta is left');

  // 2. The core, as the body of a function (CommonJS format; see coreLoader for its
  //    parameters). A dynamic import() of a module outside `inline` (or of a package) becomes
  //    a call of __import(): vm.Script cannot import() on Node 20 without a flag or a warning.
  const exported = [...Object.keys(await import('../src/cli/run.js')), ...Object.keys(await import('../src/errors.js'))];
  const core = await build({
    ...common(),
    format: 'cjs',
    splitting: false,
    banner: {},
    write: false,
    entryPoints: undefined,
    stdin: {
      contents: "export * from './src/cli/run.ts';\nexport * from './src/errors.ts';\n",
      resolveDir: path('.'),
      sourcefile: 'core.ts',
      loader: 'ts',
    },
    outdir: undefined,
    outfile: out('dist/chunks/core.js'),
    define: { ...common().define, 'import.meta.url': '__importMetaUrl' },
    // The core's identifiers too: core.js is read and hashed on every run, and on these machines
    // memory first touched costs more than the bytes suggest (page faults under a hypervisor).
    // Measured in process (30 alternated runs): core.js 162 -> 121 KB, its load 9.1 -> 7.8 ms,
    // load and run of `advise --format json` -1.1 ms. Its stack traces name minified functions:
    // the position in dist/chunks/core.js, with the version, still finds the source.
    minifyIdentifiers: !flags['no-minify'],
    plugins: [
      builtinModules(),
      csvScanAssets(),
      plugin('lazy-boundary', (b) => {
        b.onResolve({ filter: /.*/ }, (a) => {
          if (a.kind !== 'dynamic-import') return undefined;
          const file = a.path.startsWith('.') ? resolveTs(a.resolveDir, a.path) : a.path;
          if (inline.has(file)) return undefined;
          const name = a.path.startsWith('.') ? relativeName(file) : a.path.replace(/^@/, '').replace(/\//g, '-');
          lazy.set(name, file);
          return { path: `./lazy/${name}.js`, external: true };
        });
      }),
    ],
  });
  const [coreFile] = core.outputFiles;
  if (!coreFile) throw new Error('esbuild wrote no core');
  const boundaries = /\bimport\((["'])\.\/lazy\//g;
  const body = coreFile.text.replace(boundaries, '__import($1./lazy/');
  // Written as the function expression the loader compiles (one string, not a concatenation).
  const coreText = `(function (exports, require, module, __importMetaUrl, __import) {"use strict";${body}\n})`;
  if (/\bimport\s*\(|\bimport\.meta\b/.test(body)) throw new Error('dist/chunks/core.js: an import() or import.meta is left that the script cannot run');
  // The loader reads core.js as latin1 (a byte a character, no UTF-8 decoding: 0.3-0.6 ms a run),
  // which is the same text only while it is ASCII, as esbuild writes it (charset: ascii).
  if (/[^\x00-\x7f]/.test(coreText)) throw new Error('dist/chunks/core.js: not ASCII, but run.cjs reads it as latin1');
  mkdirSync(out('dist/chunks'), { recursive: true });
  writeFileSync(out('dist/chunks/core.js'), coreText);
  writeFileSync(out('dist/chunks/run.cjs'), coreLoader());
  writeFileSync(out('dist/chunks/run.js'), coreModule(exported));

  // 3. The lazy layer: every boundary found above is an entry point.
  await build({
    ...common(),
    outdir: out('dist/chunks/lazy'),
    entryPoints: { ...Object.fromEntries(lazy), library: path('src/index.ts') },
    chunkNames: '[name]-[hash]',
    plugins: [
      builtinModules(),
      csvScanAssets(),
      withoutEditor(),
      plugin('errors-from-core', (b) => {
        b.onResolve({ filter: /errors\.js$/ }, (a) => (resolveTs(a.resolveDir, a.path) === errorsModule ? { path: '../run.js', external: true } : undefined));
      }),
    ],
  });
  // The CSV engine (inspect) is in this layer: its kernel and worker go beside its chunks.
  await writeCsvScanAssets(out('dist/chunks/lazy'), { ...common(), chunkNames: undefined });
  checkCsvScanAssets();

  // 4. The code cache: run the common commands once in a fresh node (the same V8 flags as a
  //    user's run: none), then save the bytecode V8 compiled for them.
  execFileSync(process.execPath, ['--input-type=module', '-e', coreTrainer(), out('dist/chunks/run.js'), out('dist/chunks/core.cache')], { stdio: 'inherit' });
}

/**
 * `import('@inquirer/prompts')` (a namespace, so nothing is tree-shaken) without the `editor`
 * prompt, which nobody uses: it brings @inquirer/external-editor, iconv-lite and chardet
 * (0.6 MB of the package). Every other prompt stays available.
 */
function withoutEditor(): Plugin {
  const names = ['checkbox', 'Separator', 'confirm', 'input', 'number', 'expand', 'rawlist', 'password', 'search', 'select'];
  return {
    name: 'inquirer-without-editor',
    setup(b) {
      b.onResolve({ filter: /^@inquirer\/prompts$/ }, (a) => (a.importer.startsWith(path('src/')) ? { path: 'prompts', namespace: 'inquirer' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'inquirer' }, () => ({
        contents: `export { ${names.join(', ')} } from '@inquirer/prompts';\n`,
        resolveDir: path('.'),
        loader: 'js',
      }));
    },
  };
}

/**
 * dist/chunks/run.cjs: compile core.js (wrapped as a function) with its code cache; its exports
 * are core.js's. CommonJS, so that the entry (bin/dl-advisor.js, dist/cli.cjs, this file) runs
 * without Node's ES module loader, which costs a start-up its own: measured, an empty ES module
 * costs ~5% more than `node -e 0`, three chained ones ~8%, an empty CommonJS file nothing.
 * Built-in modules through process.getBuiltinModule (see builtinModules()).
 */
function coreLoader(inCli = false): string {
  const dir = inCli ? "__dirname + '/chunks'" : '__dirname';
  return `// Generated by scripts/build.ts: loads core.js with V8's code cache (see bundleCli there).
'use strict';
const { readFileSync } = process.getBuiltinModule('node:fs');
const { pathToFileURL } = process.getBuiltinModule('node:url');
const { Script } = process.getBuiltinModule('node:vm');

const dir = ${dir};
const file = \`\${dir}/core.js\`;
const url = pathToFileURL(file);
let cachedData;
try {
  cachedData = readFileSync(\`\${dir}/core.cache\`);
} catch {
  // No cache (or unreadable): compile as usual.
}
// core.js is one function expression: (function (exports, require, module, __importMetaUrl, __import) {...})
// latin1: core.js is ASCII (checked by the build), so this is its text, without UTF-8 decoding.
const script = new Script(readFileSync(file, 'latin1'), { filename: file, cachedData });
const core = { exports: {} };
script.runInThisContext()(core.exports, require, core, url.href, (specifier) => import(new URL(specifier, url).href));
module.exports = core.exports;
// For the build's training run (and to check that the cache was accepted); not enumerable.
Object.defineProperties(module.exports, {
  codeCache: { value: () => script.createCachedData() },
  codeCacheRejected: { value: () => script.cachedDataRejected },
});
${inCli ? registered() : ''}`;
}

/**
 * In dist/cli.cjs the loader above is inlined (one CommonJS file fewer to resolve, read and
 * compile: measured -1 ms of `advise`, alternated whole processes). The core it loads is then
 * registered as dist/chunks/run.cjs, so that the lazy layer, which imports run.js and through it
 * run.cjs for the error classes, gets this same instance: run.ts maps errors to exit codes with
 * `instanceof`, so there must be one core per process.
 */
function registered(): string {
  return `// The same core for the lazy layer: dist/chunks/run.cjs, already loaded (see scripts/build.ts).
const { Module } = process.getBuiltinModule('node:module');
const filename = \`\${dir}/run.cjs\`;
if (!require.cache[filename]) {
  const m = new Module(filename, null);
  m.filename = filename;
  m.exports = module.exports;
  m.loaded = true;
  require.cache[filename] = m;
}
`;
}

/**
 * dist/chunks/run.js: the same core for ES modules (the lazy layer takes the error classes from
 * here, the library loads it, dist/cli.js imports it). Importing a CommonJS file gives the
 * instance in require's cache, so that every layer throws the same classes.
 */
function coreModule(names: readonly string[]): string {
  return `// Generated by scripts/build.ts: dist/chunks/run.cjs for ES modules.
import core from './run.cjs';

export const { ${names.join(', ')} } = core;
/** For the build's training run (and to check that the cache was accepted). */
export const codeCache = () => core.codeCache();
export const codeCacheRejected = () => core.codeCacheRejected();
`;
}

/**
 * Runs the commands whose code should be in the cache, with in-memory streams: `advise` (JSON
 * and text) and `questions --format json`, the calls scripts repeat. Caching more (help, method
 * cards) made the cache 40% larger and `advise` ~1.5 ms slower to load; those run uncached.
 */
function coreTrainer(): string {
  return `
const { writeFileSync } = await import('node:fs');
const { pathToFileURL } = await import('node:url');
const [loader, cacheFile] = process.argv.slice(1);
const { run, codeCache } = await import(pathToFileURL(loader).href);
const sink = { write() {}, isTTY: false };
const io = { stdout: sink, stderr: sink, stdin: { isTTY: false, async *[Symbol.asyncIterator]() {} }, env: {} };
const runs = [
  ['advise', '--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes', '--format', 'json'],
  ['--modality', 'tabular', '--task', 'regression', '--labeled', '1.2k', '--features', '8'],
  ['questions', '--format', 'json'],
];
for (const argv of runs) {
  const code = await run(argv, io, 'training');
  if (code !== 0) throw new Error('code cache training: dl-advisor ' + argv.join(' ') + ' exited with ' + code);
}
writeFileSync(cacheFile, codeCache());
`;
}

/**
 * The CSV engine loads its kernel and worker relative to its own chunk (assets-dist.ts): every
 * bundle file that names them must be in dist/chunks/lazy/, where they are, and one must.
 */
function checkCsvScanAssets(): void {
  const files = readdirSync(out('dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  const naming = files.filter((f) => !f.endsWith(CSV_SCAN_FILES[1]) && readFileSync(out(`dist/${f}`), 'utf8').includes(CSV_SCAN_FILES[0]));
  const misplaced = naming.filter((f) => !f.startsWith('chunks/lazy/') || f.slice('chunks/lazy/'.length).includes('/'));
  if (naming.length === 0 || misplaced.length > 0)
    throw new Error(`the CSV engine is bundled outside dist/chunks/lazy/ (${misplaced.join(', ') || 'nowhere'})`);
  for (const f of CSV_SCAN_FILES) readFileSync(out(`dist/chunks/lazy/${f}`));
}

/** src/knowledge/load.ts -> "knowledge-load" (unique and readable names for the lazy files). */
function relativeName(file: string): string {
  return file.slice(path('src/').length).replace(/\.ts$/, '').replace(/\//g, '-');
}
