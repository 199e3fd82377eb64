/**
 * The interactive walkthrough (contract section 4; issue 3): ask, in question order, only what
 * flags, files and data left open and what applies given the answers so far; then review all
 * answers, re-asking any the person wants to change, until they say it looks right.
 * advise() calls this only when stdin and stderr are terminals and --no-input was not given.
 */
import type { Answers } from '../engine/conditions.js';
import { defaultAnswer } from '../knowledge/default-answer.js';
import type { Question } from '../knowledge/schema.js';
import { isValidChoice } from './valid-if.js';
import { type AskMode, applies, DONE, displayValue, inputConfig, readCount, reviewConfig, seenBefore, selectConfig } from './walkthrough/plan.js';
import { loadPrompts, type PromptIo, type Prompts } from './walkthrough/prompts.js';

export type { PromptIo, Prompts } from './walkthrough/prompts.js';

/**
 * Returns the given answers plus the asked ones (defaults are left to completeAnswers). Throws
 * CancelledError when the person presses Ctrl-C. `prompts` is the seam for tests.
 */
export async function walkthrough(questions: readonly Question[], given: Answers, io: PromptIo, prompts?: Prompts): Promise<Answers> {
  const answers: Answers = { ...given };
  // Given answers are never dropped; "(given)" is shown until the person changes one.
  const fixed = new Set(Object.keys(given));
  const untouched = new Set(fixed);
  if (pending(questions, answers, fixed).length === 0) return answers;
  const ui = prompts ?? (await loadPrompts(io));
  ui.note(intro(questions, given));
  await askOpen(questions, answers, fixed, ui);
  for (;;) {
    const pick = await ui.select(reviewConfig(questions, answers, fixed, untouched));
    const q = questions.find((x) => x.id === pick);
    if (pick === DONE || !q) {
      ui.note('\n');
      return answers;
    }
    answers[q.id] = await ask(q, answers[q.id] ?? null, 'change', ui, seenBefore(questions, questions.indexOf(q), answers));
    untouched.delete(q.id);
    await askOpen(questions, answers, fixed, ui);
  }
}

/** Questions that would be asked now: not answered, and applicable. */
export function pending(questions: readonly Question[], answers: Answers, fixed: ReadonlySet<string>): Question[] {
  return questions.filter((q, i) => !fixed.has(q.id) && !Object.hasOwn(answers, q.id) && applies(questions, i, answers));
}

/**
 * One pass in question order: drop asked answers that no longer apply (a changed modality makes
 * `features` moot, and a `kind` of `volume` wrong for graphs), and ask the questions that apply
 * and have no answer yet.
 */
async function askOpen(questions: readonly Question[], answers: Answers, fixed: ReadonlySet<string>, ui: Prompts): Promise<void> {
  for (const [i, q] of questions.entries()) {
    if (fixed.has(q.id)) continue;
    if (!applies(questions, i, answers)) delete answers[q.id];
    else if (Object.hasOwn(answers, q.id) && !isValidChoice(q, answers[q.id], seenBefore(questions, i, answers))) delete answers[q.id];
    if (applies(questions, i, answers) && !Object.hasOwn(answers, q.id))
      answers[q.id] = await ask(q, defaultAnswer(q), 'first', ui, seenBefore(questions, i, answers));
  }
}

async function ask(q: Question, current: Answers[string], mode: AskMode, ui: Prompts, seen: Answers): Promise<Answers[string]> {
  if (q.type === 'integer') return readCount(q, await ui.input(inputConfig(q, current)));
  return ui.select(selectConfig(q, current, mode, seen));
}

function intro(questions: readonly Question[], given: Answers): string {
  const lines = ['A few questions about your data and goal. Enter accepts the highlighted choice or the value in brackets; Ctrl-C quits.'];
  const known = questions.filter((q) => Object.hasOwn(given, q.id));
  if (known.length > 0) lines.push(`Already answered: ${known.map((q) => `${q.id} ${displayValue(q, given[q.id])}`).join(', ')}.`);
  return `${lines.join('\n')}\n\n`;
}
