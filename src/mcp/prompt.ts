/** The `walkthrough` prompt: the questions, as an assistant should ask them, then the advise call. */
import type { Question } from '../knowledge/schema.js';
import { describeCondition } from '../render/questions.js';

export function walkthroughPrompt(questions: readonly Question[], problem: string | undefined) {
  const lines = questions.map((q) => {
    const values = q.type === 'integer' ? 'a number' : (q.choices ?? []).map((c) => `${c.value} (${c.description})`).join('; ');
    const when = q.askIf ? ` Ask only when ${describeCondition(q.askIf)}.` : '';
    const need = q.required ? 'Required.' : `Optional; default ${q.default ?? q.unsure ?? 'unknown'}.`;
    return `- ${q.id}: ${q.prompt} ${q.help} Values: ${values}. ${need}${when}`;
  });
  const text = [
    'Help me choose which machine-learning method to try first for my scientific problem, using the dl-advisor tools.',
    problem ? `My problem: ${problem}` : undefined,
    '',
    'Work out what you can from what I said (or from my data with the inspect tool, if I gave a path), then ask me only the questions below that apply and that you cannot answer yourself, one or two at a time. Then call the advise tool with the answers and explain its recommendation: the method to start with, why (with its sources), the recipe and the evaluation split, the runners-up, the strategies and the cautions. Do not add sources of your own.',
    '',
    'The questions:',
    ...lines,
  ]
    .filter((l) => l !== undefined)
    .join('\n');
  return { description: 'Walk through the questions, then advise', messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
}
