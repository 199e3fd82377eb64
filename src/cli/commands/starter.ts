/**
 * `dl-advisor starter --out DIR`: the advice (same answer sources as advise), then a runnable
 * first experiment for its primary recipe in DIR; with --run, runs it and reports the results.
 * Exit codes: 0 written (and run), 1 the run failed, 2 bad input, a non-empty DIR, no Python or
 * missing packages, 3 internal error.
 */
import { recommend } from '../../engine/recommend.js';
import { CheckFailedError, UserError } from '../../errors.js';
import type { StarterDoc } from '../../starter/index.js';
import type { StarterPlan } from '../../starter/plan.js';
import type { ResultRow, RunOutcome } from '../../starter/run.js';
import type { Context } from '../context.js';
import { type AdviseOptions, collectAnswers } from './advise.js';

export interface StarterOptions extends AdviseOptions {
  out: string;
  group?: string;
  force?: boolean;
  run?: boolean;
  python?: string;
  trustRules?: boolean;
}

export async function starter(ctx: Context, opts: StarterOptions): Promise<number> {
  const { knowledge, answers, data } = await collectAnswers(ctx, opts);
  const advice = recommend(knowledge, answers, { toolVersion: ctx.version, files: knowledge.packs.map((p) => p.file) });
  // As advise --data: the data section, its cautions, and the recipes fitted to it (the split's column, imbalance).
  const result = data ? (await import('../../answers/data.js')).withData(advice, data.report) : advice;
  const { buildStarter, dataFacts } = await import('../../starter/index.js');
  const python = opts.python ?? 'python3';
  const { doc, plan } = buildStarter(result, dataFacts(opts, data?.summary), opts.out, knowledge.starters ?? [], { force: opts.force, python });
  let failed: string | undefined;
  if (opts.run && !doc.source.builtin && !opts.trustRules) throw untrusted(doc);
  if (opts.run) {
    ctx.err(`dl-advisor: running ${python} run.py in ${opts.out} (output below, full log in ${opts.out}/run.log)\n`);
    const { runExperiment } = await import('../../starter/run.js');
    const outcome = await runExperiment({ python, dir: opts.out, onOutput: (t) => ctx.err(t) });
    failed = applyOutcome(outcome, doc, opts.out);
  }
  await ctx.show(opts.json ? 'json' : (opts.format ?? 'text'), opts.color, (r, view) =>
    r.report({ json: { ...result, starter: doc }, text: (v) => r.advice(result, v, knowledge.questions) + starterText(plan, doc) }, view),
  );
  if (failed) throw new CheckFailedError(failed);
  return 0;
}

/** --run refuses a script from a user's pack unless --trust-rules: dl-advisor did not write that code. */
function untrusted(doc: StarterDoc): UserError {
  return new UserError({
    code: 'untrusted-template',
    file: doc.source.file,
    message: `not running ${doc.dir}/run.py: its template "${doc.source.id}" comes from the rule pack "${doc.source.pack}", not from dl-advisor's built-in knowledge`,
    hint: `read ${doc.dir}/run.py, then run it yourself or add --trust-rules to let --run execute it (the files are written)`,
  });
}

/** Records a run's outcome in the document; a message when the run failed (exit 1); throws for exit 2. */
function applyOutcome(outcome: RunOutcome, doc: StarterDoc, dir: string): string | undefined {
  if (outcome.status === 'no-python')
    throw new UserError({
      code: 'python-not-found',
      file: outcome.python,
      message: `${outcome.message}; --run needs Python 3 with the packages in ${dir}/requirements.txt`,
      hint: 'install Python 3, or give its path with --python PATH',
    });
  if (outcome.status === 'missing-packages')
    throw new UserError({
      code: 'python-packages-missing',
      file: `${dir}/run.py`,
      message: (outcome.tail.find((l) => l.includes('missing Python packages')) ?? 'missing Python packages').replace(/^run\.py: /, ''),
      hint: `the README in ${dir} gives the conda and Debian equivalents; nothing else was changed`,
    });
  doc.log = outcome.log;
  if (outcome.status === 'failed') {
    const why = outcome.signal ? `was stopped by ${outcome.signal}` : `exited with ${outcome.code}`;
    return `run.py ${why}; its last lines:\n  ${outcome.tail.join('\n  ')}\nfull log: ${outcome.log}`;
  }
  doc.results = outcome.results;
  return undefined;
}

function starterText(plan: StarterPlan, doc: StarterDoc): string {
  const lines = [
    '',
    `Starter (${doc.template}${doc.template !== plan.family ? `, as ${plan.family} has no template yet` : ''}): recipe ${doc.recipe}${doc.fallback ? ' (built-in fallback: the advice has no recipe)' : ''}`,
    doc.source.builtin
      ? `  template: ${doc.source.id} (built in)`
      : `  template: ${doc.source.id} from a user's rule pack, ${doc.source.pack} (${doc.source.file}): not dl-advisor's code, read run.py first`,
    `  wrote ${doc.files.map((f) => `${doc.dir}/${f}`).join(', ')}`,
    `  run it: ${doc.command.join(' ')}    (read ${doc.dir}/README.md first)`,
  ];
  if (doc.results) lines.push('', resultsTable(doc.results), `  (${doc.dir}/results.json, log ${doc.log})`);
  return `${lines.join('\n')}\n`;
}

export function resultsTable(rows: readonly ResultRow[]): string {
  if (rows.length === 0) return '  no results (see the log)';
  const w = Math.max(5, ...rows.map((r) => r.model.length)) + 2;
  const m = Math.max(6, ...rows.map((r) => r.metric.length)) + 2;
  const head = `  ${'model'.padEnd(w)}${'metric'.padEnd(m)}${'mean'.padStart(8)}${'std'.padStart(8)}  folds`;
  const body = rows.map((r) => `  ${r.model.padEnd(w)}${r.metric.padEnd(m)}${r.mean.toFixed(3).padStart(8)}${r.std.toFixed(3).padStart(8)}  ${r.folds.length}`);
  return [head, ...body].join('\n');
}
