/** Answers inferred from a dataset (`advise --data`, the MCP `advise` tool), limited to known questions. */
import type { Question } from '../knowledge/schema.js';

export interface FromData {
  /** Inferred answers whose key is a loaded question (others are dropped). */
  answers: Record<string, string | number>;
  /** What the data showed that the user should know (one line each). */
  warnings: string[];
  /** The report's facts (rows, target, idColumns, groupColumns, ...), as `inspect` prints them. */
  summary: Record<string, string | number>;
}

export async function answersFromData(path: string, target: string | undefined, questions: readonly Question[]): Promise<FromData> {
  const { inspectPath, inferredAnswers } = await import('../inspect/index.js');
  const report = await inspectPath(path, { target, questions: questions.map((q) => q.id) });
  const known = new Set(questions.map((q) => q.id));
  const answers = Object.fromEntries(Object.entries(inferredAnswers(report)).filter(([k]) => known.has(k)));
  return { answers, warnings: report.warnings.map((w) => w.message), summary: report.summary };
}
