/** The interactive walkthrough (issue 3) replaces this placeholder. */
import type { Answers } from '../engine/conditions.js';
import type { Question } from '../knowledge/schema.js';

export interface PromptIo {
  input: unknown;
  output: unknown;
  env: Record<string, string | undefined>;
}

export async function walkthrough(_questions: readonly Question[], given: Answers, _io: PromptIo): Promise<Answers> {
  return given;
}
