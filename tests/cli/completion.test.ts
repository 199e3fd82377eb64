/**
 * `dl-advisor completion bash|zsh|fish`: the bash script is sourced into a real bash and driven
 * the way bash's completion machinery drives it (COMP_WORDS, COMP_CWORD, then COMPREPLY).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/io.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-completion-'));
const labPack = new URL('../../examples/lab-pack', import.meta.url).pathname;

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

describe('completion bash', () => {
  it('sources without error and completes commands, flags and the values of each question', async () => {
    const file = join(dir, 'dl-advisor.bash');
    writeFileSync(file, await script('bash'));
    const sourced = spawnSync('bash', ['--norc', '--noprofile', '-c', `source '${file}' && complete -p dl-advisor`], { encoding: 'utf8' });
    expect(sourced.stderr).toBe('');
    expect(sourced.stdout.trim()).toBe('complete -o default -F _dl_advisor dl-advisor');

    expect(complete(file, ['--modality', '']).words).toEqual(['tabular', 'image', 'video', 'text', 'biosequence', 'time-series', 'audio', 'graph']);
    expect(complete(file, ['--label-quality', 'n']).words).toEqual(['noisy']);
    expect(complete(file, ['']).words).toEqual(['advise', 'starter', 'questions', 'methods', 'rules', 'schema', 'inspect', 'completion', 'mcp']);
    expect(complete(file, ['rules', '']).words).toEqual(['list', 'validate', 'test']);
    expect(complete(file, ['rules', 'validate', '--format', '']).words).toEqual(['text', 'json', 'github']);
    expect(complete(file, ['--modality', 'image', '--ta']).words).toEqual(['--task', '--target']);
    // Shared flags before the command still find the command, and its own values.
    expect(complete(file, ['--json', 'methods', 'cn']).words).toEqual(['cnn']);
    expect(complete(file, ['inspect', 'x.csv', '-f', '']).words).toEqual(['text', 'json', 'yaml']);
    expect(complete(file, ['schema', '']).words).toEqual(['answers', 'output', 'rules', 'tests', 'inspect']);
    expect(complete(file, ['completion', '']).words).toEqual(['bash', 'zsh', 'fish']);
  });

  it("with --rules, completes the pack's questions and method cards too", async () => {
    const file = join(dir, 'lab.bash');
    writeFileSync(file, await script('bash', '--rules', labPack));
    expect(complete(file, ['--in-house-model', '']).words).toEqual(['yes', 'no']);
    expect(complete(file, ['methods', 'fold']).words).toEqual(['foldlm']);
    const plain = join(dir, 'plain.bash');
    writeFileSync(plain, await script('bash'));
    expect(complete(plain, ['--in-h']).words).toEqual([]);
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
    const zsh = spawnSync('zsh', ['-n'], { input: z, encoding: 'utf8' });
    if (!zsh.error) expect(zsh.status).toBe(0); // syntax check where zsh is installed
  });

  it('fish: one complete line per flag, with the values of each question', async () => {
    const f = await script('fish', '--rules', labPack);
    expect(f).toContain("-l modality -x -a 'tabular image video text biosequence time-series audio graph'");
    expect(f).toContain("-l in-house-model -x -a 'yes no'");
    expect(f).toContain(
      "complete -c dl-advisor -n '__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from validate' -l format -s f -x -a 'text json github'",
    );
    const fish = spawnSync('fish', ['--no-execute'], { input: f, encoding: 'utf8' });
    if (!fish.error) expect(fish.status).toBe(0);
  });
});
