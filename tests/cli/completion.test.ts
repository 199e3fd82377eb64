/**
 * `dl-advisor completion bash|zsh|fish`: the bash script is sourced into a real bash and driven
 * the way bash's completion machinery drives it (COMP_WORDS, COMP_CWORD, then COMPREPLY); the zsh
 * function is called with compsys's words/CURRENT and printing stand-ins for compadd and _describe;
 * the fish script is asked with `complete -C`, as fish asks it at a Tab.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/io.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-completion-'));
const labPack = new URL('../../examples/lab-pack', import.meta.url).pathname;
const labPrecedents = new URL('../fixtures/precedent-packs/lab-precedents', import.meta.url).pathname;

async function script(shell: string, ...extra: string[]): Promise<string> {
  const r = await cli(['completion', shell, ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** What bash offers for the words typed so far (the last one is the word being completed). */
function complete(file: string, typed: string[]): { words: string[]; stderr: string } {
  const quoted = typed.map((w) => `'${w}'`).join(' ');
  const body = `source '${file}' || exit 9\nCOMP_WORDS=(dl-advisor ${quoted}); COMP_CWORD=${typed.length}; COMPREPLY=()\n_dl_advisor\nprintf '%s\\n' "\${COMPREPLY[@]}"\n`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', body], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return { words: r.stdout.split('\n').filter(Boolean), stderr: r.stderr };
}

/**
 * Whether the shell ran, so that its result can be checked. A shell that is not installed is
 * reported plainly (and is a failure under CI, whose .ci/run installs zsh and fish).
 */
function needShell(shell: string, r: { error?: Error }): boolean {
  if (!r.error) return true;
  if (process.env.CI) throw new Error(`${shell} is not installed; .ci/run installs it (${r.error.message})`);
  console.warn(`completion: ${shell} is not installed here, its completion was not run`);
  return false;
}

/** What the zsh function offers, with compsys's compadd and _describe replaced by printers. */
function zshComplete(file: string, typed: string[]) {
  const quoted = typed.map((w) => `'${w}'`).join(' ');
  const body = [
    'compadd() { [[ $1 == -- ]] && shift; print -l -- "$@" }',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh parameter expansion, not a template
    '_describe() { local name=$4; for e in ${(P)name}; do print -- ${e%%:*}; done }',
    '_files() { print -- FILES }',
    'compdef() { : }',
    `source '${file}' || exit 9`,
    `words=(dl-advisor ${quoted}); CURRENT=${typed.length + 1}`,
    '_dl_advisor',
  ].join('\n');
  const result = spawnSync('zsh', ['-f', '-c', body], { encoding: 'utf8' });
  if (!result.error) expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  return { result, words: (result.stdout ?? '').split('\n').filter(Boolean) };
}

/** What fish offers for a command line (`complete -C`), the values only, sorted. */
function fishComplete(file: string, line: string) {
  const result = spawnSync('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8' });
  if (!result.error) expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  const words = (result.stdout ?? '')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t')[0]);
  return { result, words: [...new Set(words)].sort() };
}

describe('completion bash', () => {
  it('sources without error and completes commands, flags and the values of each question', async () => {
    const file = join(dir, 'dl-advisor.bash');
    writeFileSync(file, await script('bash'));
    const sourced = spawnSync('bash', ['--norc', '--noprofile', '-c', `source '${file}' && complete -p dl-advisor`], { encoding: 'utf8' });
    expect(sourced.stderr).toBe('');
    expect(sourced.stdout.trim()).toBe('complete -o default -F _dl_advisor dl-advisor');

    expect(complete(file, ['--modality', '']).words).toEqual(['tabular', 'image', 'video', 'text', 'biosequence', 'time-series', 'audio', 'graph']);
    expect(complete(file, ['--label-quality', 'n']).words).toEqual(['noisy']);
    expect(complete(file, ['']).words).toEqual(['advise', 'starter', 'questions', 'methods', 'precedents', 'rules', 'schema', 'inspect', 'completion', 'mcp']);
    expect(complete(file, ['rules', '']).words).toEqual(['list', 'validate', 'test']);
    expect(complete(file, ['rules', 'validate', '--format', '']).words).toEqual(['text', 'json', 'github']);
    expect(complete(file, ['--modality', 'image', '--ta']).words).toEqual(['--task', '--target']);
    // Shared flags before the command still find the command, and its own values.
    expect(complete(file, ['--json', 'methods', 'cn']).words).toEqual(['cnn']);
    expect(complete(file, ['inspect', 'x.csv', '-f', '']).words).toEqual(['text', 'json', 'yaml']);
    expect(complete(file, ['schema', '']).words).toEqual(['answers', 'output', 'rules', 'tests', 'inspect']);
    expect(complete(file, ['completion', '']).words).toEqual(['bash', 'zsh', 'fish']);
    // Precedent ids (issue 16) and the values of the format option advise gained.
    expect(complete(file, ['precedents', 'esteva']).words).toEqual(['esteva-2017-skin-lesions']);
    expect(complete(file, ['--format', 'b']).words).toEqual(['bibtex']);
  });

  it("with --rules, completes the pack's questions and method cards too", async () => {
    const file = join(dir, 'lab.bash');
    writeFileSync(file, await script('bash', '--rules', labPack));
    expect(complete(file, ['--in-house-model', '']).words).toEqual(['yes', 'no']);
    expect(complete(file, ['methods', 'fold']).words).toEqual(['foldlm']);
    const plain = join(dir, 'plain.bash');
    writeFileSync(plain, await script('bash'));
    expect(complete(plain, ['--in-h']).words).toEqual([]);
    // The precedent ids of a pack (`precedents ID --rules PACK`), and the flag on that command.
    const withPrecedents = join(dir, 'lab-precedents.bash');
    writeFileSync(withPrecedents, await script('bash', '--rules', labPack, '--rules', labPrecedents));
    expect(complete(withPrecedents, ['precedents', 'fixture-2024']).words).toEqual(['fixture-2024-foldlm-stability', 'fixture-2024-foldlm-binding']);
    expect(complete(plain, ['precedents', 'fixture-2024']).words).toEqual([]);
    expect(complete(plain, ['precedents', '--no-b']).words).toEqual(['--no-builtin-rules']);
  });

  it('leaves out a pack value that is not a plain word, so nothing from a pack runs in the shell', async () => {
    const pack = join(dir, 'hostile.yaml');
    writeFileSync(
      pack,
      [
        'pack: hostile',
        'version: 1.0.0',
        'description: values that would be shell code',
        'questions:',
        '  - id: evil',
        '    type: choice',
        '    prompt: Which?',
        '    help: a question whose first value is shell code',
        '    choices:',
        "      - { value: '$(touch pwned)', label: A, description: shell code }",
        "      - { value: 'ok', label: B, description: a word }",
        "    default: 'ok'",
        'rules: []',
        '',
      ].join('\n'),
    );
    const r = await cli(['completion', 'bash', '--rules', pack]);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('touch');
    const file = join(dir, 'hostile.bash');
    writeFileSync(file, r.stdout);
    expect(complete(file, ['--evil', '']).words).toEqual(['ok']);
    expect(existsSync(join(tmpdir(), 'pwned'))).toBe(false);
  });

  it('rejects another shell with the allowed ones (exit 2)', async () => {
    const r = await cli(['completion', 'ksh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed choices are bash, zsh, fish');
  });
});

describe('completion zsh and fish', () => {
  it('zsh: a #compdef function with the same values and described flags', async () => {
    const z = await script('zsh');
    expect(z.startsWith('#compdef dl-advisor\n')).toBe(true);
    expect(z).toContain('advise:--modality) compadd -- tabular image video text biosequence time-series audio graph; return ;;');
    expect(z).toContain("'--label-quality:");
    const file = join(dir, '_dl-advisor');
    writeFileSync(file, z);
    const syntax = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
    if (needShell('zsh', syntax)) expect(syntax.status).toBe(0);
  });

  it('zsh: offers the values of a question, the commands and the method ids (driven as compsys drives it)', async () => {
    const file = join(dir, '_dl-advisor');
    writeFileSync(file, await script('zsh'));
    const run = (typed: string[]) => zshComplete(file, typed);
    const modality = run(['--modality', '']);
    if (!needShell('zsh', modality.result)) return;
    expect(modality.words).toEqual(['tabular', 'image', 'video', 'text', 'biosequence', 'time-series', 'audio', 'graph']);
    expect(run(['--dependence', '']).words).toEqual(['independent', 'grouped', 'temporal', 'unknown']);
    expect(run(['methods', '']).words).toContain('gnn');
    expect(run(['']).words).toEqual(expect.arrayContaining(['advise', 'starter', 'inspect', 'mcp']));
  });

  it('fish: one complete line per flag, with the values of each question', async () => {
    const f = await script('fish', '--rules', labPack);
    expect(f).toContain("-l modality -x -a 'tabular image video text biosequence time-series audio graph'");
    expect(f).toContain("-l in-house-model -x -a 'yes no'");
    expect(f).toContain(
      "complete -c dl-advisor -n '__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from validate' -l format -s f -x -a 'text json github'",
    );
    // Through a file: fish reading a script from a pipe under node fails with "Is a directory".
    const file = join(dir, 'dl-advisor.fish');
    writeFileSync(file, f);
    const syntax = spawnSync('fish', ['--no-execute', file], { encoding: 'utf8' });
    if (needShell('fish', syntax)) expect({ status: syntax.status, stderr: syntax.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it("fish: `complete -C` offers each question's values, commands and subcommands", async () => {
    const file = join(dir, 'dl-advisor-lab.fish');
    writeFileSync(file, await script('fish', '--rules', labPack));
    const modality = fishComplete(file, 'dl-advisor --modality ');
    if (!needShell('fish', modality.result)) return;
    expect(modality.words).toEqual(['audio', 'biosequence', 'graph', 'image', 'tabular', 'text', 'time-series', 'video']);
    expect(fishComplete(file, 'dl-advisor --kind v').words).toEqual(['volume']);
    expect(fishComplete(file, 'dl-advisor --in-house-model ').words).toEqual(['no', 'yes']);
    expect(fishComplete(file, 'dl-advisor rules ').words).toEqual(['list', 'test', 'validate']);
  });
});
