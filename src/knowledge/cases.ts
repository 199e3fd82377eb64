/**
 * Rule-test case files (`*.cases.yaml`, the format of `dl-advisor schema tests`): reading them,
 * checking their answers and expected ids against the knowledge (`rules validate`), and running
 * them (`rules test`). The words for the outcomes are render/cases.ts's.
 */
import { statSync } from 'node:fs';
import { completeAnswers, missingProblem } from '../answers/normalize.js';
import { fromMapping } from '../answers/sources.js';
import { validIfProblems } from '../answers/valid-if.js';
import { type CaseRun, runCase } from '../engine/check-case.js';
import type { Answers } from '../engine/conditions.js';
import { didYouMean, type Problem, UserError } from '../errors.js';
import { describeFsError } from '../io/fs-errors.js';
import type { Knowledge } from './assemble.js';
import { CASE_FILE, expandPaths, listFolder, readUserFile, sortProblems } from './load.js';
import { type Located, parseYaml } from './parse.js';
import type { Precedent } from './precedent-types.js';
import { type MethodKind, type Question, TestCase, TestFile } from './schema.js';

export interface CaseFile {
  file: string;
  cases: TestCase[];
  locate: Located<unknown>['locate'];
}

/** Files and folders (their *.cases.yaml, *.cases.yml, *.cases.json, by name) -> file names. */
export function expandCasePaths(paths: readonly string[]): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) {
        const listed = listFolder(p, (n) => CASE_FILE.test(n));
        if (listed.problem) problems.push(listed.problem);
        else if (listed.files.length === 0) problems.push({ code: 'no-cases', file: p, message: 'folder holds no *.cases.yaml files' });
        files.push(...listed.files);
      } else files.push(p);
    } catch (e) {
      problems.push({ code: 'unreadable', file: p, message: describeFsError(e) });
    }
  }
  return { files, problems };
}

/**
 * One case file -> its cases, or its problems (all of them). When some cases fail the schema,
 * `partial` holds the valid ones at their original indices (a sparse array), for further checks.
 */
export function readCaseFile(file: string): { cases?: CaseFile; partial?: CaseFile; problems: Problem[] } {
  const text = readUserFile(file);
  if (typeof text !== 'string') return { problems: [text] };
  if (text.trim() === '') return { problems: [{ code: 'empty-file', file, line: 1, column: 1, message: 'file is empty; expected a list of test cases' }] };
  const parsed = parseYaml(text, file, TestFile);
  if (parsed.value) return { cases: { file, cases: parsed.value, locate: parsed.locate }, problems: [] };
  if (!Array.isArray(parsed.data) || parsed.data.length > 10_000) return { problems: parsed.problems };
  const valid: TestCase[] = [];
  parsed.data.forEach((item, i) => {
    const r = TestCase.safeParse(item);
    if (r.success) valid[i] = r.data;
  });
  return { partial: { file, cases: valid, locate: parsed.locate }, problems: parsed.problems };
}

export function readCaseFiles(paths: readonly string[]): CaseFile[] {
  const { files, problems } = expandCasePaths(paths);
  const out: CaseFile[] = [];
  for (const file of files) {
    const r = readCaseFile(file);
    problems.push(...r.problems);
    if (r.cases) out.push(r.cases);
  }
  if (problems.length > 0) throw new UserError(sortProblems(problems, files));
  return out;
}

/**
 * The answers of case `i` of a file, with defaults, and their problems (each names the case).
 * A missing required answer is listed by id (`ids`, for `rules validate`) or with its flag and
 * a hint (`flags`, for `rules test`).
 */
export function caseAnswers(questions: readonly Question[], f: CaseFile, i: number, words: 'ids' | 'flags'): { answers: Answers; problems: Problem[] } {
  const tc = f.cases[i] as TestCase;
  const given = fromMapping(questions, tc.answers, f.file, (p) => f.locate([i, 'answers', ...p]));
  const problems: Problem[] = given.problems.map((p) => ({ ...p, path: [i, 'answers', ...(p.path ?? [])], message: `case "${tc.id}": ${p.message}` }));
  const { answers, missing } = completeAnswers(questions, given.answers);
  if (problems.length === 0) {
    const where = { file: f.file, ...f.locate([i, 'answers']), path: [i, 'answers'] };
    for (const p of validIfProblems(questions, answers)) problems.push({ ...p, ...where, message: `case "${tc.id}": ${p.message}` });
  }
  if (problems.length === 0 && missing.length > 0) {
    const where = { file: f.file, ...f.locate([i, 'answers']), path: [i, 'answers'] };
    if (words === 'flags') {
      const m = missingProblem(missing);
      problems.push({ ...m, message: `case "${tc.id}": ${m.message}`, ...where, hint: 'add them to the case\'s "answers"' });
    } else {
      const ids = missing.map((q) => q.id).join(', ');
      problems.push({ code: 'missing-answer', ...where, message: `case "${tc.id}": missing required answer${missing.length > 1 ? 's' : ''}: ${ids}` });
    }
  }
  return { answers, problems };
}

const EXPECTED_KINDS: [Exclude<keyof TestCase['expect'], 'split'>, MethodKind | 'rule' | 'recipe'][] = [
  ['primary', 'model'],
  ['notPrimary', 'model'],
  ['alternatives', 'model'],
  ['strategies', 'strategy'],
  ['strategiesAnyOf', 'strategy'],
  ['notStrategies', 'strategy'],
  ['interpretability', 'interpretability'],
  ['interpretabilityAnyOf', 'interpretability'],
  ['cautions', 'rule'],
  ['recipe', 'recipe'],
  ['recipes', 'recipe'],
];

/** The answers and the expected ids of every case, against the loaded knowledge. */
export function checkCaseFile(f: CaseFile, k: Knowledge): Problem[] {
  const problems: Problem[] = [];
  const ofKind = (kind: MethodKind) => k.methods.filter((m) => m.kind === kind).map((m) => m.id);
  const known: Record<MethodKind | 'rule' | 'recipe', string[]> = {
    model: ofKind('model'),
    strategy: ofKind('strategy'),
    interpretability: ofKind('interpretability'),
    rule: k.rules.map((r) => r.id),
    recipe: (k.recipes ?? []).map((r) => r.id),
  };
  const ids = new Set<string>();
  f.cases.forEach((tc, i) => {
    if (ids.has(tc.id))
      problems.push({ code: 'duplicate-id', file: f.file, ...f.locate([i, 'id']), path: [i, 'id'], message: `case "${tc.id}" appears twice in this file` });
    ids.add(tc.id);
    problems.push(...caseAnswers(k.questions, f, i, 'ids').problems);
    for (const [field, kind] of EXPECTED_KINDS) {
      tc.expect[field]?.forEach((id, j) => {
        const list = known[kind];
        if (list.includes(id)) return;
        problems.push({
          code: kind === 'rule' ? 'unknown-rule' : kind === 'recipe' ? 'unknown-recipe' : 'unknown-method',
          file: f.file,
          ...f.locate([i, 'expect', field, j]),
          path: [i, 'expect', field, j],
          message: `case "${tc.id}": expect.${field}: unknown ${kind} "${id}"`,
          hint: didYouMean(id, list) ?? (kind === 'model' || kind === 'strategy' || kind === 'interpretability' ? `known: ${list.join(', ')}` : undefined),
        });
      });
    }
  });
  return problems;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * `rules validate`: rule packs (files or folders) loaded by `load` (on top of the built-in packs,
 * or not), with every problem of the schema and of the cross-checks; their precedent files
 * (precedents-pack.ts: also unique against `builtinPrecedents`); and test-case files (named, or inside a named folder): their format, and
 * their answers and expected ids against the packs.
 * Throws UserError when a named path cannot be read at all (a usage error, not a finding).
 */
export async function validateRulePaths(
  paths: readonly string[],
  load: (packPaths: string[]) => Promise<Knowledge> | undefined,
  builtinPrecedents: () => Promise<readonly Precedent[]> = async () => [],
): Promise<{ files: string[]; problems: Problem[] }> {
  const casePaths = paths.filter((p) => CASE_FILE.test(p) && !isFolder(p));
  const packPaths = paths.filter((p) => !casePaths.includes(p));
  const unreadable = [...expandPaths(packPaths).problems, ...expandCasePaths(casePaths).problems].filter(
    (p) => p.code === 'unreadable' && paths.includes(p.file ?? ''),
  );
  if (unreadable.length > 0) throw new UserError(unreadable);
  let problems: Problem[] = [];
  let knowledge: Knowledge | undefined;
  try {
    knowledge = await load(packPaths);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    problems = e.problems;
  }
  const caseFiles = [...casePaths, ...packPaths.filter(isFolder).flatMap((p) => expandCasePaths([p]).files)];
  for (const file of caseFiles) {
    const r = readCaseFile(file);
    problems.push(...r.problems);
    const cases = r.cases ?? r.partial;
    if (cases && knowledge) problems.push(...checkCaseFile(cases, knowledge));
  }
  // The precedents the packs add (issue 16, item 5), against the packs' questions and methods.
  let precedentFiles: string[] = [];
  if (knowledge) {
    const { readPackPrecedents } = await import('./precedents-pack.js');
    const r = readPackPrecedents(packPaths, knowledge, await builtinPrecedents());
    precedentFiles = r.files;
    problems.push(...r.problems);
  }
  const files = [...expandPaths(packPaths).files, ...precedentFiles, ...caseFiles];
  return { files, problems: sortProblems(problems, files) };
}

/**
 * `rules test`: every case of the files, run against the knowledge. Every answer problem of
 * every case comes first, all at once: they are input errors (UserError, exit 2).
 */
export function runCaseFiles(knowledge: Knowledge, files: readonly CaseFile[]): (CaseRun & { where: { file: string; line: number; column: number } })[] {
  const problems: Problem[] = [];
  const prepared = files.flatMap((f) =>
    f.cases.map((tc, i) => {
      const r = caseAnswers(knowledge.questions, f, i, 'flags');
      problems.push(...r.problems);
      return { tc, answers: r.answers, where: { file: f.file, ...f.locate([i]) } };
    }),
  );
  if (problems.length > 0) throw new UserError(problems);
  return prepared.map(({ tc, answers, where }) => ({ ...runCase(knowledge, tc, answers), where }));
}
