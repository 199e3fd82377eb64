/** What the table formats (CSV, TSV, JSON Lines) hand to the table inference. */
import type { ColumnProfile } from './columns.js';
import { fmt } from './report.js';
import type { LabelCounts, TargetChoice } from './target.js';

export interface TableFacts {
  names: string[];
  profiles: ColumnProfile[];
  sample: string[][];
  /** The sample is every row. */
  sampleComplete: boolean;
  /** Data rows (exact), including rows too long to analyse. */
  rows: number;
  /** Rows counted but not analysed (too long). */
  skippedRows: number;
  /** Exact empty cells per column, when the full pass counted them. */
  empties?: number[];
  target?: TargetChoice & { labels: LabelCounts };
}

/** " (in the first 20,000 rows)" when the sample is not the whole table. */
export function sampleScope(facts: TableFacts): string {
  return facts.sampleComplete ? '' : ` (in the first ${fmt(facts.sample.length)} rows)`;
}
