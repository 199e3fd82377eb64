/**
 * The interactive walkthrough (contract section 4; issue 3): ask, in question order, only what
 * flags, files and data left open, what applies given the answers so far, and (issue 15) what
 * can change the advice; then review all answers, re-asking any the person wants to change,
 * until they say it looks right.
 * advise() calls this only when stdin and stderr are terminals and --no-input was not given.
 */
import type { Answers, AnswerValue } from '../engine/conditions.js';
import { defaultAnswer } from '../knowledge/default-answer.js';
import { questionName } from '../knowledge/question-name.js';
import type { Question } from '../knowledge/schema.js';
import { isValidChoice } from './valid-if.js';
import type { Matters } from './walkthrough/matters.js';
import { type AskMode, applies, DONE, displayValue, inputConfig, readCount, reviewConfig, seenBefore, selectConfig } from './walkthrough/plan.js';
import { loadPrompts, type PromptIo, type Prompts } from './walkthrough/prompts.js';

export type { PromptIo, Prompts } from './walkthrough/prompts.js';

export interface WalkOptions {
  /** Where each given answer came from, as the review shows it ("from data.csv"); else "given". */
  origins?: Readonly<Record<string, string>>;
  /** Whether an optional question can change the advice; unset: every applicable one is asked. */
  matters?: Matters;
}

/** The state of one walkthrough. */
interface Walk {
  questions: readonly Question[];
  answers: Answers;
  /** Answered by flags, files or data: never dropped. */
  fixed: ReadonlySet<string>;
  /** The origin of each given answer, until the person changes it. */
  origins: Map<string, string>;
  /** Open questions left at their default because no value would change the advice. */
  skipped: Set<string>;
  /** Answers dropped when their question stopped applying, restored if it applies again. */
  remembered: Map<string, AnswerValue>;
  matters?: Matters;
}

/**
 * Returns the given answers plus the asked ones (defaults are left to completeAnswers). Throws
 * CancelledError when the person presses Ctrl-C. `prompts` is the seam for tests.
 */
export async function walkthrough(
  questions: readonly Question[],
  given: Answers,
  io: PromptIo,
  prompts?: Prompts,
  options: WalkOptions = {},
): Promise<Answers> {
  const w: Walk = {
    questions,
    answers: { ...given },
    fixed: new Set(Object.keys(given)),
    origins: new Map(Object.keys(given).map((k) => [k, options.origins?.[k] ?? 'given'])),
    skipped: new Set(),
    remembered: new Map(),
    matters: options.matters,
  };
  const open = pending(questions, w.answers, w.fixed);
  if (open.length === 0 || open.every((q) => !q.required && w.matters && !w.matters(q, w.answers))) return w.answers;
  const ui = prompts ?? (await loadPrompts(io));
  try {
    ui.note(intro(questions, given));
    await askOpen(w, ui);
    for (;;) {
      const pick = await ui.select(reviewConfig(questions, w.answers, w.fixed, { origins: w.origins, skipped: w.skipped }));
      const q = questions.find((x) => x.id === pick);
      if (pick === DONE || !q) {
        ui.note('\n');
        return w.answers;
      }
      w.answers[q.id] = await ask(
        q,
        w.answers[q.id] ?? defaultAnswer(q),
        w.skipped.has(q.id) ? 'first' : 'change',
        ui,
        seenBefore(questions, questions.indexOf(q), w.answers),
      );
      w.skipped.delete(q.id);
      w.origins.delete(q.id);
      await askOpen(w, ui);
    }
  } finally {
    ui.close?.();
  }
}

/** Questions that would be asked now: not answered, and applicable. */
export function pending(questions: readonly Question[], answers: Answers, fixed: ReadonlySet<string>): Question[] {
  return questions.filter((q, i) => !fixed.has(q.id) && !Object.hasOwn(answers, q.id) && applies(questions, i, answers));
}

/**
 * Passes in question order until one asks nothing: set aside asked answers that no longer apply
 * (a changed modality makes `features` moot) and restore those that apply again; skip optional
 * questions that cannot change the advice; ask the rest. A later answer can make a skipped
 * question matter: the next pass asks it then.
 */
async function askOpen(w: Walk, ui: Prompts): Promise<void> {
  for (let asked = true; asked; ) {
    asked = false;
    for (const [i, q] of w.questions.entries()) {
      if (w.fixed.has(q.id)) continue;
      if (!applies(w.questions, i, w.answers)) {
        if (Object.hasOwn(w.answers, q.id)) w.remembered.set(q.id, w.answers[q.id] ?? null);
        delete w.answers[q.id];
        w.skipped.delete(q.id);
        continue;
      }
      // A changed earlier answer can make a choice wrong (a `kind` of `volume` once the modality
      // is graph): forget it and ask again.
      const seen = seenBefore(w.questions, i, w.answers);
      if (Object.hasOwn(w.answers, q.id) && !isValidChoice(q, w.answers[q.id], seen)) delete w.answers[q.id];
      if (Object.hasOwn(w.answers, q.id)) continue;
      const kept = w.remembered.get(q.id);
      w.remembered.delete(q.id);
      if (kept !== undefined && isValidChoice(q, kept, seen)) w.answers[q.id] = kept;
      else if (!q.required && w.matters && !w.matters(q, w.answers)) w.skipped.add(q.id);
      else {
        w.skipped.delete(q.id);
        w.answers[q.id] = await ask(q, defaultAnswer(q), 'first', ui, seen);
        asked = true;
      }
    }
  }
}

async function ask(q: Question, current: Answers[string], mode: AskMode, ui: Prompts, seen: Answers): Promise<Answers[string]> {
  if (q.type === 'integer') return readCount(q, await ui.input(inputConfig(q, current)));
  return ui.select(selectConfig(q, current, mode, seen));
}

function intro(questions: readonly Question[], given: Answers): string {
  const lines = ['A few questions about your data and goal. Enter accepts the highlighted choice or the value in brackets; Ctrl-C quits.'];
  const known = questions.filter((q) => Object.hasOwn(given, q.id));
  if (known.length > 0) lines.push(`Already answered: ${known.map((q) => `${questionName(q)} ${displayValue(q, given[q.id])}`).join(', ')}.`);
  return `${lines.join('\n')}\n\n`;
}
