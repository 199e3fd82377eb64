/**
 * The pure side of the walkthrough: which questions apply, how each becomes a prompt, how an
 * answer is read back, and what the review shows. No terminal here, so it is tested with plain
 * objects.
 */
import { type Answers, type AnswerValue, conditionHolds } from '../../engine/conditions.js';
import { defaultAnswer } from '../../knowledge/default-answer.js';
import { questionName, questionNameInline } from '../../knowledge/question-name.js';
import type { Question } from '../../knowledge/schema.js';
import { formatNumber } from '../../text/number.js';
import { countExamples, normalizeValue } from '../normalize.js';
import { validChoices } from '../valid-if.js';
import type { InputConfig, Option, SelectConfig } from './prompts.js';

/** The review's "go on" choice; question ids are keys, so they never contain a colon. */
export const DONE = ':done';

/** Whether the default or the current answer is the preselected one. */
export type AskMode = 'first' | 'change';

/**
 * Whether the walkthrough asks `questions[index]`, given the answers so far. Earlier questions
 * that were skipped count with their default, as the engine will see them.
 */
export function applies(questions: readonly Question[], index: number, answers: Answers): boolean {
  const q = questions[index];
  if (!q) return false;
  if (q.required || !q.askIf) return true;
  return conditionHolds(q.askIf, seenBefore(questions, index, answers));
}

/** The answers as `questions[index]` sees them: earlier questions without an answer count with their default. */
export function seenBefore(questions: readonly Question[], index: number, answers: Answers): Answers {
  const seen: Answers = {};
  for (const earlier of questions.slice(0, index)) {
    seen[earlier.id] = Object.hasOwn(answers, earlier.id) ? (answers[earlier.id] ?? null) : defaultAnswer(earlier);
  }
  for (const [k, v] of Object.entries(answers)) if (!Object.hasOwn(seen, k)) seen[k] = v;
  return seen;
}

/**
 * A choice question as a prompt. With `seen` (the other answers), only the choices whose validIf
 * holds are offered, and a current answer that no longer applies is not preselected.
 */
export function selectConfig(q: Question, current: AnswerValue, mode: AskMode, seen?: Answers): SelectConfig<string> {
  const offered = seen ? validChoices(q, seen) : (q.choices ?? []);
  const preselected = typeof current === 'string' && offered.some((c) => c.value === current) ? current : undefined;
  const mark = mode === 'change' ? ' (current)' : ' (default)';
  const choices: Option<string>[] = offered.map((c) => {
    const label = c.value === q.unsure ? 'Not sure' : c.label;
    return { value: c.value, name: c.value === preselected ? `${label}${mark}` : label, short: label, description: c.description };
  });
  return { name: q.id, message: q.prompt, help: q.help, choices, default: preselected };
}

export function inputConfig(q: Question, current: AnswerValue): InputConfig {
  const optional = q.default === null;
  const shown = current === null ? (optional ? 'unknown' : undefined) : String(current);
  return {
    name: q.id,
    message: q.prompt,
    help: q.help,
    default: shown,
    validate: (text) => validateCount(q, text),
    answerLabel: (text) => displayValue(q, readCount(q, text)),
  };
}

/** `true`, or the normaliser's message without the key (the prompt names the question). */
export function validateCount(q: Question, text: string): true | string {
  if (text.trim() === '' && q.default !== null) return `an answer is needed: ${countExamples(q)}`;
  const r = normalizeValue(q, text);
  return r.ok ? true : r.message.replace(`${q.id}: `, '');
}

/** The value of a validated number answer ("1.2k" -> 1200, "" or "unknown" -> null). */
export function readCount(q: Question, text: string): AnswerValue {
  const r = normalizeValue(q, text);
  if (!r.ok) throw new Error(`readCount: ${r.message} (validate first)`);
  return r.value;
}

export function displayValue(q: Question, v: AnswerValue | undefined): string {
  if (v === null || v === undefined) return 'unknown';
  if (typeof v === 'number') return formatNumber(v);
  return v === q.unsure ? `${v} (not sure)` : v;
}

/** Questions the review lists: those that apply now, and any answered from flags or files. */
export function listed(questions: readonly Question[], answers: Answers, fixed: ReadonlySet<string>): Question[] {
  return questions.filter((q, i) => fixed.has(q.id) || applies(questions, i, answers));
}

/** How the review marks answers: where given ones came from, and which were not asked. */
export interface ReviewMarks {
  /** Given answers and their origin ("given", "from data.csv"); default: every fixed one is "given". */
  origins?: ReadonlyMap<string, string>;
  /** Open questions left at their default because no value would change the advice. */
  skipped?: ReadonlySet<string>;
}

export const NOT_ASKED = 'not asked: would not change the advice';

/** The summary and the change menu, with questions named in words (questionName). */
export function reviewConfig(questions: readonly Question[], answers: Answers, fixed: ReadonlySet<string>, marks: ReviewMarks = {}): SelectConfig<string> {
  const origins = marks.origins ?? new Map([...fixed].map((k) => [k, 'given']));
  const shown = listed(questions, answers, fixed);
  const width = Math.max(...shown.map((q) => questionName(q).length));
  const lines = shown.map((q) => {
    const origin = origins.get(q.id) ?? (marks.skipped?.has(q.id) ? NOT_ASKED : undefined);
    const value = Object.hasOwn(answers, q.id) ? answers[q.id] : defaultAnswer(q);
    return `${questionName(q).padEnd(width)}  ${displayValue(q, value)}${origin ? `  (${origin})` : ''}`;
  });
  const rest = questions.filter((q) => !shown.includes(q));
  if (rest.length > 0)
    lines.push(`Do not apply, defaults used: ${rest.map((q) => `${questionNameInline(q)} ${displayValue(q, defaultAnswer(q))}`).join(', ')}`);
  const choices: Option<string>[] = [
    { value: DONE, name: 'Looks right — show the recommendation', short: 'looks right' },
    ...shown.map((q) => {
      const name = questionNameInline(q);
      const now = displayValue(q, Object.hasOwn(answers, q.id) ? answers[q.id] : defaultAnswer(q));
      return { value: q.id, name: `Change ${name}`, short: `change ${name}`, description: `${q.prompt} Now: ${now}` };
    }),
  ];
  return { name: 'review', message: 'Review your answers:', details: lines, choices, default: DONE, pageSize: 8 };
}
