/** `dl-advisor questions`: every question with its flag, values and default. Pure. */
import { flagOf } from '../answers/normalize.js';
import { type ConditionVisitor, everyOp, visit } from '../knowledge/condition-walk.js';
import type { Condition, Question } from '../knowledge/schema.js';
import type { Style } from './style.js';
import { NBSP, wrap } from './wrap.js';

export function renderQuestionsText(questions: readonly Question[], s: Style, width = 80): string {
  const out: string[] = [];
  for (const q of questions) {
    const dflt = q.required ? 'required' : `default: ${q.default === null || q.default === undefined ? 'unknown' : q.default}`;
    out.push(`${s.bold(flagOf(q))} ${s.dim(`(${q.id}; ${dflt})`)}`);
    out.push(wrap(`${q.prompt} ${q.help}`, width, '    ', '    '));
    if (q.type === 'integer') out.push(`    values: a whole number${q.min !== undefined ? ` >= ${q.min}` : ''} (1200, 1,200, 1.2k, 3M)`);
    for (const c of q.choices ?? []) {
      const when = c.validIf
        ? ` ${s.dim(`(${q.validIfScope === 'walkthrough' ? 'the walkthrough offers it when' : 'only when'} ${describeCondition(c.validIf)})`)}`
        : '';
      out.push(wrap(`${c.value}${NBSP.repeat(Math.max(1, 23 - c.value.length))}${c.description}${when}`, width, `${' '.repeat(29)}`, '      '));
    }
    if (q.askIf) out.push(s.dim(wrap(`asked when: ${describeCondition(q.askIf)}`, width, '      ', '    ')));
    out.push('');
  }
  out.push(
    wrap(
      'Any question also takes --answer KEY=VALUE, or a key in an --answers file (as the question names it, labelQuality, or as its flag does, label-quality).',
      width,
    ),
  );
  return `${out.join('\n')}\n`;
}

export function questionsJson(questions: readonly Question[]) {
  return { schemaVersion: 1, questions: questions.map((q) => ({ ...q, flag: flagOf(q) })) };
}

export const OPS: Record<string, string> = { eq: '=', ne: '≠', in: 'in', notIn: 'not in', lt: '<', lte: '≤', gt: '>', gte: '≥' };

/** A condition in words: `modality = tabular and task in [classification, regression]`. */
export function describeCondition(c: Condition): string {
  return visit(c, WORDS, undefined);
}

const WORDS: ConditionVisitor<undefined, string> = {
  all: (subs) => subs.map(describeCondition).join(' and '),
  any: (subs) => `(${subs.map(describeCondition).join(' or ')})`,
  not: (sub) => `not (${describeCondition(sub)})`,
  mapping(m) {
    const parts: string[] = [];
    for (const question of Object.keys(m)) {
      everyOp(m[question], (op, x) => parts.push(`${question} ${OPS[op] ?? op} ${Array.isArray(x) ? `[${x.join(', ')}]` : x}`) > 0, undefined);
    }
    return parts.join(' and ');
  },
};
