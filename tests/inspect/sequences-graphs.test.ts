import { afterAll, describe, expect, it } from 'vitest';
import { inferredAnswers, inspectPath } from '../../src/inspect/index.js';
import { codes, Fixtures, inferred, rng, why } from './fixtures.js';

const fx = new Fixtures();
afterAll(() => fx.cleanup());

function randomSeq(letters: string, length: number, random: () => number): string {
  return Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join('');
}

describe('FASTA and FASTQ', () => {
  it('reads DNA sequences: count, lengths, alphabet; no labels -> labeled 0', async () => {
    const random = rng(1);
    const records = [120, 80, 100].map(
      (n, i) =>
        `>seq${i} chr1\n${randomSeq('ACGT', n, random)
          .match(/.{1,60}/g)
          ?.join('\n')}`,
    );
    const r = await inspectPath(fx.write('reads.fa', `${records.join('\n')}\n`));
    expect(r.format).toBe('fasta');
    expect(inferredAnswers(r)).toEqual({ modality: 'biosequence', kind: 'dna', labeled: 0, unlabeled: 3 });
    expect(inferred(r, 'modality')?.evidence).toBe('3 sequences: DNA sequences (100% of the letters are nucleotide codes)');
    expect(inferred(r, 'labeled')?.evidence).toContain('no header carries a label');
    expect(r.summary).toMatchObject({ sequences: 3, alphabet: 'DNA', lengths: '80 / 100 / 120 (min / median / max)', residues: 300 });
  });

  it('reads protein sequences with label= in the headers as classification', async () => {
    const random = rng(2);
    const records = Array.from({ length: 12 }, (_, i) => {
      const label = i < 10 ? ` label=${i % 2 ? 'enzyme' : 'binder'}` : '';
      return `>P${i}${label}\n${randomSeq('ACDEFGHIKLMNPQRSTVWY', 50 + i, random)}`;
    });
    const r = await inspectPath(fx.write('proteins.fasta', records.join('\n')));
    expect(r.summary.alphabet).toBe('protein');
    expect(inferredAnswers(r)).toEqual({ modality: 'biosequence', kind: 'protein', task: 'classification', labeled: 10, unlabeled: 2 });
  });

  it('reads RNA', async () => {
    const r = await inspectPath(fx.write('rna.fa', '>r1\nACGUACGUAGCU\n>r2\nGGCUAUUAGC\n'));
    expect(r.summary.alphabet).toBe('RNA');
  });

  it('reads FASTQ records with the quality encoding', async () => {
    const random = rng(3);
    const reads = Array.from({ length: 8 }, (_, i) => {
      const seq = randomSeq('ACGT', 30 + i, random);
      return `@read${i}\n${seq}\n+\n${'#F:I'.repeat(seq.length).slice(0, seq.length)}`;
    });
    const r = await inspectPath(fx.write('run.fastq', `${reads.join('\n')}\n`));
    expect(r.format).toBe('fastq');
    expect(inferredAnswers(r)).toEqual({ modality: 'biosequence', kind: 'dna', labeled: 0, unlabeled: 8 });
    expect(r.summary).toMatchObject({ reads: 8, alphabet: 'DNA', qualityEncoding: 'Phred+33' });
    expect(codes(r)).toEqual([]);
  });

  it('warns about malformed FASTQ and odd letters', async () => {
    const r = await inspectPath(fx.write('bad.fq', '@r1\nACGT\n+\nIII\n@r2\nAC12\n-\nIIII\n'));
    expect(codes(r)).toEqual(expect.arrayContaining(['malformed-records', 'quality-length']));
  });
});

describe('graphs and molecules', () => {
  it('reads an edge list (space separated, # comments)', async () => {
    const edges = ['# toy network', '1 2', '2 3', '3 1', '3 4', '4 4', '1 2'];
    const r = await inspectPath(fx.write('net.txt', `${edges.join('\n')}\n`));
    expect(r.format).toBe('edge-list');
    expect(inferredAnswers(r)).toEqual({ modality: 'graph', kind: 'network' });
    expect(inferred(r, 'modality')?.evidence).toBe('an edge list of 6 edges between 4 nodes');
    expect(r.summary).toMatchObject({ edges: 6, nodes: 4, weighted: 'no', meanDegree: 3 });
    expect(codes(r)).toEqual(['self-loops', 'duplicate-edges']);
    expect(why(r, 'task')).toContain('link prediction');
  });

  it('reads a weighted CSV edge list with a source,target header', async () => {
    const r = await inspectPath(fx.write('ppi.csv', 'source,target,weight\nTP53,MDM2,0.9\nMDM2,CDKN1A,0.4\nTP53,CDKN1A,0.7\n'));
    expect(r.format).toBe('edge-list');
    expect(r.summary).toMatchObject({ edges: 3, nodes: 3, weighted: 'yes' });
  });

  it('reads SMILES files as unlabelled molecules', async () => {
    const r = await inspectPath(fx.write('library.smi', 'CCO ethanol\nc1ccccc1 benzene\nCC(=O)O acetic\nnot$$smiles\n'));
    expect(r.format).toBe('smiles');
    expect(inferredAnswers(r)).toEqual({ modality: 'graph', kind: 'molecules', labeled: 0, unlabeled: 4 });
    expect(codes(r)).toEqual(['invalid-smiles']);
  });

  it('counts SDF records and reads a label-like data field', async () => {
    const mol = (name: string, activity?: string) =>
      `${name}\n  RDKit          2D\n\n  1  0  0  0  0  0  0  0  0  0999 V2000\n    0.0000    0.0000    0.0000 C   0  0\nM  END\n${activity === undefined ? '' : `> <activity>\n${activity}\n\n`}$$$$`;
    const r = await inspectPath(fx.write('actives.sdf', `${[mol('a', 'active'), mol('b', 'inactive'), mol('c', 'active'), mol('d')].join('\n')}\n`));
    expect(r.format).toBe('sdf');
    expect(inferredAnswers(r)).toEqual({ modality: 'graph', kind: 'molecules', task: 'classification', labeled: 3, unlabeled: 1 });
    expect(r.summary).toMatchObject({ molecules: 4, labelField: 'activity' });
  });

  it('counts GraphML nodes and edges, and node labels', async () => {
    const nodes = Array.from({ length: 5 }, (_, i) => `<node id="n${i}"><data key="d0">${i < 4 ? (i % 2 ? 'A' : 'B') : ''}</data></node>`);
    const xml = `<?xml version="1.0"?>\n<graphml><key id="d0" for="node" attr.name="label" attr.type="string"/>\n<graph edgedefault="undirected">\n${nodes.join('\n')}\n<edge source="n0" target="n1"/><edge source="n1" target="n2"/>\n</graph></graphml>\n`;
    const r = await inspectPath(fx.write('g.graphml', xml));
    expect(r.format).toBe('graphml');
    expect(r.summary).toMatchObject({ nodes: 5, edges: 2, graphs: 1, directed: 'no', nodeAttributes: 'label' });
    expect(inferredAnswers(r)).toEqual({ modality: 'graph', kind: 'network', task: 'classification', labeled: 4, unlabeled: 1 });
  });
});
