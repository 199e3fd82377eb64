/** Reading rule-test case files (`*.cases.yaml`): the format of `dl-advisor schema tests`. */
import { statSync } from 'node:fs';
import { type Problem, UserError } from '../errors.js';
import { CASE_FILE, describeFsError, listFolder, readUserFile, sortProblems } from './load.js';
import { type Located, parseYaml } from './parse.js';
import { TestCase, TestFile } from './schema.js';

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
