/** `dl-advisor questions`: every question with its flag, values and default. Pure. */
import { flagOf } from '../answers/normalize.js';
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
    for (const c of q.choices ?? [])
      out.push(wrap(`${c.value}${NBSP.repeat(Math.max(1, 23 - c.value.length))}${c.description}`, width, `${' '.repeat(29)}`, '      '));
    if (q.askIf) out.push(s.dim(`    asked when: ${describeCondition(q.askIf)}`));
    out.push('');
  }
  out.push('Any question also takes --answer KEY=VALUE, or a key in an --answers file.');
  return `${out.join('\n')}\n`;
}

export function questionsJson(questions: readonly Question[]) {
  return { schemaVersion: 1, questions: questions.map((q) => ({ ...q, flag: flagOf(q) })) };
}

export const OPS: Record<string, string> = { eq: '=', ne: '≠', in: 'in', notIn: 'not in', lt: '<', lte: '≤', gt: '>', gte: '≥' };

/** A condition in words: `modality = tabular and task in [classification, regression]`. */
export function describeCondition(c: Condition): string {
  if ('all' in c && Array.isArray(c.all)) return c.all.map(describeCondition).join(' and ');
  if ('any' in c && Array.isArray(c.any)) return `(${c.any.map(describeCondition).join(' or ')})`;
  if ('not' in c && c.not && typeof c.not === 'object' && !Array.isArray(c.not)) return `not (${describeCondition(c.not as Condition)})`;
  return Object.entries(c)
    .map(([k, v]) => {
      if (v === null || typeof v !== 'object') return `${k} = ${v}`;
      return Object.entries(v as Record<string, unknown>)
        .map(([op, x]) => `${k} ${OPS[op] ?? op} ${Array.isArray(x) ? `[${x.join(', ')}]` : x}`)
        .join(' and ');
    })
    .join(' and ');
}
