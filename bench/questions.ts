/**
 * npm run bench:questions
 *
 * How many questions the walkthrough asks (issue 15, item 6), over the answer sets of the rule
 * cases (rules/tests/*.cases.yaml): each case plays a person who starts `dl-advisor` with no
 * flags and answers every prompt with the case's answer (the default where the case gives
 * none), then accepts the review. Counted: prompts before the review.
 *
 *   before  every applicable question is asked (no relevance check)
 *   after   optional questions that cannot change the primary, the strategies or a caution are
 *           skipped (answers/walkthrough/matters.ts)
 *
 * Also checked: the advice after skipping is the same (primary, strategies, cautions) as with
 * every question asked, and the time the relevance checks take between two prompts.
 */
import { join } from 'node:path';
import { walkthrough } from '../src/answers/interactive.js';
import { completeAnswers } from '../src/answers/normalize.js';
import { mattersFor } from '../src/answers/walkthrough/matters.js';
import type { InputConfig, Prompts, SelectConfig } from '../src/answers/walkthrough/prompts.js';
import type { Answers } from '../src/engine/conditions.js';
import { evaluate } from '../src/engine/evaluate.js';
import type { Knowledge } from '../src/knowledge/assemble.js';
import { loadKnowledge } from '../src/knowledge/builtin.js';
import { readCaseFiles } from '../src/knowledge/cases.js';

const repo = new URL('../', import.meta.url).pathname;
const k = await loadKnowledge();
const files = readCaseFiles([join(repo, 'rules/tests')]);

/** A person who answers from `truth`; counts prompts and the waits between two. */
class Person implements Prompts {
  asked = 0;
  readonly gaps: number[] = [];
  private last = performance.now();
  constructor(private readonly truth: Answers) {}
  async select<V>(c: SelectConfig<V>): Promise<V> {
    this.tick(c.name);
    if (c.name === 'review') return ':done' as V;
    const want = this.truth[c.name];
    return (c.choices.find((x) => x.value === want) ?? c.choices[0])?.value as V;
  }
  async input(c: InputConfig): Promise<string> {
    this.tick(c.name);
    const v = this.truth[c.name];
    return v === null || v === undefined ? 'unknown' : String(v);
  }
  note(): void {}
  private tick(name: string): void {
    const now = performance.now();
    if (name !== 'review') this.asked++;
    this.gaps.push(now - this.last);
    this.last = now;
  }
}

function advice(knowledge: Knowledge, given: Answers): string {
  const rec = evaluate(knowledge, completeAnswers(knowledge.questions, given).answers).recommendation;
  return JSON.stringify([rec.primary.id, rec.strategies.map((s) => s.id), rec.cautions.map((c) => c.rule)]);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

const before: number[] = [];
const after: number[] = [];
const gaps: number[] = [];
let differ = 0;
const io = { input: null, output: { write: () => true }, env: {} };
for (const f of files) {
  for (const tc of f.cases) {
    const truth = completeAnswers(k.questions, tc.answers as Answers).answers;
    const all = new Person(truth);
    const askedAll = await walkthrough(k.questions, {}, io, all);
    const some = new Person(truth);
    // A fresh check per case, as each CLI run has its own (no outcomes cached from other cases).
    const askedSome = await walkthrough(k.questions, {}, io, some, { matters: mattersFor(k) });
    before.push(all.asked);
    after.push(some.asked);
    gaps.push(...some.gaps);
    if (advice(k, askedAll) !== advice(k, askedSome)) {
      differ++;
      console.error(`differs: ${tc.id}`);
    }
  }
}

console.log(`rule cases: ${before.length} (rules/tests/*.cases.yaml)`);
console.log('| Questions asked | Median | Min | Max | Mean |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [name, xs] of [
  ['every applicable question (before)', before],
  ['only those that can change the advice (after)', after],
] as const) {
  console.log(`| ${name} | ${median(xs)} | ${Math.min(...xs)} | ${Math.max(...xs)} | ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1)} |`);
}
console.log(`advice different after skipping: ${differ} of ${before.length}`);
const p95 = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length * 0.95)] ?? 0;
console.log(
  `wait between two prompts (the relevance checks), over ${gaps.length} prompts: median ${median(gaps).toFixed(1)} ms, 95th percentile ${p95.toFixed(1)} ms, max ${Math.max(...gaps).toFixed(1)} ms`,
);
process.exitCode = differ > 0 ? 1 : 0;
