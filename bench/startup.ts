/**
 * npm run bench [-- --runs N] [--quick] [--cli PATH] [--against PATH]
 *
 * Start-up and engine figures for the README's performance section, as one markdown table.
 * The start-up commands are measured in one run, alternated round by round (so that a noisy
 * neighbour hurts every row alike), and each is reported as a ratio to `node -e 0` measured in
 * the same rounds. Targets (issue 7) are marked met or missed; the exit code is 0 either way, so
 * that CI on a noisy machine can run this as a smoke test without failing on timing.
 *
 *   --runs N    rounds of the start-up commands (default 20)
 *   --quick     3 rounds and smaller engine runs: a smoke test (~15 s)
 *   --against PATH  also time `advise` (JSON and text) of another build's entry in the same
 *               rounds, e.g. a build of main before a change (`tsx scripts/build.ts --outdir DIR`,
 *               then DIR/bin/dl-advisor.js): before and after against the same baseline
 *   --cli PATH  the dl-advisor entry to measure (default: bin/dl-advisor.js of this repository;
 *               run `npm run build` first)
 *
 * How each figure is taken:
 *   wall time   spawnSync of `node <cli> ...` from start to exit, stdin /dev/null, stdout and
 *               stderr pipes (as when a script captures the output)
 *   first prompt  `dl-advisor` with no arguments in a pseudo-terminal (`script -qfec`), from
 *               spawn until "What kind of data do you have?" appears in the output, against a
 *               node process that prints the same text in the same pseudo-terminal
 *   memory      peak resident set size (ru_maxrss) from GNU time: `/usr/bin/time -f %M`
 *   engine      evaluate() only, on 10,000 generated and fully validated rules, timed in a fresh
 *               node process on the built library (bench/engine-worker.mjs); each run gets a
 *               fresh copy of the packs (as a CLI run would), so no per-condition cache carries
 *               over between runs
 *   enumeration the answer space of the built-in questions (every choice; for counts 0, 1,
 *               unknown and both sides of every threshold the rules use), evaluated one
 *               combination at a time (in the same worker); a fixed-seed sample when the
 *               product is too large
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: { runs: { type: 'string' }, quick: { type: 'boolean' }, cli: { type: 'string' }, against: { type: 'string' } },
});
const quick = Boolean(opts.quick);
const rounds = Math.max(1, Number(opts.runs ?? (quick ? 3 : 20)));
const repo = new URL('../', import.meta.url).pathname;
const cli = resolve(opts.cli ?? `${repo}bin/dl-advisor.js`);
const PROMPT_TEXT = 'What kind of data do you have?';

// nextPromptMs: the walkthrough's relevance checks (issue 15, item 6) run between two prompts;
// 100 ms is where a response stops feeling instant.
const TARGETS = { advise: 1.25, version: 1.15, prompt: 2, memory: 1.3, engineMs: 50, precedentsMs: 20, nextPromptMs: 100 } as const;

// ---------------------------------------------------------------- measuring processes

const node = process.execPath;
/** A clean environment: no colour, no NODE_OPTIONS from whoever runs the bench. */
const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
delete env.NODE_OPTIONS;
delete env.FORCE_COLOR;
// dl-advisor never prompts when CI is set; the first-prompt row needs the walkthrough.
delete env.CI;

interface Timed {
  name: string;
  args: string[];
  samples: number[];
}

function wall(args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(node, args, { stdio: ['ignore', 'pipe', 'pipe'], env, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}: ${String(r.stderr).slice(0, 500)}`);
  return ms;
}

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);

/** Peak RSS in MB of one run, from GNU time's ru_maxrss. */
function peakRss(args: readonly string[]): number {
  const r = spawnSync(GNU_TIME, ['-f', '%M', node, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env, encoding: 'utf8' });
  const kb = Number(r.stderr.trim().split('\n').at(-1));
  if (r.status !== 0 || !Number.isFinite(kb)) throw new Error(`${GNU_TIME} node ${args.join(' ')}: ${r.stderr.slice(0, 500)}`);
  return kb / 1024;
}

const hasScript = existsSync('/usr/bin/script');
const shellQuote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>78]/g;

/**
 * ms from spawn until `text` shows in a pseudo-terminal running `node args`; undefined when the
 * process ends (or 10 s pass) without showing it. Ctrl-C then ends the prompt.
 */
function firstVisible(args: readonly string[], text: string): Promise<number | undefined> {
  const command = `stty cols 100 rows 40 2>/dev/null; exec ${[node, ...args].map(shellQuote).join(' ')}`;
  return new Promise((done) => {
    const t0 = performance.now();
    // A terminal as people have it: colours on (chalk loads), unlike the piped runs.
    const { NO_COLOR: _, ...terminal } = env;
    const child = spawn('/usr/bin/script', ['-qfec', command, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...terminal, TERM: 'xterm-256color' },
    });
    let seen = '';
    let result: number | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      if (result !== undefined) return;
      seen += chunk.toString('utf8');
      if (seen.replace(ANSI, '').includes(text)) {
        result = performance.now() - t0;
        child.stdin.write('\x03');
        setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
      }
    });
    child.stdin.on('error', () => {});
    child.on('close', () => {
      clearTimeout(timer);
      done(result);
    });
  });
}

/** The keys of the next-prompt row and the prompt each must bring up. */
const NEXT_STEPS: [keys: string, next: string][] = [
  ['\r', 'What do you want the model to do?'],
  ['\r', 'How many labelled training examples do you have?'],
  // After the last required answer every optional question is checked for relevance.
  ['600\r', 'How many input features (columns) does each example have?'],
  ['\r', 'What matters more, accurate prediction or understanding?'],
  ['\r', 'Is the outcome expected to depend roughly linearly on the inputs?'],
];

/** The prompts measured, or why none could be: the prompt that did not show, and the screen's last line. */
type Walk = { gaps: number[] } | { failed: string };

const lastLine = (screen: string) =>
  screen
    .replace(ANSI, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1) ?? '(nothing)';

/**
 * ms from each answer (keys written to the pseudo-terminal) until the next prompt shows: the
 * walkthrough `dl-advisor` with no arguments, answered tabular, classification, 600 labelled,
 * features unknown, goal prediction (the next question is linearity). Each prompt gets 10 s.
 */
function nextPrompts(): Promise<Walk> {
  const command = `stty cols 100 rows 40 2>/dev/null; exec ${[node, cli].map(shellQuote).join(' ')}`;
  return new Promise((done) => {
    const { NO_COLOR: _, ...terminal } = env;
    const child = spawn('/usr/bin/script', ['-qfec', command, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...terminal, TERM: 'xterm-256color' },
    });
    let seen = '';
    let all = '';
    let step = -1;
    let sent = 0;
    let failed: string | undefined;
    const gaps: number[] = [];
    const wanted = () => (step < 0 ? PROMPT_TEXT : (NEXT_STEPS[step]?.[1] ?? ''));
    const stop = () => {
      child.stdin.write('\x03');
      setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
    };
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        failed = `"${wanted()}" did not show within 10 s; last line on screen: "${lastLine(all).slice(0, 120)}"`;
        child.kill('SIGKILL');
      }, 10_000);
    };
    arm();
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      all += chunk.toString('utf8');
      if (step >= NEXT_STEPS.length || !seen.replace(ANSI, '').includes(`? ${wanted()}`)) return;
      if (step >= 0) gaps.push(performance.now() - sent);
      step++;
      seen = '';
      const next = NEXT_STEPS[step];
      if (!next) {
        clearTimeout(timer);
        stop();
        return;
      }
      arm();
      sent = performance.now();
      child.stdin.write(next[0]);
    });
    child.stdin.on('error', () => {});
    child.on('close', (code) => {
      clearTimeout(timer);
      if (gaps.length === NEXT_STEPS.length) done({ gaps });
      else done({ failed: failed ?? `dl-advisor exited (${code}) before "${wanted()}" showed; last line on screen: "${lastLine(all).slice(0, 120)}"` });
    });
  });
}

const MCP_LINES = [
  { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '0' } } },
  { jsonrpc: '2.0', method: 'notifications/initialized' },
  { jsonrpc: '2.0', id: 2, method: 'tools/list' },
]
  .map((m) => `${JSON.stringify(m)}\n`)
  .join('');

/**
 * ms from spawn until `dl-advisor mcp` has answered `tools/list` (the messages an MCP client
 * sends first, written at once on stdin); then stdin closes and the server exits. Undefined when
 * no answer comes within 10 s.
 */
function firstToolsList(): Promise<number | undefined> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(node, [cli, 'mcp'], { stdio: ['pipe', 'pipe', 'ignore'], env });
    let seen = '';
    let result: number | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (result === undefined && /"id":2[,}]/.test(seen)) {
        result = performance.now() - t0;
        child.stdin.end();
      }
    });
    child.stdin.on('error', () => {});
    child.stdin.write(MCP_LINES);
    child.on('close', () => {
      clearTimeout(timer);
      done(result);
    });
  });
}

// ---------------------------------------------------------------- statistics and table

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: readonly number[]) => {
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? Number.NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (x: number) => `${x.toFixed(1)} MB`;
const ratio = (x: number) => `${x.toFixed(2)}x`;
const verdict = (ok: boolean) => (ok ? 'met' : '**MISSED**');

interface Row {
  what: string;
  median: string;
  min: string;
  max: string;
  ratio: string;
  target: string;
  met: string;
}
const rows: Row[] = [];
const misses: string[] = [];
/** Printed under the table: why a row is n/a or partial. */
const notes: string[] = [];

/**
 * A row; with `base` (the baseline's samples, taken in the same rounds), the ratio is the
 * median of the per-round ratios: each pair ran back to back, so a neighbour's load that comes
 * and goes over the run cancels out better than in a ratio of two medians.
 */
function timedRow(what: string, samples: number[], base: number[] | undefined, target: number | undefined, fmt = ms, baseName = '`node -e 0`'): void {
  const r = base === undefined ? undefined : median(samples.map((x, i) => x / (base[i] ?? Number.NaN)));
  const ok = target === undefined || r === undefined ? undefined : r <= target;
  if (ok === false) misses.push(`${what}: ${ratio(r ?? 0)} of ${baseName} (target ≤ ${target}x)`);
  rows.push({
    what,
    median: fmt(median(samples)),
    min: fmt(Math.min(...samples)),
    max: fmt(Math.max(...samples)),
    ratio: r === undefined ? '' : ratio(r),
    target: target === undefined ? '' : `≤ ${target}x`,
    met: ok === undefined ? '' : verdict(ok),
  });
}

/** A row with an absolute target in ms: the median must stay within it. */
function absoluteRow(what: string, samples: number[], targetMs: number): void {
  const ok = median(samples) <= targetMs;
  if (!ok) misses.push(`${what}: ${ms(median(samples))} (target ≤ ${targetMs} ms)`);
  rows.push({
    what,
    median: ms(median(samples)),
    min: ms(Math.min(...samples)),
    max: ms(Math.max(...samples)),
    ratio: '',
    target: `≤ ${targetMs} ms`,
    met: verdict(ok),
  });
}

function printTable(): void {
  const head: Row = { what: 'Measure', median: 'Median', min: 'Min', max: 'Max', ratio: 'Ratio', target: 'Target', met: 'Met' };
  const keys = Object.keys(head) as (keyof Row)[];
  const line = (r: Row) => `| ${keys.map((k) => r[k]).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${keys.map((k) => (k === 'what' ? ' --- ' : ' ---: ')).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

// ---------------------------------------------------------------- start-up

async function startup(): Promise<void> {
  if (!existsSync(cli)) {
    console.error(`bench: ${cli} not found; run \`npm run build\` first (or pass --cli PATH)`);
    process.exit(2);
  }
  const advise = ['advise', '--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes', '--format', 'json'];
  const timed: Timed[] = [
    { name: '`node -e 0` (baseline)', args: ['-e', '0'], samples: [] },
    { name: '`dl-advisor advise … --format json`', args: [cli, ...advise], samples: [] },
    { name: '`dl-advisor advise …` (text)', args: [cli, ...advise.slice(0, -2)], samples: [] },
    { name: '`dl-advisor --version`', args: [cli, '--version'], samples: [] },
    { name: '`dl-advisor questions --format json`', args: [cli, 'questions', '--format', 'json'], samples: [] },
  ];
  // The same advice without the precedent corpus (issue 16): what showing three precedents costs,
  // in the same rounds. Left out for a CLI that predates --no-precedents (--cli of an old build).
  const noPrecedents = [...advise, '--no-precedents'];
  const hasPrecedents = spawnSync(node, [cli, ...noPrecedents], { stdio: 'ignore', env }).status === 0;
  if (hasPrecedents) timed.push({ name: '`dl-advisor advise … --format json --no-precedents`', args: [cli, ...noPrecedents], samples: [] });
  const against = opts.against ? resolve(opts.against) : undefined;
  if (against) {
    timed.push(
      { name: `\`advise … --format json\` of ${against}`, args: [against, ...advise], samples: [] },
      { name: `\`advise …\` (text) of ${against}`, args: [against, ...advise.slice(0, -2)], samples: [] },
    );
  }
  const prompt: number[] = [];
  const promptBase: number[] = [];
  const nextPrompt: number[] = [];
  const nextPromptSlowest: number[] = [];
  /** Why the pseudo-terminal rows are n/a, once a round could not take them. */
  let promptMissing = hasScript ? undefined : '/usr/bin/script not found (util-linux)';
  const rssBase: number[] = [];
  const rssAdvise: number[] = [];
  const mcp: number[] = [];
  const mcpBase: number[] = [];

  for (const t of timed) wall(t.args); // warm the file cache; not counted
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round so that no command always follows the same one.
    for (let i = 0; i < timed.length; i++) {
      const t = timed[(i + round) % timed.length] as Timed;
      t.samples.push(wall(t.args));
    }
    if (promptMissing === undefined) {
      const base = await firstVisible(['-e', `process.stderr.write(${JSON.stringify(`? ${PROMPT_TEXT}\n`)})`], PROMPT_TEXT);
      const first = await firstVisible([cli], PROMPT_TEXT);
      const next = await nextPrompts();
      if (base === undefined) promptMissing = `round ${round + 1}: node printing the prompt text showed nothing in the pseudo-terminal within 10 s`;
      else if (first === undefined) promptMissing = `round ${round + 1}: the first prompt "${PROMPT_TEXT}" did not show within 10 s`;
      else if ('failed' in next) promptMissing = `round ${round + 1}: ${next.failed}`;
      else {
        prompt.push(first);
        promptBase.push(base);
        nextPrompt.push(...next.gaps);
        nextPromptSlowest.push(Math.max(...next.gaps));
      }
    }
    const toolsList = await firstToolsList();
    if (toolsList !== undefined) {
      mcp.push(toolsList);
      mcpBase.push(wall(['-e', '0']));
    }
    if (hasGnuTime) {
      rssBase.push(peakRss(['-e', '0']));
      rssAdvise.push(peakRss([cli, ...advise]));
    }
  }

  const [baseline, adviseT, adviseText, versionT, questionsT] = timed as [Timed, Timed, Timed, Timed, Timed];
  const base = baseline.samples;
  timedRow(baseline.name, base, base, undefined);
  timedRow(adviseT.name, adviseT.samples, base, TARGETS.advise);
  timedRow(adviseText.name, adviseText.samples, base, TARGETS.advise);
  timedRow(versionT.name, versionT.samples, base, TARGETS.version);
  timedRow(questionsT.name, questionsT.samples, base, undefined);
  for (const t of timed.slice(5)) timedRow(t.name, t.samples, base, t.name.includes('--no-precedents') ? TARGETS.advise : undefined);
  if (promptMissing) notes.push(`Pseudo-terminal rows: ${prompt.length} of ${rounds} rounds measured; not measured: ${promptMissing}.`);
  if (prompt.length > 0) {
    timedRow('node printing the prompt text in the same pseudo-terminal', promptBase, undefined, undefined);
    timedRow('first walkthrough prompt visible (pseudo-terminal)', prompt, promptBase, TARGETS.prompt, ms, 'node in the pseudo-terminal');
    absoluteRow('next walkthrough prompt after an answer (pseudo-terminal)', nextPrompt, TARGETS.nextPromptMs);
    absoluteRow('slowest next prompt of a walkthrough (pseudo-terminal)', nextPromptSlowest, TARGETS.nextPromptMs);
  } else {
    const why = promptMissing ?? 'no round measured';
    rows.push({
      what: 'first walkthrough prompt visible (pseudo-terminal)',
      median: `n/a (${why})`,
      min: '',
      max: '',
      ratio: '',
      target: `≤ ${TARGETS.prompt}x`,
      met: 'n/a',
    });
    rows.push({
      what: 'next walkthrough prompt after an answer (pseudo-terminal)',
      median: `n/a (${why})`,
      min: '',
      max: '',
      ratio: '',
      target: `≤ ${TARGETS.nextPromptMs} ms`,
      met: 'n/a',
    });
  }
  if (mcp.length > 0) timedRow('`dl-advisor mcp`: first `tools/list` answered', mcp, mcpBase, undefined);
  else
    rows.push({
      what: '`dl-advisor mcp`: first `tools/list` answered',
      median: 'n/a (no answer in 10 s)',
      min: '',
      max: '',
      ratio: '',
      target: '',
      met: 'n/a',
    });
  if (rssAdvise.length > 0) {
    timedRow('peak RSS `node -e 0`', rssBase, undefined, undefined, mb);
    timedRow('peak RSS `dl-advisor advise … --format json`', rssAdvise, rssBase, TARGETS.memory, mb);
  } else {
    rows.push({ what: 'peak RSS', median: `n/a (${GNU_TIME} not found)`, min: '', max: '', ratio: '', target: `≤ ${TARGETS.memory}x`, met: 'n/a' });
  }
}

// ---------------------------------------------------------------- engine

/** A small deterministic PRNG (mulberry32), so that every run generates the same pack. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function engine(): Promise<void> {
  const { assemble } = await import('../src/knowledge/assemble.js');
  const { Pack } = await import('../src/knowledge/schema.js');
  const { conditionHolds } = await import('../src/engine/conditions.js');
  const { atomsOf } = await import('../src/knowledge/condition-walk.js');
  const { completeAnswers } = await import('../src/answers/normalize.js');
  const { fromMapping } = await import('../src/answers/sources.js');
  const { readCaseFiles } = await import('../src/knowledge/cases.js');
  type Condition = import('../src/knowledge/schema.js').Condition;
  type Rule = import('../src/knowledge/schema.js').Rule;
  type AnswerValue = import('../src/engine/conditions.js').AnswerValue;

  // The built-in knowledge of the measured package, through its library API (validated by its
  // build), not the YAML in the working tree, which may be mid-edit.
  const pkg = resolve(cli, '../..');
  const index = join(pkg, 'dist/index.js');
  const library = (await import(pathToFileURL(index).href)) as typeof import('../src/index.js');
  const knowledge = await library.loadRules();
  const { questions, methods } = knowledge;
  const ids = (kind: string) => methods.filter((m) => m.kind === kind).map((m) => m.id);
  const models = ids('model');
  const strategies = ids('strategy');
  const interp = ids('interpretability');

  // ---- a realistic generated pack, shaped like the built-in rules: most conditions name the
  // modality (3 in 4) and the task (7 in 10), plus up to two other questions, sometimes under
  // any/not; 1-2 favoured models, now and then a disfavour, strategies, cautions, next steps,
  // and a quarter of the rules only add advice for a given primary (whenPrimary). About as many
  // rules then hold for the test answers as with the built-in rules (both shown in the table).
  const random = rng(20200101);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const some = <T>(xs: readonly T[], n: number): T[] => [...new Set(Array.from({ length: n }, () => pick(xs)))];
  const COUNTS = [10, 50, 100, 500, 1000, 5000, 10_000, 100_000];
  const byId = new Map(questions.map((q) => [q.id, q]));
  const others = questions.filter((q) => q.id !== 'modality' && q.id !== 'task');
  const atom = (q: (typeof questions)[number]): Condition => {
    if (q.type === 'integer') {
      const t = pick(COUNTS);
      const r = random();
      return { [q.id]: r < 0.4 ? { lt: t } : r < 0.8 ? { gte: t } : { gte: t, lt: t * 10 } };
    }
    const values = (q.choices ?? []).map((c) => c.value);
    const r = random();
    if (r < 0.7) return { [q.id]: pick(values) };
    if (r < 0.9) return { [q.id]: { in: some(values, 2 + Math.floor(random() * 2)) } };
    return { [q.id]: { ne: pick(values) } };
  };
  const condition = (): Condition => {
    const parts: Condition[] = [];
    if (random() < 0.75) parts.push(atom(byId.get('modality') ?? pick(questions)));
    if (random() < 0.7) parts.push(atom(byId.get('task') ?? pick(questions)));
    for (let n = Math.floor(random() * 3); n > 0 || parts.length === 0; n--) parts.push(atom(pick(others)));
    const r = random();
    if (r < 0.1) return { any: parts };
    if (r < 0.2) return { all: [...parts, { not: atom(pick(others)) }] };
    return parts.length === 1 ? (parts[0] as Condition) : { all: parts };
  };
  const placeholders = ['{{modality}}', '{{task}}', '{{labeled}}', 'the data'];
  const rule = (i: number): Rule => {
    const r: Rule = {
      id: `generated-rule-${i}`,
      summary: `Generated rule ${i}`,
      when: condition(),
      because: `For ${pick(placeholders)} with ${pick(placeholders)}, this tends to work (generated rule ${i}).`,
      source: { ref: 'Generated for the benchmark', basis: pick(['paper', 'article', 'practice', 'heuristic'] as const) },
    };
    if (random() < 0.25) {
      r.whenPrimary = some(models, 2);
      r.strategies = some(strategies, 1);
      return r;
    }
    r.favor = Object.fromEntries(some(models, 1 + Math.floor(random() * 2)).map((m) => [m, pick([0.5, 1, 1.5, 2, 3])]));
    if (random() < 0.2) r.disfavor = { [pick(models.filter((m) => !(m in (r.favor ?? {}))))]: pick([0.5, 1, 2]) };
    // Exclusions are rare and narrow (as in the built-in rules), or every model ends up excluded.
    const narrow = r.when && 'all' in r.when && Array.isArray(r.when.all) && r.when.all.length >= 3;
    if (narrow && random() < 0.05) r.exclude = [pick(models.filter((m) => !(m in (r.favor ?? {}))))];
    if (random() < 0.3) r.strategies = some(strategies, 1 + Math.floor(random() * 2));
    if (random() < 0.2) r.interpretability = some(interp, 1);
    if (random() < 0.15) r.caution = `Check ${pick(placeholders)} before trusting generated rule ${i}.`;
    if (random() < 0.25) r.nextSteps = [`Try step ${i % 7} on ${pick(placeholders)}.`];
    return r;
  };
  const RULES = 10_000;
  // A pack holds at most 5,000 rules (schema.ts), so the 10,000 rules come as two packs, after
  // one with the built-in questions and method cards: what a lab extending the advisor would load.
  const located = (file: string, data: unknown) => {
    const parsed = Pack.safeParse(data);
    if (!parsed.success) throw new Error(`${file} is invalid: ${parsed.error.message.slice(0, 500)}`);
    return { file, pack: parsed.data, locate: () => ({ line: 1, column: 1 }) };
  };
  const generated = Array.from({ length: RULES }, (_, i) => rule(i));
  const big = assemble([
    // The works the cards cite by id (issue 13; a package from before has none).
    located('catalogue.yaml', {
      pack: 'catalogue',
      version: '1.0.0',
      questions,
      methods,
      ...(knowledge.references ? { references: knowledge.references } : {}),
    }),
    located('generated-1.yaml', { pack: 'generated-1', version: '1.0.0', rules: generated.slice(0, RULES / 2) }),
    located('generated-2.yaml', { pack: 'generated-2', version: '1.0.0', rules: generated.slice(RULES / 2) }),
  ]);
  if (big.problems.length > 0) throw new Error(`generated packs: ${JSON.stringify(big.problems.slice(0, 3))}`);
  if (big.knowledge.rules.length !== RULES) throw new Error(`expected ${RULES} rules, got ${big.knowledge.rules.length}`);

  // Answers: the worked cases of rules/tests, completed with defaults.
  const cases = readCaseFiles([join(pkg, 'rules/tests')]).flatMap((f) => f.cases);
  const answerSets = cases.map((c) => {
    const given = fromMapping(questions, c.answers, 'case', () => ({ line: 0, column: 0 }));
    return completeAnswers(questions, given.answers).answers;
  });

  const runs = quick ? 3 : 15;
  const holding = (k: typeof knowledge) =>
    answerSets.reduce((n, a) => n + k.rules.filter((r) => !r.when || conditionHolds(r.when, a)).length, 0) / (answerSets.length * k.rules.length);
  const share = `${(100 * holding(big.knowledge)).toFixed(0)}% of the rules hold for the test answers, built-in rules ${(100 * holding(knowledge)).toFixed(0)}%`;

  // ---- the answer space of the built-in questions
  const bounds = new Map<string, Set<number>>();
  for (const c of [...knowledge.rules.flatMap((r) => (r.when ? [r.when] : [])), ...questions.flatMap((q) => (q.askIf ? [q.askIf] : []))]) {
    for (const { question, expected } of atomsOf(c)) {
      for (const v of [expected].flat()) if (typeof v === 'number') bounds.set(question, (bounds.get(question) ?? new Set<number>()).add(v));
    }
  }
  const dims: [string, AnswerValue[]][] = questions.map((q) => {
    if (q.type === 'choice') return [q.id, (q.choices ?? []).map((c) => c.value)];
    const counts = new Set<number>([0, 1]);
    for (const t of bounds.get(q.id) ?? []) for (const v of [t - 1, t, t + 1]) counts.add(v);
    const values: AnswerValue[] = [...counts].filter((v) => v >= (q.min ?? 0)).sort((a, b) => a - b);
    return [q.id, q.default === null ? [null, ...values] : values];
  });
  const size = dims.reduce((n, [, v]) => n * BigInt(v.length), 1n);
  const LIMIT = quick ? 5_000 : 100_000;
  const sample = size > BigInt(LIMIT);
  const count = sample ? LIMIT : Number(size);

  // ---- timed in a fresh node process (see engine-worker.mjs), on the built library
  const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-bench-'));
  const data = join(dir, 'engine.json');
  writeFileSync(data, JSON.stringify({ pack: big.knowledge, answerSets, runs, builtin: knowledge, dims, sample, count }));
  const worker = spawnSync(node, ['--expose-gc', `${repo}bench/engine-worker.mjs`, index, data], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  rmSync(dir, { recursive: true, force: true });
  if (worker.status !== 0) throw new Error(`engine worker failed: ${worker.stderr.slice(0, 1000)}`);
  const { times, perSecond, none } = JSON.parse(worker.stdout) as { times: number[]; perSecond: number; none: number };

  const m = median(times);
  if (m > TARGETS.engineMs) misses.push(`engine: ${ms(m)} for ${RULES.toLocaleString('en-US')} rules (target ≤ ${TARGETS.engineMs} ms)`);
  rows.push({
    what: `engine: evaluate() on ${RULES.toLocaleString('en-US')} generated rules (${runs} runs, first ${ms(times[0] ?? 0)}; ${share})`,
    median: ms(m),
    min: ms(Math.min(...times)),
    max: ms(Math.max(...times)),
    ratio: '',
    target: `≤ ${TARGETS.engineMs} ms`,
    met: verdict(m <= TARGETS.engineMs),
  });
  const what = sample
    ? `answer space: ${size.toLocaleString('en-US')} combinations; rate on a fixed-seed sample of ${count.toLocaleString('en-US')}`
    : `answer space: all ${count.toLocaleString('en-US')} combinations`;
  rows.push({
    what: `${what} (${knowledge.rules.length} built-in rules${none ? `, ${none} without a recommendation` : ''})`,
    median: `${Math.round(perSecond).toLocaleString('en-US')} combinations/s`,
    min: '',
    max: '',
    ratio: '',
    target: '',
    met: '',
  });
}

// ---------------------------------------------------------------- precedents

/**
 * rankPrecedents() (issue 16) on 10,000 generated precedents: the built-in corpus repeated
 * with fresh ids and, for each copy, a labelled-set size, kind, pretrained and dependence drawn
 * from a fixed-seed generator (so that the scores differ and the sort does real work). Timed in
 * a fresh node process on an esbuild bundle of src/engine/similarity.ts (precedents-worker.mjs).
 */
async function precedents(): Promise<void> {
  const { build } = await import('esbuild');
  const { readBuiltinPrecedents, vocabularyOf } = await import('../src/knowledge/precedents.js');
  const { KINDS } = await import('../src/knowledge/precedent-types.js');
  const { assemble } = await import('../src/knowledge/assemble.js');
  const { readBuiltinSources } = await import('../src/knowledge/load.js');
  const { knowledge } = assemble(readBuiltinSources(repo));
  const corpus = readBuiltinPrecedents(repo, vocabularyOf(knowledge));
  if (corpus.problems.length > 0 || corpus.precedents.length === 0) throw new Error(`precedent corpus: ${JSON.stringify(corpus.problems.slice(0, 3))}`);
  const random = rng(16);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const COUNT = 10_000;
  const generated = Array.from({ length: COUNT }, (_, i) => {
    const base = corpus.precedents[i % corpus.precedents.length] as (typeof corpus.precedents)[number];
    const answers: Record<string, string | number> = { ...base.answers };
    if (random() < 0.7) answers.labeled = Math.round(10 ** (random() * 6));
    const kinds = KINDS[String(answers.modality)];
    if (kinds && random() < 0.8) answers.kind = pick(kinds);
    if (random() < 0.6) answers.pretrained = pick(['yes', 'no']);
    if (random() < 0.5) answers.dependence = pick(['independent', 'grouped', 'temporal']);
    return { ...base, id: `generated-${String(i).padStart(5, '0')}`, answers };
  });
  const modalities = knowledge.questions.find((q) => q.id === 'modality')?.choices?.map((c) => c.value) ?? [];
  const tasks = knowledge.questions.find((q) => q.id === 'task')?.choices?.map((c) => c.value) ?? [];
  const answerSets = Array.from({ length: 16 }, () => ({
    modality: pick(modalities),
    task: pick(tasks),
    labeled: Math.round(10 ** (random() * 6)),
    pretrained: pick(['yes', 'no', 'unknown']),
    goal: pick(['prediction', 'understanding', 'both']),
  }));
  const runs = quick ? 5 : 30;
  const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-bench-'));
  try {
    const bundle = join(dir, 'similarity.mjs');
    await build({
      entryPoints: [`${repo}src/engine/similarity.ts`],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile: bundle,
      logLevel: 'error',
    });
    const data = join(dir, 'precedents.json');
    writeFileSync(data, JSON.stringify({ precedents: generated, answerSets, runs }));
    const worker = spawnSync(node, ['--expose-gc', `${repo}bench/precedents-worker.mjs`, bundle, data], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    if (worker.status !== 0) throw new Error(`precedents worker failed: ${worker.stderr.slice(0, 1000)}`);
    const { times } = JSON.parse(worker.stdout) as { times: number[] };
    const m = median(times);
    if (m > TARGETS.precedentsMs) misses.push(`precedents: ${ms(m)} to rank ${COUNT.toLocaleString('en-US')} (target ≤ ${TARGETS.precedentsMs} ms)`);
    rows.push({
      what: `engine: rankPrecedents() on ${COUNT.toLocaleString('en-US')} generated precedents, top 3 (${runs} runs, first ${ms(times[0] ?? 0)})`,
      median: ms(m),
      min: ms(Math.min(...times)),
      max: ms(Math.max(...times)),
      ratio: '',
      target: `≤ ${TARGETS.precedentsMs} ms`,
      met: verdict(m <= TARGETS.precedentsMs),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

const started = new Date();
console.log(`# dl-advisor benchmark (${quick ? 'quick, ' : ''}${rounds} rounds)\n`);
console.log(`${started.toISOString()} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'} · load ${loadavg()[0]?.toFixed(2)}`);
console.log(`measuring ${cli}\n`);
await startup();
await engine();
await precedents();
printTable();
console.log(
  `\nWall times: spawn to exit, alternated over ${rounds} rounds (order rotated each round). Ratios: median of the per-round ratios to the baseline.` +
    `\nMemory: peak RSS (ru_maxrss) from ${GNU_TIME} -f %M. Reproduce: npm run bench -- --runs ${rounds}`,
);
if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
if (misses.length > 0) console.log(`\nTargets missed (timing only; exit code stays 0):\n${misses.map((m) => `  - ${m}`).join('\n')}`);
else console.log('\nAll targets met.');
