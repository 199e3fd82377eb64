/** Shared test helpers: the built-in knowledge from source, and answers completed with defaults. */
import { completeAnswers } from '../../src/answers/normalize.js';
import { fromMapping } from '../../src/answers/sources.js';
import type { Answers } from '../../src/engine/conditions.js';
import { assemble, type Knowledge } from '../../src/knowledge/assemble.js';
import { readBuiltinSources } from '../../src/knowledge/load.js';
import { packageRoot } from '../../src/knowledge/paths.js';

let cached: Knowledge | undefined;

export function builtin(): Knowledge {
  if (!cached) {
    const { knowledge, problems } = assemble(readBuiltinSources(packageRoot()));
    if (problems.length > 0) throw new Error(JSON.stringify(problems));
    cached = knowledge;
  }
  return cached;
}

export function answersFor(raw: Record<string, unknown>, k: Knowledge = builtin()): Answers {
  const given = fromMapping(k.questions, raw, 'test', () => ({ line: 0, column: 0 }));
  if (given.problems.length > 0) throw new Error(JSON.stringify(given.problems));
  const { answers, missing } = completeAnswers(k.questions, given.answers);
  if (missing.length > 0) throw new Error(`missing ${missing.map((q) => q.id)}`);
  return answers;
}
