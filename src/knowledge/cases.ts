/** Reading rule-test case files (`*.cases.yaml`): the format of `dl-advisor schema tests`. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Problem, UserError } from '../errors.js';
import { describeFsError } from './load.js';
import { decodeText, type Located, parseYaml } from './parse.js';
import { type TestCase, TestFile } from './schema.js';

export interface CaseFile {
  file: string;
  cases: TestCase[];
  locate: Located<unknown>['locate'];
}

const CASE_FILE = /\.cases\.(ya?ml|json)$/i;

export function readCaseFiles(paths: readonly string[]): CaseFile[] {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) {
        const found = readdirSync(p)
          .filter((n) => CASE_FILE.test(n))
          .sort()
          .map((n) => join(p, n));
        if (found.length === 0) problems.push({ code: 'no-cases', file: p, message: 'folder holds no *.cases.yaml files' });
        files.push(...found);
      } else files.push(p);
    } catch (e) {
      problems.push({ code: 'unreadable', file: p, message: describeFsError(e) });
    }
  }
  const out: CaseFile[] = [];
  for (const file of files) {
    const text = decodeText(readFileSync(file), file);
    if (typeof text !== 'string') {
      problems.push(text);
      continue;
    }
    const parsed = parseYaml(text, file, TestFile);
    problems.push(...parsed.problems);
    if (parsed.value) out.push({ file, cases: parsed.value, locate: parsed.locate });
  }
  if (problems.length > 0) throw new UserError(problems);
  return out;
}
