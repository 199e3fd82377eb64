/**
 * FASTA and FASTQ: number and lengths of the sequences, their alphabet (DNA, RNA, protein) and
 * labels written in the headers as label=VALUE (or class= / y= / target=). Sequence lines of
 * any length are counted piece by piece, never held.
 */
import { forEachLine } from './lines.js';
import { count, fmt, pct, type ReportBuilder, spread } from './report.js';
import { openSource } from './source.js';
import { LabelCounter, labeledCount, taskFromLabels } from './target.js';
import { alphabetOf } from './values.js';

const LABEL = /(?:^|[\s|;,])(?:label|class|y|target)=("?)([^\s|;,"]+)\1/i;
/** Lengths kept for the median; ids kept to find duplicates. */
const LENGTH_LIMIT = 1_000_000;
const ID_LIMIT = 200_000;

export class SequenceStats {
  count = 0;
  lengths: number[] = [];
  min = Number.POSITIVE_INFINITY;
  max = 0;
  residues = 0;
  empty = 0;
  letters = new Float64Array(128);
  labels = new LabelCounter();
  ids = new Set<string>();
  duplicateIds = 0;
  current = 0;
  /** Length of the last finished sequence. */
  last = 0;

  /** A header line (without its '>' or '@'). */
  header(text: string): void {
    this.count++;
    this.labels.add(LABEL.exec(text)?.[2]);
    const id = text.split(/\s/, 1)[0] ?? '';
    if (this.ids.has(id)) this.duplicateIds++;
    else if (this.ids.size < ID_LIMIT) this.ids.add(id);
  }

  residuesOf(buf: Uint8Array, start: number, end: number): void {
    const letters = this.letters;
    let n = 0;
    for (let i = start; i < end; i++) {
      const c = buf[i] ?? 0;
      if (c <= 32) continue;
      n++;
      if (c < 128) letters[c] = (letters[c] ?? 0) + 1;
    }
    this.current += n;
  }

  endSequence(): void {
    const n = this.current;
    this.current = 0;
    this.last = n;
    if (n === 0) this.empty++;
    this.min = Math.min(this.min, n);
    this.max = Math.max(this.max, n);
    this.residues += n;
    if (this.lengths.length < LENGTH_LIMIT) this.lengths.push(n);
  }
}

export async function inspectFasta(path: string, b: ReportBuilder): Promise<void> {
  b.format = 'fasta';
  const s = new SequenceStats();
  let lineStart = true;
  let skipRest = false;
  let stray = 0;
  const source = await openSource(path);
  try {
    await forEachLine(source, (buf, start, end, done) => {
      if (lineStart && buf[start] === 62) {
        if (s.count > 0) s.endSequence();
        s.header(buf.toString('utf8', start + 1, Math.min(end, start + 1000)));
        skipRest = !done;
      } else if (!skipRest) {
        if (s.count === 0 && end > start) stray++;
        else s.residuesOf(buf, start, end);
      }
      lineStart = done;
      if (done) skipRest = false;
    });
  } finally {
    await source.close();
  }
  if (s.count > 0) s.endSequence();
  if (stray > 0) b.warn('text-before-first-header', `${count(stray, 'line')} before the first '>' header ${stray === 1 ? 'was' : 'were'} ignored`);
  reportSequences(s, 'sequence', b);
}

export async function inspectFastq(path: string, b: ReportBuilder): Promise<void> {
  b.format = 'fastq';
  const s = new SequenceStats();
  let line = 0;
  let lineStart = true;
  let quality = 0;
  let minQuality = 255;
  let maxQuality = 0;
  let malformed = 0;
  let mismatched = 0;
  const source = await openSource(path);
  try {
    await forEachLine(source, (buf, start, end, done) => {
      const role = line % 4;
      if (role === 0 && lineStart) {
        if (buf[start] !== 64 && end > start) malformed++;
        s.header(buf.toString('utf8', start + 1, Math.min(end, start + 1000)));
      } else if (role === 1) s.residuesOf(buf, start, end);
      else if (role === 2 && lineStart && buf[start] !== 43) malformed++;
      else if (role === 3) {
        quality += end - start;
        for (let i = start; i < end && s.count < 10_000; i++) {
          minQuality = Math.min(minQuality, buf[i] ?? 255);
          maxQuality = Math.max(maxQuality, buf[i] ?? 0);
        }
      }
      lineStart = done;
      if (!done) return;
      if (role === 1) s.endSequence();
      if (role === 3 && quality !== s.last) mismatched++;
      if (role === 3) quality = 0;
      line++;
    });
  } finally {
    await source.close();
  }
  if (line % 4 !== 0) malformed++;
  if (malformed > 0)
    b.warn(
      'malformed-records',
      `${count(malformed, 'record')} ${malformed === 1 ? 'does' : 'do'} not follow the 4-line FASTQ layout (@header, sequence, +, quality)`,
    );
  if (mismatched > 0)
    b.warn('quality-length', `${count(mismatched, 'read')} ${mismatched === 1 ? 'has' : 'have'} a quality string of a different length than the sequence`);
  if (minQuality < 255) b.set('qualityEncoding', qualityEncoding(minQuality, maxQuality));
  reportSequences(s, 'read', b);
}

/** Phred+33 uses characters from '!' (33); Phred+64 (old Illumina) from '@' (64) up to 'h'. */
function qualityEncoding(min: number, max: number): string {
  if (min < 59) return 'Phred+33';
  if (max > 74) return 'Phred+64 (old Illumina)';
  return 'Phred+33 or Phred+64 (cannot tell)';
}

function reportSequences(s: SequenceStats, unit: 'sequence' | 'read', b: ReportBuilder): void {
  const { alphabet, other, total } = alphabetOf(s.letters);
  b.set(unit === 'read' ? 'reads' : 'sequences', s.count);
  b.set('alphabet', alphabet);
  b.set('lengths', s.count > 0 ? `${spread(s.lengths)} (min / median / max)` : '-');
  b.set('residues', s.residues);
  if (alphabet === 'DNA' || alphabet === 'RNA') {
    const at = (c: string) => s.letters[c.charCodeAt(0)] ?? 0;
    const gc = at('G') + at('C') + at('g') + at('c');
    b.set('gcContent', pct(gc, total));
  }
  const kind = alphabet === 'unknown' ? 'sequences in an unrecognised alphabet' : `${alphabet} ${unit}s`;
  b.infer(
    'modality',
    'biosequence',
    `${count(s.count, unit)}: ${kind} (${pct(total - other, total)} of the letters are ${alphabet === 'protein' ? 'amino-acid codes' : 'nucleotide codes'})`,
    alphabet === 'unknown' ? 'guess' : 'certain',
  );
  const labeled = labeledCount(s.labels);
  if (labeled === 0) {
    b.infer('labeled', 0, `no header carries a label (label=VALUE, class=VALUE, y=VALUE); if the labels are in another file, count them instead`, 'likely');
    b.infer('unlabeled', s.count, `the file holds ${count(s.count, unit)}`, 'likely');
    b.skip('task', `unlabelled ${unit}s: embeddings or pretraining (task: representation), generation, or add labels for classification/regression`);
  } else {
    b.infer('labeled', labeled, `${count(labeled, 'header')} carry a label=VALUE field`, 'certain');
    b.infer('unlabeled', s.count - labeled, `${count(s.count - labeled, 'header')} carry no label`, 'certain');
    const guess = taskFromLabels('the label in the headers', s.labels, unit);
    if (guess.task && guess.evidence) b.infer('task', guess.task, guess.evidence, 'likely');
    else b.skip('task', guess.why ?? 'the labels do not show the task');
    if (guess.ambiguous) b.warn('ambiguous-target', guess.why ?? '');
  }
  if (alphabet === 'unknown' && total > 0) b.warn('unknown-alphabet', 'the letters match neither nucleotide nor amino-acid codes');
  else if (other > 0.01 * total) b.warn('unexpected-characters', `${pct(other, total)} of the letters are not ${alphabet} codes`);
  if (s.empty > 0) b.warn('empty-sequences', `${count(s.empty, unit)} ${s.empty === 1 ? 'is' : 'are'} empty`);
  if (s.duplicateIds > 0)
    b.warn('duplicate-ids', `${count(s.duplicateIds, unit)} reuse an earlier ID${s.ids.size >= ID_LIMIT ? ` (among the first ${fmt(ID_LIMIT)} IDs)` : ''}`);
}
