/** A single plain-text file (a document or a corpus): lines, words and encoding. */
import { isUtf8 } from 'node:buffer';
import { forEachLine } from './lines.js';
import { count, type ReportBuilder } from './report.js';
import { openSource } from './source.js';

export async function inspectText(path: string, b: ReportBuilder): Promise<void> {
  b.format = 'text';
  let lines = 0;
  let words = 0;
  let invalid = 0;
  let lineStart = true;
  const source = await openSource(path);
  let bytes = 0;
  try {
    bytes = await forEachLine(source, (buf, start, end, done) => {
      if (lineStart) lines++;
      lineStart = done;
      let inWord = false;
      for (let i = start; i < end; i++) {
        const space = (buf[i] ?? 0) <= 32;
        if (!space && !inWord) words++;
        inWord = !space;
      }
      if (!isUtf8(buf.subarray(start, end))) invalid++;
    });
  } finally {
    await source.close();
  }
  b.set('lines', lines);
  b.set('words', words);
  b.set('bytes', bytes);
  b.infer('modality', 'text', `plain text: ${count(words, 'word')} on ${count(lines, 'line')}`, 'likely');
  b.skip(
    'task',
    'a text file alone does not show what to predict; for labelled documents use a folder with one subfolder per class, or a JSON Lines file with a text and a label field',
  );
  b.skip('labeled', 'a plain text file carries no labels');
  if (invalid > 0)
    b.warn('invalid-utf8', `${count(invalid, 'line')} ${invalid === 1 ? 'is' : 'are'} not valid UTF-8: convert the file (iconv -f latin1 -t utf-8)`);
}
