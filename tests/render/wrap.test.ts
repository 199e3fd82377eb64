/**
 * wrap(): the narrow fast path (plain one-column text, words one space apart, cut out by slices)
 * gives the lines of the word-by-word path (wrapWords), the reference here.
 */
import { describe, expect, it } from 'vitest';
import { NBSP, wrapWords as reference, wrap } from '../../src/render/wrap.js';
import { seeded as random } from '../helpers/random.js';

const PIECES = ['a', 'ab', 'word', 'transformer', 'x'.repeat(45), `[rule;${NBSP}3]`, '·', '−', '█░', '•', '(+2', 'more)', 'ResNet-50'];

describe('wrap', () => {
  it('gives the reference lines on 5,000 generated paragraphs of plain text', () => {
    const next = random(7);
    for (let n = 0; n < 5000; n++) {
      const words = Array.from({ length: Math.floor(next() * 30) }, () => PIECES[Math.floor(next() * PIECES.length)] ?? 'a');
      // Some with a leading or trailing space, which the fast path skips like the reference.
      const text = `${next() < 0.1 ? ' ' : ''}${words.join(' ')}${next() < 0.1 ? ' ' : ''}`;
      const width = 10 + Math.floor(next() * 80);
      const indent = ' '.repeat(Math.floor(next() * 8));
      const first = next() < 0.5 ? indent : `  ${PIECES[Math.floor(next() * 4)]} `;
      expect(wrap(text, width, indent, first), JSON.stringify({ text, width, indent, first })).toBe(reference(text, width, indent, first));
    }
  });

  it('wraps what the fast path leaves to the word-by-word path: runs of spaces, newlines, colour codes', () => {
    expect(wrap('two  spaces  here and there', 12, '  ', '- ')).toBe('- two spaces\n  here and\n  there');
    expect(wrap('a line\nand another\tone', 12, '  ', '- ')).toBe('- a line and\n  another\n  one');
    // Colour codes take no columns: "- bold words" is 12 columns wide.
    expect(wrap('\x1b[1mbold\x1b[22m words that wrap around', 12, '  ', '- ')).toBe('- \x1b[1mbold\x1b[22m words\n  that wrap\n  around');
  });

  it('keeps a word longer than the width on a line of its own and an empty paragraph as its indent', () => {
    expect(wrap('short averyveryverylongword end', 10, '  ')).toBe('  short\n  averyveryverylongword\n  end');
    expect(wrap('', 10, '  ', '- ')).toBe('- ');
    expect(wrap('   ', 10, '  ', '- ')).toBe('- ');
  });
});
