/**
 * Every code a Problem can carry: stable, machine-readable, documented one by one in
 * docs/errors.md (a test keeps the two in step). Adding a code is fine; renaming or removing one
 * breaks scripts that match on it (contract section 5).
 */
export const PROBLEM_CODES = [
  // reading files and folders
  'unreadable',
  'not-a-file',
  'file-too-large',
  'empty-file',
  'bad-encoding',
  'binary-file',
  'stdin-is-terminal',
  'unwritable',
  'too-many-files',
  'no-packs',
  'no-cases',
  'not-a-pack',
  'no-rules',
  // YAML, and the limits on files from anywhere
  'too-many-tokens',
  'yaml-syntax',
  'yaml-duplicate-key',
  'yaml-aliases',
  'too-deep',
  'too-many-values',
  'string-too-long',
  'control-character',
  'number-out-of-range',
  'ambiguous-number',
  'forbidden-key',
  'bad-key',
  'too-many-problems',
  // the schema of a file
  'unknown-key',
  'wrong-type',
  'bad-value',
  'bad-format',
  'too-big',
  'too-small',
  'invalid',
  // cross-checks of rule packs and test cases
  'duplicate-pack',
  'duplicate-id',
  'nothing-to-override',
  'unknown-rule',
  'unknown-question',
  'unknown-method',
  'unknown-reference',
  'unknown-recipe',
  'wrong-kind',
  'missing-choices',
  'unexpected-choices',
  'bad-default',
  'bad-operator',
  'bad-rule',
  'no-effect',
  'unknown-placeholder',
  // answers and advice
  'bad-flag',
  'bad-answers',
  'missing-answer',
  'choice-not-valid',
  'conflicting-values',
  'no-recommendation',
  // dl-advisor precedents
  'unknown-precedent',
  // data given to inspect or --data
  'data-not-found',
  'data-unreadable',
  'data-unsupported',
  'data-empty',
  'data-encoding',
  'target-not-found',
  'data-corrupt',
  'sheet-not-found',
  // dl-advisor starter
  'folder-not-empty',
  'not-a-folder',
  'unsafe-path',
  'python-not-found',
  'python-packages-missing',
  'untrusted-template',
  'no-starter-template',
  // the command line
  'unknown-command',
  // the MCP server's tool calls
  'bad-argument',
  'cancelled',
  'internal',
] as const;

/**
 * A problem code. Two families are open-ended: `yaml-*` names the YAML parser's own error
 * (`yaml-bad-indent`, `yaml-tab-as-indent`, ...) and `usage-*` the command-line parser's
 * (`usage-unknownOption`, ...).
 */
export type ProblemCode = (typeof PROBLEM_CODES)[number] | `yaml-${string}` | `usage-${string}`;
