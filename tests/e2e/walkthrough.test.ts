/**
 * The walkthrough end to end: the built binary in a real pseudo-terminal (tmux), driven with
 * keystrokes; and the never-hang guarantee for runs without a terminal.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/dl-advisor.js');
const CLI = join(ROOT, 'dist/cli.js');
const MISSING = 'missing required answers: modality (--modality <value>), task (--task <value>), labeled (--labeled <value>)';

/** The walkthrough's own sources: a dist/ older than these would test the old walkthrough. */
const WALKTHROUGH_SOURCES = [
  join(ROOT, 'src/answers/interactive.ts'),
  join(ROOT, 'src/cli/commands/advise.ts'),
  ...sourcesIn(join(ROOT, 'src/answers/walkthrough')),
];

function sourcesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
}

/** Build when dist/cli.js is missing or older than the walkthrough (the .d.ts step may fail: dist/cli.js is written before it). */
function ensureBuilt(): void {
  const stale = () => !existsSync(CLI) || WALKTHROUGH_SOURCES.some((f) => statSync(f).mtimeMs > statSync(CLI).mtimeMs);
  if (stale()) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 170_000 });
  if (stale()) throw new Error('dist/cli.js is missing or stale and `npm run build` did not write it');
}

function requireTmux(): void {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error('tmux is required for the end-to-end walkthrough test (apt-get install tmux); it was not found on PATH');
  }
}

/** One run of the binary in a detached 100x40 tmux session on its own server socket. */
class Terminal {
  readonly dir = mkdtempSync(join(tmpdir(), 'dl-advisor-tty-'));
  /** Its own tmux server, so that parallel runs never share one. */
  private readonly socket = join(this.dir, 'tmux.sock');
  private readonly env = { PATH: process.env.PATH ?? '', HOME: this.dir, LANG: 'C.UTF-8', TERM: 'xterm-256color' };

  /** `stdout`: a file name in the run's folder for the result, or undefined for the terminal. */
  constructor(args: string[], stdout?: string) {
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const redirect = stdout ? ` > ${quote(stdout)}` : '';
    // The exit code and the terminal mode after the run land in files; the shell then stays, so
    // the pane (and its cursor state) can be inspected until close().
    const script = `cd ${quote(this.dir)}\n${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}${redirect}\necho $? > code.txt\nstty -a > stty.txt\nexec sleep 120\n`;
    writeFileSync(join(this.dir, 'run.sh'), script);
    writeFileSync(join(this.dir, 'tmux.conf'), 'set -g remain-on-exit on\nset -g status off\nset -g history-limit 5000\n');
    this.tmux('-f', join(this.dir, 'tmux.conf'), 'new-session', '-d', '-s', 'w', '-x', '100', '-y', '40', `sh ${quote(join(this.dir, 'run.sh'))}`);
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-u', '-S', this.socket, ...args], { encoding: 'utf8', env: this.env });
  }

  /** The visible screen, or with `all` the whole history with wrapped lines joined. */
  screen(all = false): string {
    return this.tmux('capture-pane', '-p', '-t', 'w', ...(all ? ['-J', '-S', '-'] : []));
  }

  async waitFor(what: string | RegExp | ((screen: string) => boolean), timeout = 15_000): Promise<string> {
    const test = typeof what === 'function' ? what : (s: string) => (typeof what === 'string' ? s.includes(what) : what.test(s));
    const start = Date.now();
    for (;;) {
      const screen = this.screen();
      if (test(screen)) return screen;
      if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${String(what)}; the screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'w', ...keys);
  }

  type(text: string): void {
    this.tmux('send-keys', '-t', 'w', '-l', text);
  }

  /** Move the select cursor (❯) to the choice named `label`, then press Enter. */
  async choose(label: string): Promise<void> {
    const isLabel = (line: string, mark: string) => line === `${mark} ${label}` || line.startsWith(`${mark} ${label} (`);
    for (let moves = 0; moves < 30; moves++) {
      const before = this.screen();
      const lines = before.split('\n').map((l) => l.trimEnd());
      const cursor = lines.findIndex((l) => l.startsWith('❯ '));
      if (cursor >= 0 && isLabel(lines[cursor] ?? '', '❯')) {
        await this.submit();
        return;
      }
      const target = lines.findIndex((l) => isLabel(l, ' '));
      this.keys(target >= 0 && target < cursor ? 'Up' : 'Down');
      await this.waitFor((s) => s !== before, 5_000);
    }
    throw new Error(`no choice "${label}" on the screen:\n${this.screen()}`);
  }

  /**
   * Press Enter at each open prompt (taking its default) until the open prompt is `message`. The
   * open prompt is the `? ` line; the next one cannot appear before Enter, so this never races.
   */
  async acceptUntil(message: string): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const screen = await this.waitFor(/^\? /m);
      const open = screen.split('\n').find((l) => l.startsWith('? ')) ?? '';
      if (open.startsWith(`? ${message}`)) return;
      await this.submit();
    }
    throw new Error(`never reached "${message}":\n${this.screen()}`);
  }

  /** Answer a number prompt. */
  async enter(text: string): Promise<void> {
    this.type(text);
    await this.waitFor(`› ${text}`);
    await this.submit();
  }

  /**
   * Press Enter and wait until the open prompt is answered (one more ✔ line in the whole history).
   * Without the wait, a caller that next looks for an open `? ` prompt can see the one just
   * answered, still drawn, and press Enter again: that Enter then answers the next prompt ahead
   * (on a loaded machine it skipped the review).
   */
  async submit(): Promise<void> {
    const answered = () => (this.screen(true).match(/^✔ /gm) ?? []).length;
    const before = answered();
    this.keys('Enter');
    await this.waitFor(() => answered() > before);
  }

  async exitCode(timeout = 20_000): Promise<number> {
    const file = join(this.dir, 'stty.txt');
    await this.waitFor(() => existsSync(file) && readFileSync(file, 'utf8').length > 0, timeout);
    return Number(readFileSync(join(this.dir, 'code.txt'), 'utf8').trim());
  }

  read(name: string): string {
    return readFileSync(join(this.dir, name), 'utf8');
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('the walkthrough in a real terminal (tmux)', { timeout: 90_000 }, () => {
  const open: Terminal[] = [];
  const start = (args: string[], stdout?: string) => {
    const t = new Terminal(args, stdout);
    open.push(t);
    return t;
  };

  beforeAll(() => {
    requireTmux();
    ensureBuilt();
  }, 180_000);
  afterAll(() => {
    for (const t of open) t.close();
  });

  it('a small table: every prompt answered with keys -> logistic regression, JSON on stdout, answers saved', async () => {
    const t = start(['--format', 'json', '--save-answers', 'answers.yaml'], 'plan.json');
    await t.waitFor('? What kind of data do you have?');
    expect(t.screen()).toContain('rows of measured variables: assays, clinical variables, descriptors');
    await t.choose('Tabular');
    await t.waitFor('? What do you want the model to do?');
    await t.choose('Classification');
    await t.waitFor('? How many labelled training examples do you have?');
    // Refused, so not submitted: typed and Enter without waiting for an answer.
    t.type('lots');
    await t.waitFor('› lots');
    t.keys('Enter');
    await t.waitFor('> "lots" is not a count; expected a whole number >= 0 (e.g. 1200, 1,200, 1.2k, 3M)');
    expect(t.screen()).toMatch(/› lots/);
    t.keys('C-u');
    await t.enter('1.2k');
    // Unlabelled examples cannot change the advice for 1,200 labelled rows: not asked.
    await t.waitFor('? How many input features (columns) does each example have?');
    expect(t.screen()).toContain('✔ How many labelled training examples do you have? 1,200');
    await t.enter('3,000');
    await t.waitFor('? How reliable are the labels?');
    await t.choose('Clean');
    await t.waitFor('? Are the labelled examples independent of each other?');
    await t.choose('Grouped');
    await t.waitFor('? Will the model be used on data from another source than it was trained on?');
    await t.choose('No');
    // Related targets cannot change the advice for this table: not asked.
    const review = await t.waitFor('? Review your answers:');
    expect(review).toMatch(/ {2}Features {20}3,000\n/);
    expect(review).toContain('Label quality               clean\n');
    expect(review).toContain('Compute                     unknown (not sure)  (not asked: would not change the advice)');
    expect(review).toContain('Related tasks               no  (not asked: would not change the advice)');
    expect(review).toContain('Do not apply, defaults used: kind unknown (not sure), pretrained unknown (not sure), simulator no');
    expect(review).not.toMatch(/labelQuality|relatedTasks/);
    // A question that was not asked can still be answered from the review.
    await t.choose('Change compute');
    await t.waitFor('? What compute do you have for training?');
    expect(t.screen()).toContain('❯ Not sure (default)');
    await t.choose('A GPU');
    await t.waitFor((s) => s.includes('? Review your answers:') && /Compute {21}gpu\n/.test(s));
    await t.choose('Looks right — show the recommendation');
    expect(await t.exitCode()).toBe(0);

    const plan = JSON.parse(t.read('plan.json'));
    expect(plan.recommendation.primary.id).toBe('logistic-regression');
    expect(plan.answers).toMatchObject({ modality: 'tabular', task: 'classification', labeled: 1200, features: 3000, labelQuality: 'clean', compute: 'gpu' });
    const screen = t.screen(true);
    expect(screen).toContain('To run this again without questions:');
    const printed =
      'npx dl-advisor --modality tabular --task classification --labeled 1200 --features 3000 --label-quality clean --dependence grouped --shift no --compute gpu --no-input';
    expect(screen).toContain(printed);
    expect(screen).not.toContain('{"schemaVersion"');
    expect(t.read('answers.yaml')).toMatch(/^# dl-advisor answers: .*\nmodality: tabular\nkind: unknown\ntask: classification\nlabeled: 1200\n/);

    // The saved answers reproduce the run without a terminal.
    const again = spawnSync(process.execPath, [BIN, '--answers', join(t.dir, 'answers.yaml'), '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(t.read('plan.json'));
  });

  it('an image set: answered with keys -> CNN, the recommendation printed in the terminal', async () => {
    const t = start([]);
    await t.waitFor('? What kind of data do you have?');
    await t.choose('Images');
    await t.waitFor('? Which of these describes your data best?');
    // Only the kinds of images are offered.
    expect(t.screen()).toContain('3D volumes');
    expect(t.screen()).not.toContain('Molecules or crystals');
    await t.choose('2D images');
    await t.waitFor('? What do you want the model to do?');
    await t.choose('Classification');
    await t.waitFor('? How many labelled training examples do you have?');
    await t.enter('900');
    await t.waitFor('? How many examples without labels do you have?');
    await t.enter('20k');
    await t.waitFor('? What matters more, accurate prediction or understanding?');
    await t.choose('Both');
    await t.waitFor('? How reliable are the labels?');
    await t.choose('Noisy');
    await t.waitFor('? Are the labelled examples independent of each other?');
    await t.choose('Independent');
    await t.waitFor('? Is there a model pretrained on similar data?');
    await t.choose('Yes');
    await t.waitFor('? Will the model be used on data from another source than it was trained on?');
    await t.choose('No');
    await t.waitFor('? Are there several related targets for the same inputs?');
    await t.choose('No');
    await t.waitFor('? What compute do you have for training?');
    await t.choose('A GPU');
    const review = await t.waitFor('? Review your answers:');
    expect(review).not.toMatch(/^ {2}(features|linear|snr) /m);
    await t.choose('Looks right — show the recommendation');
    expect(await t.exitCode()).toBe(0);
    const screen = t.screen(true);
    expect(screen).toContain('Start with: Convolutional neural network (CNN)');
    expect(screen).toContain(
      'npx dl-advisor --modality image --kind 2d --task classification --labeled 900 --unlabeled 20000 --goal both --label-quality noisy --dependence independent --pretrained yes --shift no --related-tasks no --compute gpu --no-input',
    );
    expect(screen).not.toMatch(/^\? /m);
  });

  it('keys typed ahead are kept: Enter Enter answers two prompts', async () => {
    const t = start(['--json'], 'plan.json');
    await t.waitFor('? What kind of data do you have?');
    t.keys('Enter', 'Enter');
    await t.waitFor('? How many labelled training examples do you have?');
    const screen = t.screen();
    expect(screen).toContain('✔ What kind of data do you have? Tabular');
    expect(screen).toContain('✔ What do you want the model to do? Classification');
    // Typed in one go, with the next prompt not drawn yet: a count and Enter, then Enter again.
    t.type('600');
    t.keys('Enter', 'Enter');
    await t.waitFor((s) => s.includes('✔ How many labelled training examples do you have? 600') && /✔ How many input features .* unknown/.test(s));
    t.keys('C-c');
    expect(await t.exitCode()).toBe(130);
  });

  it('a changed answer keeps the later ones: noisy labels survive labelled 0 and back', async () => {
    const t = start(['--modality', 'text', '--task', 'classification', '--interactive']);
    await t.waitFor('? How many labelled training examples do you have?');
    await t.enter('200');
    await t.acceptUntil('How reliable are the labels?');
    await t.choose('Noisy');
    await t.acceptUntil('Review your answers:');
    await t.waitFor((s) => s.includes('? Review your answers:') && s.includes('Label quality               noisy'));
    expect(t.screen()).toContain('Modality                    text  (given)');
    for (const n of ['0', '200']) {
      await t.choose('Change labelled training examples');
      await t.waitFor('? How many labelled training examples do you have?');
      t.keys('C-u');
      await t.enter(n);
      // With no labels other questions can matter (compute, here): they are asked now.
      await t.acceptUntil('Review your answers:');
      await t.waitFor(`Labelled training examples  ${n}`);
    }
    expect(t.screen()).toContain('Label quality               noisy');
    expect(t.screen(true)).not.toMatch(/How reliable are the labels\?\n[\s\S]*How reliable are the labels\?/);
    t.keys('C-c');
    expect(await t.exitCode()).toBe(130);
  });

  it("the README's command in a terminal: the advice at once, no prompt", async () => {
    const t = start(['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes']);
    expect(await t.exitCode()).toBe(0);
    const screen = t.screen(true);
    expect(screen).toContain('Start with: Convolutional neural network (CNN)');
    expect(screen).not.toMatch(/^\? /m);
    expect(screen).not.toContain('To run this again');
  });

  it('the command printed after a walkthrough, run in a terminal, asks nothing and gives the same advice', async () => {
    const first = start(['--json'], 'plan.json');
    await first.waitFor('? What kind of data do you have?');
    await first.choose('Text');
    await first.waitFor('? What do you want the model to do?');
    await first.choose('Classification');
    await first.waitFor('? How many labelled training examples do you have?');
    await first.enter('300');
    await first.acceptUntil('Review your answers:');
    await first.choose('Looks right — show the recommendation');
    expect(await first.exitCode()).toBe(0);
    const printed = /npx dl-advisor (.*--no-input)/.exec(first.screen(true))?.[1];
    expect(printed).toBeDefined();
    const again = start([...(printed ?? '').split(' '), '--json'], 'plan.json');
    expect(await again.exitCode()).toBe(0);
    expect(again.screen(true)).not.toMatch(/^\? /m);
    expect(again.read('plan.json')).toBe(first.read('plan.json'));
  });

  it('Ctrl-C at a prompt: exit 130, one short line, the prompt erased, the terminal restored', async () => {
    const t = start(['--json'], 'plan.json');
    await t.waitFor('? What kind of data do you have?');
    await t.choose('Video');
    await t.waitFor('? What do you want the model to do?');
    t.keys('C-c');
    expect(await t.exitCode()).toBe(130);
    const screen = t.screen().trimEnd();
    expect(screen.split('\n').at(-1)).toBe('dl-advisor: cancelled');
    expect(screen).toContain('✔ What kind of data do you have? Video');
    expect(screen).not.toContain('What do you want the model to do?');
    expect(screen).not.toMatch(/Error|\n\s+at /);
    // JSON mode: a pipeline still receives one document, the error.
    expect(JSON.parse(t.read('plan.json'))).toEqual({ schemaVersion: 1, errors: [{ code: 'cancelled', message: 'cancelled by the user' }] });
    const stty = t.read('stty.txt');
    expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
    expect(stty).toMatch(/(^|\s)echo(\s|$)/);
    expect(t.tmux('display-message', '-p', '-t', 'w', '#{cursor_flag}').trim()).toBe('1');
  });

  it('--no-input in a terminal: exit 2 at once with the missing keys and flags', async () => {
    const t = start(['--no-input']);
    expect(await t.exitCode()).toBe(2);
    expect(t.screen(true)).toContain(`dl-advisor: ${MISSING}`);
  });
});

describe('without a terminal: never hang', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  /** Spawn the binary; stdin either the null device or a pipe that is never closed. */
  function runWithout(args: string[], stdin: 'ignore' | 'pipe', env: Record<string, string> = {}) {
    return new Promise<{ code: number | null; ms: number; stdout: string; stderr: string }>((resolve, reject) => {
      const started = performance.now();
      const child = spawn(process.execPath, [BIN, ...args], { stdio: [stdin, 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d) => (stdout += d));
      child.stderr?.on('data', (d) => (stderr += d));
      const guard = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`still running after 10 s: it hangs (stderr: ${stderr})`));
      }, 10_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(guard);
        resolve({ code, ms: performance.now() - started, stdout, stderr });
      });
    });
  }

  it.each<[string, string[], 'ignore' | 'pipe', Record<string, string>]>([
    ['stdin from the null device', [], 'ignore', {}],
    ['stdin an open pipe', [], 'pipe', {}],
    ['CI=true', [], 'pipe', { CI: 'true' }],
    ['--no-input', ['--no-input'], 'pipe', {}],
  ])('%s: exit 2 within a second, naming the missing keys and flags', async (_, args, stdin, env) => {
    const r = await runWithout(args, stdin, env);
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(2000);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`dl-advisor: ${MISSING}`);
  });

  it('names only what is still missing, and in JSON mode also prints the error document', async () => {
    const r = await runWithout(['--modality', 'image', '--json'], 'pipe');
    expect(r.code).toBe(2);
    expect(r.ms).toBeLessThan(2000);
    expect(r.stderr).toContain('missing required answers: task (--task <value>), labeled (--labeled <value>)');
    expect(JSON.parse(r.stdout).errors[0]).toMatchObject({ code: 'missing-answer' });
  });
});
