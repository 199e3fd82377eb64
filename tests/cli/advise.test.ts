import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knowledgeSummary } from '../../src/version.js';
import { cli } from '../helpers/io.js';
import { builtin } from '../helpers/knowledge.js';

const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-cli-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const XRAY = ['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes'];

describe('advise (in process)', () => {
  it('prints the recommendation as text by default', async () => {
    const r = await cli(XRAY);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Recommendation for image classification, 900 labelled/);
    expect(r.stdout).toContain('Start with: Convolutional neural network (CNN)');
    expect(r.stdout).toMatch(/Training strategies\n(.*\n)*.*Transfer learning/);
    expect(r.stdout).toContain('Data augmentation');
    expect(r.stdout).toMatch(/Grad-CAM|Saliency maps/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it.each([
    ['a small table', ['--modality', 'tabular', '--task', 'classification', '--labeled', '600', '--features', '12', '--explain']],
    ['noisy text', ['--modality', 'text', '--task', 'classification', '--labeled', '50k', '--label-quality', 'noisy', '--goal', 'both', '--shift', 'yes']],
    ['a control problem', ['--modality', 'time-series', '--task', 'control', '--labeled', '0', '--simulator', 'no', '--compute', 'cpu']],
  ])('fits 80 columns for %s', async (_, argv) => {
    const r = await cli(argv);
    expect(r.code).toBe(0);
    const long = r.stdout.split('\n').filter((line) => line.length > 80);
    expect(long).toEqual([]);
  });

  it('is also the default command', async () => {
    const a = await cli(XRAY);
    const b = await cli(['advise', ...XRAY]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('prints one JSON document with --json and --format json', async () => {
    const r = await cli([...XRAY, '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, tool: { name: 'dl-advisor', version: '9.9.9-test' }, recommendation: { primary: { id: 'cnn' } } });
    expect(doc.answers).toMatchObject({ modality: 'image', labeled: 900, unlabeled: 0, features: null, goal: 'prediction' });
    const scores = [doc.recommendation.primary.score, ...doc.recommendation.alternatives.map((a: { score: number }) => a.score)];
    expect(scores.reduce((s: number, x: number) => s + x, 0)).toBeCloseTo(1, 6);
    expect((await cli([...XRAY, '--format', 'json'])).stdout).toBe(r.stdout);
  });

  it('prints Markdown', async () => {
    const r = await cli([...XRAY, '--format', 'markdown']);
    expect(r.stdout).toMatch(/^# Recommendation: Convolutional neural network \(CNN\)\n/);
    expect(r.stdout).toContain('| Model | Share | For | Against |');
  });

  it('colours only when asked and never under NO_COLOR', async () => {
    expect((await cli(XRAY, { tty: true })).stdout).toMatch(/\x1b\[/);
    expect((await cli(XRAY, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
    expect((await cli([...XRAY, '--no-color'], { tty: true })).stdout).not.toMatch(/\x1b\[/);
    expect((await cli(XRAY, { env: { FORCE_COLOR: '1' } })).stdout).toMatch(/\x1b\[/);
  });

  it('--explain is short: what decided the primary, what each runner-up lacked with a unit, one count of rules', async () => {
    const r = await cli([...XRAY, '--explain']);
    const doc = JSON.parse((await cli([...XRAY, '--explain', '--json'])).stdout);
    const lines = r.stdout.slice(r.stdout.indexOf('Why ')).split('\n');
    expect(lines.length).toBeLessThan(30);
    expect(r.stdout).toContain('Why Convolutional neural network (CNN) · cnn');
    expect(r.stdout).toMatch(/^ {2}\+2\.0 {2}image-cnn: Convolutional networks/m);
    expect(r.stdout).toContain('log-likelihood units (natural log)');
    const t = doc.explain.whyNot.find((w: { id: string }) => w.id === 'transformer');
    expect(r.stdout).toMatch(
      loose(`transformer (${Math.round(t.score * 100)}%): ${t.gap.toFixed(1)} less evidence than cnn, so cnn is about ${t.odds} times as likely`),
    );
    expect(t.odds).toBeCloseTo(Math.exp(t.gap), 0);
    expect(r.stdout).toMatch(/· lacked: image-cnn \+2\.0/);
    // One counting of rules: the footer, the explanation and the JSON agree; the trace is left out.
    const count = `Rules: ${doc.rules.fired.length} of ${doc.rules.count} applied`;
    expect(r.stdout.split(count).length - 1).toBe(2);
    expect(doc.explain.rules.filter((x: { applied: boolean }) => x.applied).map((x: { id: string }) => x.id)).toEqual(doc.rules.fired);
    expect(r.stdout).not.toMatch(/✗ tabular-small-classification-logistic/);
    // The footer no longer suggests --explain, but the full trace.
    expect(r.stdout).not.toContain('why not another model: --explain');
    expect(r.stdout).toMatch(loose('every rule: --explain=all'));
  });

  it('--explain=all (or --explain all) adds every rule with its checks, counted as in the footer', async () => {
    for (const flag of [['--explain=all'], ['--explain', 'all']]) {
      const r = await cli([...XRAY, ...flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/✓ image-cnn \(core-perception\)/);
      expect(r.stdout).toMatch(/✗ tabular-small-classification-logistic \(core-tabular\): not: modality =\s+tabular \(is image\)/);
      const doc = JSON.parse((await cli([...XRAY, '--explain', '--json'])).stdout);
      const held = doc.explain.rules.filter((x: { fired: boolean; applied: boolean }) => x.fired && !x.applied).length;
      const applied = doc.rules.fired.length;
      expect(r.stdout).toMatch(
        loose(
          `Rules: ${doc.rules.count} considered: ✓ ${applied} applied, ~ ${held} held but are for another primary model, ✗ ${doc.rules.count - applied - held} did not hold`,
        ),
      );
      expect(r.stdout.match(/^ {2}[✓~✗] /gm)?.length).toBe(doc.rules.count);
      expect(r.stdout).not.toContain('--explain');
    }
    expect((await cli([...XRAY, '--explain=everything'])).code).toBe(2);
  });

  it("--explain in JSON: the primary's reasons by weight and the odds per runner-up, added to the same shape", async () => {
    const doc = JSON.parse((await cli([...XRAY, '--explain', '--json'])).stdout);
    expect(doc.explain.whyNot[0]).toMatchObject({ id: expect.any(String), gap: expect.any(Number), odds: expect.any(Number) });
    const weights = doc.explain.decidedBy.map((r: { weight: number }) => r.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(doc.explain.decidedBy.map((r: { rule: string }) => r.rule).sort()).toEqual(
      doc.recommendation.primary.reasons.map((r: { rule: string }) => r.rule).sort(),
    );
  });

  it('reads answers from a YAML file and from stdin; flags win', async () => {
    const f = file('a.yaml', 'modality: tabular\ntask: classification\nlabeled: 1,200\nlinear: yes\n');
    const fromFile = JSON.parse((await cli(['--answers', f, '--json'])).stdout);
    expect(fromFile.answers).toMatchObject({ modality: 'tabular', labeled: 1200, linear: 'yes' });
    const fromStdin = JSON.parse((await cli(['--answers', '-', '--json'], { stdin: '{"modality":"graph","task":"regression","labeled":"20k"}' })).stdout);
    expect(fromStdin.recommendation.primary.id).toBe('gnn');
    const overridden = JSON.parse((await cli(['--answers', f, '--labeled', '50000', '--linear', 'no', '--json'])).stdout);
    expect(overridden.answers.labeled).toBe(50000);
    expect(overridden.recommendation.primary.id).toBe('tree-ensemble');
  });

  it('saves answers that reproduce the run', async () => {
    const saved = join(dir, 'saved.yaml');
    const first = await cli([...XRAY, '--unlabeled', '3k', '--save-answers', saved, '--json']);
    expect(readFileSync(saved, 'utf8')).toContain('unlabeled: 3000');
    const again = await cli(['--answers', saved, '--json']);
    expect(again.stdout).toBe(first.stdout);
    const savedJson = join(dir, 'saved.json');
    await cli([...XRAY, '--save-answers', savedJson, '--json']);
    expect(JSON.parse(readFileSync(savedJson, 'utf8'))).toMatchObject({ modality: 'image', labeled: 900 });
  });
});

describe('advise: bad input (exit 2, one line each, no stack)', () => {
  it.each([
    [
      ['--modality', 'image', '--task', 'classification'],
      'dl-advisor: missing required answer: labeled (--labeled <value>) (pass them as flags, with --answer KEY=VALUE or --answers FILE, or run in a terminal to be asked)',
    ],
    [
      ['--modality', 'imgae', '--task', 'classification', '--labeled', '5'],
      'dl-advisor: --modality: modality: "imgae" is not allowed; allowed: tabular, image, video, text, biosequence, time-series, audio, graph (did you mean "image"?)',
    ],
    [
      ['--modality', 'image', '--task', 'classification', '--labeled', '-5'],
      'dl-advisor: --labeled: labeled: "-5" is not a count; expected a whole number >= 0 (e.g. 1200, 1,200, 1.2k, 3M)',
    ],
    [
      ['--modality', 'image', '--task', 'classification', '--labeled', '2.5'],
      'dl-advisor: --labeled: labeled: "2.5" is not a count; expected a whole number >= 0 (e.g. 1200, 1,200, 1.2k, 3M)',
    ],
    [['--modality', 'image', '--bogus'], "dl-advisor: unknown option '--bogus'"],
    [['--answers', '/nonexistent/answers.yaml'], 'dl-advisor: /nonexistent/answers.yaml: no such file or folder'],
    [['--rules', '/nonexistent/pack.yaml', ...XRAY], 'dl-advisor: /nonexistent/pack.yaml: no such file or folder'],
  ])('%j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names every missing answer with its flag', async () => {
    const r = await cli(['--no-input']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing required answers: modality (--modality <value>), task (--task <value>), labeled (--labeled <value>)');
  });

  it('reports every problem of an answers file with file:line:column', async () => {
    const f = file('bad.yaml', 'modality: imagez\ntask: classification\nlabeled: -3\nmodaltiy: image\n');
    const r = await cli(['--answers', f]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `dl-advisor: ${f}:1:1: modality: "imagez" is not allowed; allowed: tabular, image, video, text, biosequence, time-series, audio, graph (did you mean "image"?)`,
      `dl-advisor: ${f}:3:1: labeled: -3 is below the minimum 0; expected a whole number >= 0 (e.g. 1200, 1,200, 1.2k, 3M)`,
      expect.stringMatching(
        new RegExp(`^dl-advisor: ${f}:4:1: unknown answer key "modaltiy" \\(value "image"\\); known keys: modality, .* \\(did you mean "modality"\\?\\)$`),
      ),
    ]);
  });

  it('rejects a malformed answers file', async () => {
    const r = await cli(['--answers', file('broken.yaml', 'modality: [image\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: /);
  });

  it('rejects a rule file with errors, reporting all of them', async () => {
    const pack = file(
      'pack.yaml',
      'pack: lab\nversion: 1.0.0\nrules:\n  - id: r\n    summary: s\n    because: b\n    when: { modaltiy: image }\n    favor: { cnnn: 1 }\n    source: { ref: Lab, basis: practice }\n',
    );
    const r = await cli(['--rules', pack, ...XRAY]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `dl-advisor: ${pack}:7:13: unknown question "modaltiy" (did you mean "modality"?)`,
      `dl-advisor: ${pack}:8:14: unknown model "cnnn" (did you mean "cnn"?)`,
    ]);
  });

  it('in JSON mode also prints the errors as one JSON document on stdout', async () => {
    const r = await cli(['--modality', 'imgae', '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc).toEqual({
      schemaVersion: 1,
      errors: [expect.objectContaining({ code: 'bad-value', message: expect.stringContaining('"imgae" is not allowed') })],
    });
    const usage = await cli(['--bogus', '--json']);
    expect(JSON.parse(usage.stdout).errors[0].code).toBe('usage-unknownOption');
  });

  it('reads no answers from a terminal for --answers -', async () => {
    const r = await cli(['--answers', '-'], { stdin: '' });
    expect(r.code).toBe(2);
  });
});

describe('other commands', () => {
  it('--version and --help exit 0', async () => {
    // The version alone on the first line; then the knowledge (counted here from the source).
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `9.9.9-test\nbuilt-in knowledge: ${knowledgeSummary(builtin())}\n`, stderr: '' });
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    const adviseHelp = await cli(['advise', '--help']);
    expect(adviseHelp.stdout).toContain('--label-quality <value>');
    expect(adviseHelp.stdout).toContain('clean|noisy');
  });

  it('questions lists every question with its flag', async () => {
    const r = await cli(['questions', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.questions.map((q: { flag: string }) => q.flag)).toEqual([
      '--modality',
      '--kind',
      '--task',
      '--labeled',
      '--unlabeled',
      '--features',
      '--goal',
      '--linear',
      '--snr',
      '--label-quality',
      '--dependence',
      '--pretrained',
      '--shift',
      '--related-tasks',
      '--compute',
      '--simulator',
    ]);
    expect((await cli(['questions'])).stdout).toContain('--related-tasks');
  });

  it('methods lists the cards and shows one, in text, JSON and Markdown', async () => {
    expect((await cli(['methods'])).stdout).toContain('transfer-learning');
    const card = await cli(['methods', 'transfer-learning']);
    expect(card.stdout).toMatch(/^Transfer learning .*\(transfer-learning, strategy\)/);
    expect(card.stdout).toContain('Where to start');
    expect(JSON.parse((await cli(['methods', 'cnn', '--json'])).stdout).method.id).toBe('cnn');
    expect((await cli(['methods', 'cnn', '--format', 'markdown'])).stdout).toMatch(/^# Convolutional/);
    const bad = await cli(['methods', 'cnnn']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean "cnn"?');
  });

  it('schema prints draft-07 JSON Schemas', async () => {
    for (const name of ['answers', 'output', 'rules', 'tests']) {
      const doc = JSON.parse((await cli(['schema', name])).stdout);
      expect(doc.$schema).toBe('http://json-schema.org/draft-07/schema#');
    }
    expect((await cli(['schema', 'outptu'])).code).toBe(2);
  });
});

describe('review fixes', () => {
  it('refuses two different values for one question instead of picking one', async () => {
    const r = await cli(['--modality', 'image', '--task', 'classification', '--labeled', '7', '--answer', 'labeled=5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('labeled: --labeled gives 7 but --answer labeled gives 5; give one value');
    expect((await cli([...XRAY, '--answer', 'labeled=900'])).code).toBe(0);
  });

  it('suggests the command for a mistyped one', async () => {
    const r = await cli(['inpsect', 'x.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`unknown command 'inpsect'`);
    expect(r.stderr).toContain('did you mean "inspect"?');
  });

  it('keeps each citation on one line', async () => {
    const r = await cli([...XRAY, '--explain']);
    expect(r.stdout).not.toMatch(/\[[a-z-]+;\n/);
  });

  it('--explain lists a rule either against a runner-up or as missing, never both', async () => {
    const doc = JSON.parse(
      (await cli(['--modality', 'tabular', '--task', 'regression', '--labeled', '250', '--features', '30', '--linear', 'no', '--explain', '--json'])).stdout,
    );
    for (const w of doc.explain.whyNot) {
      const against = new Set(w.against.map((r: { rule: string }) => r.rule));
      expect(w.missing.filter((r: { rule: string }) => against.has(r.rule))).toEqual([]);
    }
  });

  it('Markdown names the questions in words, with the key for answers files', async () => {
    const r = await cli([...XRAY, '--label-quality', 'noisy', '--format', 'markdown']);
    expect(r.stdout).toContain('| Label quality (`labelQuality`) | noisy |');
    expect(r.stdout).toContain('| Labelled training examples (`labeled`) | 900 |');
    expect(r.stdout).toContain('| SNR (`snr`) | unknown |');
    expect(r.stdout).not.toMatch(/^\| `labelQuality` \|/m);
  });

  it('--explain works with Markdown too', async () => {
    const r = await cli([...XRAY, '--explain', '--format', 'markdown']);
    expect(r.stdout).toContain('## Explanation');
    expect(r.stdout).toContain('What each runner-up lacked');
    expect(r.stdout).not.toContain('✗ graph-gnn');
    expect((await cli([...XRAY, '--explain=all', '--format', 'markdown'])).stdout).toContain('✗ graph-gnn');
  });
});

describe('small messages', () => {
  it('suggests by prefix ("y" means yes) and explains an unwritable answers path', async () => {
    const r = await cli([...XRAY, '--shift', 'y']);
    expect(r.stderr).toContain('did you mean "yes"?');
    const w = await cli([...XRAY, '--save-answers', '/nonexistent-folder/x.yaml']);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('/nonexistent-folder/x.yaml: cannot write the answers file: its folder does not exist');
  });
});

/** `text` as a pattern in which every space may be a line break and indent (wrapped output). */
function loose(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll(' ', '\\s+'));
}
