/**
 * Text is wrapped by its visible width: colour codes take no columns, wide characters two,
 * combining marks none. With colour on, the output has the same lines as without it.
 */
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { beforeAll, describe, expect, it } from 'vitest';
import { isNarrow, loadFullWidth, measured, visibleWidth } from '../../src/render/width.js';
import { wrap } from '../../src/render/wrap.js';
import { cli } from '../helpers/io.js';
import { ensureBuilt, spawnCli } from '../helpers/spawn.js';

const WIDE_PACK = new URL('../fixtures/wide-pack', import.meta.url).pathname;
const WIDTHS = [40, 50, 60, 72, 80];
const ADVICE = [
  ['--modality', 'tabular', '--task', 'classification', '--labeled', '800', '--no-input'],
  ['--modality', 'image', '--task', 'classification', '--labeled', '900', '--pretrained', 'yes', '--explain'],
  ['--modality', 'text', '--task', 'generation', '--labeled', '0', '--unlabeled', '1M', '--shift', 'yes'],
  ['--modality', 'time-series', '--task', 'forecasting', '--labeled', '20', '--snr', 'low', '--explain'],
  ['--rules', WIDE_PACK, '--modality', 'image', '--task', 'classification', '--labeled', '900', '--explain'],
];
const lines = (s: string) => s.split('\n');
const red = (s: string) => `\x1b[31m${s}\x1b[39m`;

describe('visibleWidth', () => {
  // First in this file, while string-width is not loaded yet.
  it('renders text that needs string-width exactly, loading it on demand', async () => {
    const text = '畳み込み ニューラル ネットワーク 🧪 café 研究室 の データ でも 同じ です and more words';
    const first = await measured(() => wrap(text, 24));
    await loadFullWidth();
    expect(first).toBe(wrap(text, 24));
    for (const line of lines(first)) expect(stringWidth(line)).toBeLessThanOrEqual(24);
  });

  it('agrees with string-width on colour codes, wide, zero-width and combining characters', async () => {
    await loadFullWidth();
    for (const s of ['plain', red('red'), `${red('▶')} ${red('Start')}`, '研究室', '🧬 🇯🇵 1️⃣', 'cafe\u0301', '\u00ad\u200b', '█░ •−·']) {
      expect(visibleWidth(s), JSON.stringify(s)).toBe(stringWidth(s));
    }
  });

  it('measures without string-width only characters that string-width gives one column each', () => {
    const narrow: string[] = [];
    for (let cp = 0; cp < 0x3000; cp++) {
      const ch = String.fromCodePoint(cp);
      if (isNarrow(ch)) narrow.push(ch);
    }
    expect(narrow.length).toBeGreaterThan(1000);
    const wrong = narrow.filter((ch) => stringWidth(ch) !== 1).map((ch) => ch.codePointAt(0)?.toString(16));
    expect(wrong).toEqual([]);
    // and none of them joins its neighbour into one wider cluster
    const all = narrow.join('');
    expect([...new Intl.Segmenter().segment(all)].length).toBe(narrow.length);
    expect(stringWidth(all)).toBe(all.length);
  });
});

describe('wrap', () => {
  it('breaks coloured text where it breaks the same text without colour', () => {
    const words = 'Convolutional networks are the best-known family of neural networks and the standard for image data'.split(' ');
    const coloured = words.map((w, i) => (i % 3 === 0 ? red(w) : w)).join(' ');
    for (const width of WIDTHS) {
      expect(stripAnsi(wrap(coloured, width, '      ', `    ${red('+')} `))).toBe(wrap(words.join(' '), width, '      ', '    + '));
    }
  });
});

describe('colour on and off give the same lines', () => {
  beforeAll(() => ensureBuilt());

  it('in process, at every width', async () => {
    for (const argv of ADVICE) {
      for (const width of WIDTHS) {
        const plain = await cli(argv, { env: { NO_COLOR: '1' }, columns: width });
        const colour = await cli(argv, { env: { FORCE_COLOR: '1' }, columns: width });
        expect(plain.code).toBe(0);
        expect(colour.stdout).toMatch(/\x1b\[/);
        expect(lines(colour.stdout).length, `${argv.join(' ')} at ${width}`).toBe(lines(plain.stdout).length);
        expect(stripAnsi(colour.stdout)).toBe(plain.stdout);
        // The wide pack's reasons and caution fit the width, measured as a terminal shows them.
        for (const line of lines(plain.stdout).filter((l) => /\p{Script=Han}/u.test(l))) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
      }
    }
  });

  it('from the built binary', () => {
    for (const argv of ADVICE) {
      const plain = spawnCli(argv, { env: { NO_COLOR: '1' } });
      const colour = spawnCli(argv, { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
      expect(plain.code).toBe(0);
      expect(colour.stdout).toMatch(/\x1b\[/);
      expect(lines(colour.stdout).length, argv.join(' ')).toBe(lines(plain.stdout).length);
      expect(stripAnsi(colour.stdout)).toBe(plain.stdout);
    }
  });
});
