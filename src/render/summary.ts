import type { Answers } from '../engine/conditions.js';
import { formatAnswer } from '../engine/template.js';

/** "image classification, 900 labelled examples" and the other answers that differ from "unknown". */
export function problemSummary(answers: Answers, defaults: Record<string, unknown> = {}): { headline: string; details: string[] } {
  const labeled = typeof answers.labeled === 'number' ? `${formatAnswer(answers.labeled)} labelled` : 'labels unknown';
  const unlabeled = typeof answers.unlabeled === 'number' && answers.unlabeled > 0 ? `, ${formatAnswer(answers.unlabeled)} unlabelled` : '';
  const headline = `${answers.modality ?? '?'} ${answers.task ?? '?'}, ${labeled}${unlabeled}`;
  const skip = new Set(['modality', 'task', 'labeled', 'unlabeled']);
  const details = Object.entries(answers)
    .filter(([k, v]) => !skip.has(k) && v !== null && v !== 'unknown' && v !== defaults[k])
    .map(([k, v]) => `${k}: ${formatAnswer(v)}`);
  return { headline, details };
}
