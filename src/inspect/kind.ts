/**
 * The `kind` answer where the reader's facts show it without format-specific code (issue 18,
 * item 3): molecules from SMILES and SDF, one network from an edge list or a single-graph
 * GraphML file, and protein, DNA or RNA from the alphabet of biosequences. Readers that see more
 * (array shapes, DICOM series) infer `kind` themselves; this pass never overrides them.
 */
import { count, fmt, type ReportBuilder } from './report.js';

const ALPHABET_KIND: Record<string, string> = { protein: 'protein', DNA: 'dna', RNA: 'rna' };

export function inferKind(b: ReportBuilder): void {
  if (b.has('kind')) return;
  const modality = b.value('modality');
  const s = b.summary;
  if (modality === 'graph') {
    if (b.format === 'smiles' || b.format === 'sdf' || s.molecules !== undefined) {
      const n = Number(s.molecules ?? s.records ?? s.rows ?? 0);
      b.infer(
        'kind',
        'molecules',
        n > 0 ? `${count(n, 'molecule')}, each a small graph of atoms and bonds` : 'molecules: small graphs of atoms and bonds',
        'likely',
      );
    } else if (b.format === 'edge-list' || (b.format === 'graphml' && Number(s.graphs ?? 1) <= 1)) {
      const nodes = typeof s.nodes === 'number' ? fmt(s.nodes) : String(s.nodes ?? 'many');
      b.infer('kind', 'network', `one network of ${nodes} nodes: predictions are about its nodes or links`, 'likely');
    }
  } else if (modality === 'biosequence') {
    const kind = ALPHABET_KIND[String(s.alphabet ?? '')];
    if (kind) b.infer('kind', kind, `the sequences use the ${String(s.alphabet)} alphabet`, 'likely');
  }
  if (!b.has('kind') && typeof modality === 'string' && WITH_KINDS.has(modality))
    b.skip('kind', `the data does not show which kind of ${modality} data this is (see dl-advisor questions: kind)`);
}

const WITH_KINDS = new Set(['graph', 'time-series', 'image', 'biosequence']);
