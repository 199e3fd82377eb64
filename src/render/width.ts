/**
 * The visible width of text on a terminal: ANSI colour codes take no columns, wide and
 * zero-width characters are measured by string-width.
 *
 * string-width builds an Intl.Segmenter and Unicode-property regular expressions when it loads
 * and first runs (measured on this machine: 17-50 ms, a third of a run), and nearly all of what
 * dl-advisor prints never needs it. So it loads on demand: `visibleWidth` answers at once for
 * text made only of characters that string-width itself measures as one column each (tests
 * check every one of them against string-width), and `measured` renders again, with
 * string-width loaded, when some text held anything else.
 */
import stripAnsi from 'strip-ansi';

/**
 * Characters that are one column each and never join into a wider cluster: printable ASCII,
 * Latin letters and symbols (no soft hyphen), punctuation (no zero-width or direction marks),
 * arrows and mathematical operators, box drawing, blocks and geometric shapes, and the check
 * and cross marks the renderers draw.
 */
const NARROW = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u2319\u2500-\u25fc\u2713\u2717]*$/;

let full: ((text: string) => number) | undefined;
let missed = false;

/** Columns that `text` takes on a terminal, colour codes excluded. */
export function visibleWidth(text: string): number {
  const visible = stripAnsi(text);
  if (NARROW.test(visible)) return visible.length;
  if (full) return full(visible);
  missed = true;
  let n = 0;
  for (const _ of visible) n++;
  return n;
}

/**
 * Runs a (synchronous) render; if it measured text that needs string-width, loads string-width
 * and runs the render again, so that the output is measured exactly either way.
 */
export async function measured(render: () => string): Promise<string> {
  missed = false;
  const first = render();
  if (!missed) return first;
  await loadFullWidth();
  return render();
}

/** Loads string-width for `visibleWidth` (tests call it to compare the two measures). */
export async function loadFullWidth(): Promise<void> {
  full ??= (await import('string-width')).default;
}

/** For tests: whether `text` is measured without string-width. */
export function isNarrow(text: string): boolean {
  return NARROW.test(stripAnsi(text));
}

/** Whether `text` is narrow and has no colour codes: then its width is its length (NARROW has no ESC). */
export function isPlainNarrow(text: string): boolean {
  return NARROW.test(text);
}
