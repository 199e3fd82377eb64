/**
 * `dl-advisor mcp` driven by the official SDK's own Client over stdio, against the built binary:
 * what an assistant (Claude Desktop, VS Code, Cursor, ...) does when given `npx dl-advisor mcp`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toolReference } from '../../scripts/mcp-reference.js';
import { packageRoot } from '../../src/knowledge/paths.js';
import { cli } from '../helpers/io.js';
import { BIN, ensureBuilt } from '../helpers/spawn.js';

type Case = { id: string; answers: Record<string, unknown> };
const cases: Case[] = ['dev', 'literature'].flatMap((f) => parse(readFileSync(`${packageRoot()}rules/tests/${f}.cases.yaml`, 'utf8')) as Case[]);

let client: Client;
let stderr = '';

async function connect(args: string[] = []): Promise<Client> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', ...args], stderr: 'pipe', env: { PATH: process.env.PATH ?? '' } });
  transport.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const c = new Client({ name: 'dl-advisor-tests', version: '0' });
  await c.connect(transport);
  return c;
}

const text = (r: unknown) => (((r as { content?: unknown }).content as { type: string; text: string }[])[0] ?? { text: '' }).text;

beforeAll(async () => {
  ensureBuilt();
  client = await connect();
}, 30_000);
afterAll(async () => {
  await client?.close();
});

describe('dl-advisor mcp', () => {
  it('lists the tools with input and output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['advise', 'questions', 'methods', 'inspect', 'precedents', 'starter']);
    const advise = tools.find((t) => t.name === 'advise');
    const props = advise?.inputSchema.properties as Record<string, { enum?: string[] }>;
    expect(props.modality?.enum).toContain('time-series');
    expect(props.explain).toBeDefined();
    expect(advise?.description).toMatch(/labeled \(a count/);
    expect(advise?.outputSchema?.type).toBe('object');
  });

  it('advise gives the same document as the CLI, for every rule case', async () => {
    for (const c of cases) {
      const r = await client.callTool({ name: 'advise', arguments: c.answers });
      expect(r.isError, `${c.id}: ${text(r)}`).toBeFalsy();
      const args = Object.entries(c.answers).map(([k, v]) => `--answer=${k}=${String(v)}`);
      const fromCli = await cli([...args, '--format', 'json', '--no-input']);
      expect(fromCli.code, c.id).toBe(0);
      // The in-process CLI of the tests reports a test version; everything else must be equal.
      const doc = JSON.parse(fromCli.stdout) as { tool: { version: string } };
      const served = r.structuredContent as { tool: { version: string } };
      expect({ ...served, tool: { ...served.tool, version: doc.tool.version } }, c.id).toEqual(doc);
      expect(text(r)).toContain('Start with:');
    }
  }, 60_000);

  it('advise with explain adds the explanation', async () => {
    const r = await client.callTool({ name: 'advise', arguments: { modality: 'tabular', task: 'regression', labeled: '1.2k', explain: true } });
    expect((r.structuredContent as { explain?: unknown }).explain).toBeDefined();
  });

  it('precedents: the CLI documents for one entry and a filtered list; advise takes how many to show', async () => {
    const one = await client.callTool({ name: 'precedents', arguments: { id: 'esteva-2017-skin-lesions' } });
    expect(one.structuredContent).toEqual(JSON.parse((await cli(['precedents', 'esteva-2017-skin-lesions', '--json'])).stdout));
    expect(text(one)).toContain('https://doi.org/10.1038/nature21056');
    const list = await client.callTool({ name: 'precedents', arguments: { modality: 'graph', result: 'negative', limit: 3 } });
    expect(list.structuredContent).toEqual(
      JSON.parse((await cli(['precedents', '--modality', 'graph', '--result', 'negative', '--limit', '3', '--json'])).stdout),
    );
    const bad = await client.callTool({ name: 'precedents', arguments: { id: 'esteva-2017' } });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(/unknown precedent "esteva-2017"; close ids: esteva-2017-skin-lesions/);
    const five = await client.callTool({ name: 'advise', arguments: { modality: 'image', task: 'classification', labeled: 900, precedents: 5 } });
    expect((five.structuredContent as { precedents: unknown[] }).precedents).toHaveLength(5);
    const none = await client.callTool({ name: 'advise', arguments: { modality: 'image', task: 'classification', labeled: 900, precedents: 0 } });
    expect(none.structuredContent).not.toHaveProperty('precedents');
  });

  it('docs/mcp.md documents every tool and argument the server lists (npm run mcp:transcript writes it)', async () => {
    const { tools } = await client.listTools();
    const questions = await client.callTool({ name: 'questions', arguments: {} });
    const ids = (questions.structuredContent as { questions: { id: string }[] }).questions.map((q) => q.id);
    const page = readFileSync(`${packageRoot()}docs/mcp.md`, 'utf8');
    const section = /\n## Tools and their arguments\n\n([\s\S]*?)\n## A real exchange\n/.exec(page)?.[1];
    expect(section, 'docs/mcp.md is out of date: run npm run build && npm run mcp:transcript').toBe(toolReference(tools, ids));
    expect(section).toContain('| `sheet` | string | With data, an Excel workbook: the sheet to read');
  });

  it('questions, methods and inspect return the CLI documents', async () => {
    const q = await client.callTool({ name: 'questions', arguments: {} });
    expect(q.structuredContent).toEqual(JSON.parse((await cli(['questions', '--json'])).stdout));
    const m = await client.callTool({ name: 'methods', arguments: { id: 'transfer-learning' } });
    expect(m.structuredContent).toEqual(JSON.parse((await cli(['methods', 'transfer-learning', '--json'])).stdout));
    const all = await client.callTool({ name: 'methods', arguments: {} });
    expect((all.structuredContent as { methods: unknown[] }).methods.length).toBeGreaterThan(20);

    const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-mcp-'));
    const rows = ['age,dose,outcome', ...Array.from({ length: 60 }, (_, i) => `${20 + i},${i % 7},${i % 3 === 0 ? 'yes' : 'no'}`)];
    writeFileSync(join(dir, 'patients.csv'), `${rows.join('\n')}\n`);
    const i = await client.callTool({ name: 'inspect', arguments: { path: join(dir, 'patients.csv'), target: 'outcome' } });
    expect(i.isError, text(i)).toBeFalsy();
    // The same document, but for tool.version (the in-process CLI of the tests says 9.9.9-test).
    const inspected = JSON.parse((await cli(['inspect', join(dir, 'patients.csv'), '--target', 'outcome', '--json'])).stdout);
    expect(i.structuredContent).toEqual({ ...inspected, tool: (i.structuredContent as { tool: unknown }).tool });
    const a = await client.callTool({ name: 'advise', arguments: { data: join(dir, 'patients.csv'), target: 'outcome' } });
    expect(a.isError, text(a)).toBeFalsy();
    expect((a.structuredContent as { answers: Record<string, unknown> }).answers).toMatchObject({ modality: 'tabular', task: 'classification', labeled: 60 });
  });

  it('inspect and advise take sheet for an Excel workbook, as the CLI does', async () => {
    const workbook = `${packageRoot()}tests/inspect/fixtures/formats/assay.xlsx`;
    const i = await client.callTool({ name: 'inspect', arguments: { path: workbook, sheet: 'summary' } });
    expect(i.isError, text(i)).toBeFalsy();
    expect((i.structuredContent as { summary: Record<string, unknown> }).summary).toMatchObject({ sheet: 'Summary', columns: 2 });
    const a = await client.callTool({ name: 'advise', arguments: { data: workbook, sheet: 'Summary', task: 'regression', labeled: 1 } });
    expect(a.isError, text(a)).toBeFalsy();
    expect((a.structuredContent as { answers: Record<string, unknown> }).answers).toMatchObject({ modality: 'tabular', features: 2 });
    const unknown = await client.callTool({ name: 'advise', arguments: { data: workbook, sheet: 'Results' } });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toContain("no sheet 'Results' for --sheet; the sheets are 'Empty', 'Measurements', 'Summary'");
  });

  it('starter writes a first experiment into a new folder, and never into one that has files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-mcp-starter-'));
    const rows = ['patient_id,age,dose,outcome', ...Array.from({ length: 60 }, (_, i) => `P${i % 15},${20 + i},${i % 7},${i % 3 === 0 ? 'yes' : 'no'}`)];
    writeFileSync(join(dir, 'patients.csv'), `${rows.join('\n')}\n`);
    const out = join(dir, 'first-try');
    const r = await client.callTool({ name: 'starter', arguments: { data: join(dir, 'patients.csv'), target: 'outcome', out } });
    expect(r.isError, text(r)).toBeFalsy();
    const doc = r.structuredContent as { starter: { dir: string; files: string[] } };
    expect(doc.starter).toMatchObject({ dir: out, files: ['README.md', 'requirements.txt', 'run.py', 'config.json'] });
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))).toMatchObject({ group: 'patient_id', split: 'grouped', target: 'outcome' });
    expect(text(r)).toContain(`Run it: python3 ${out}/run.py`);
    writeFileSync(join(out, 'run.py'), 'mine');
    const again = await client.callTool({ name: 'starter', arguments: { modality: 'tabular', task: 'regression', labeled: 50, out } });
    expect(again.isError).toBe(true);
    expect(text(again)).toMatch(/the folder is not empty/);
    expect(readFileSync(join(out, 'run.py'), 'utf8')).toBe('mine');
  });

  it('method cards are resources; the walkthrough is a prompt', async () => {
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toContain('dl-advisor://methods/cnn');
    const card = await client.readResource({ uri: 'dl-advisor://methods/cnn' });
    expect((card.contents[0] as { text: string }).text).toMatch(/^# Convolutional/);
    await expect(client.readResource({ uri: 'dl-advisor://methods/nope' })).rejects.toThrow(/unknown resource/);
    const p = await client.getPrompt({ name: 'walkthrough', arguments: { problem: '300 ECG recordings' } });
    const body = ((p.messages[0] ?? { content: { text: '' } }).content as { text: string }).text;
    expect(body).toContain('300 ECG recordings');
    expect(body).toContain('labeled:');
  });

  it('bad calls are tool errors naming the key, the value and what is allowed', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['advise', { modality: 'imag', task: 'classification', labeled: 9 }, /modality: "imag" is not allowed; allowed: tabular, image/],
      ['advise', { modality: 'image', task: 'classification', labeled: -3 }, /labeled/],
      ['advise', { modality: 'image', task: 'classification', labeled: 9, colour: 'red' }, /colour/],
      ['advise', { modality: 'image' }, /missing required answers: task \(--task <value>\), labeled \(--labeled <value>\)/],
      ['advise', { modality: 'image', task: 'classification', labeled: 9, explain: 'yes' }, /explain: "yes" is not allowed/],
      ['advise', { modality: 'image', task: 'classification', labeled: 9, target: 'y' }, /target is used only with data/],
      ['advise', { modality: 'image', task: 'classification', labeled: 9, sheet: 'Summary' }, /sheet is used only with data/],
      ['methods', { id: 'cnnn' }, /id: "cnnn" is not allowed; allowed: .*cnn/],
      ['inspect', {}, /path: undefined is not allowed/],
      ['inspect', { path: 'https://example.org/x.csv' }, /is a URL/],
      ['inspect', { path: '/nonexistent/x.csv' }, /nonexistent/],
      ['nope', {}, /unknown tool "nope"; tools: advise, questions, methods, inspect, precedents, starter/],
      ['starter', { modality: 'image', task: 'classification', labeled: 9 }, /out: undefined is not allowed; allowed: the path of a new or empty folder/],
    ];
    for (const [name, args, message] of cases) {
      const r = await client.callTool({ name, arguments: args });
      expect(r.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(text(r)).toMatch(message);
    }
  });

  it('survives a hundred bad calls and still answers', async () => {
    for (let n = 0; n < 100; n++) {
      const r = await client.callTool({ name: n % 2 ? 'advise' : 'methods', arguments: n % 2 ? { modality: n, labeled: 'many' } : { id: `x${n}` } });
      expect(r.isError).toBe(true);
    }
    const ok = await client.callTool({ name: 'advise', arguments: { modality: 'text', task: 'classification', labeled: 5000 } });
    expect(ok.isError).toBeFalsy();
    expect(stderr).not.toMatch(/internal error/);
  }, 30_000);
});

describe('dl-advisor mcp as a process', () => {
  function start(args: string[] = []): ChildProcess {
    return spawn(process.execPath, [BIN, 'mcp', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
  }
  /** Starts the server with `args`, closes its input and waits for it to exit: its exit code and standard error. */
  async function refused(args: string[]): Promise<{ code: number | null; err: string }> {
    const child = start(args);
    let err = '';
    child.stderr?.on('data', (d) => {
      err += String(d);
    });
    child.stdin?.end();
    const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
    return { code, err };
  }

  const init = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  });

  it('answers after malformed messages, writes only protocol messages to stdout, and exits 0 when stdin closes', async () => {
    const child = start();
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.stdin?.write('this is not json\n{"jsonrpc":"2.0"}\n[1,2\n');
    child.stdin?.write(`${init}\n`);
    child.stdin?.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' })}\n`);
    await new Promise<void>((done) => {
      const t = setInterval(() => {
        if (out.includes('"id":2')) {
          clearInterval(t);
          done();
        }
      }, 20);
    });
    child.stdin?.end();
    expect(await exited).toBe(0);
    const lines = out.trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.some((l) => l.includes('"advise"'))).toBe(true);
  }, 20_000);

  it('an invalid rule pack stops it before serving, with exit 2 and the file named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-mcp-pack-'));
    writeFileSync(join(dir, 'bad.yaml'), 'pack: x\nrules: 3\n');
    const { code, err } = await refused(['--rules', join(dir, 'bad.yaml')]);
    expect(code).toBe(2);
    expect(err).toContain('bad.yaml');
  }, 20_000);

  it("advise and precedents include the precedents of the server's rule packs", async () => {
    const packs = ['--rules', `${packageRoot()}examples/lab-pack`, '--rules', `${packageRoot()}tests/fixtures/precedent-packs/lab-precedents`];
    const c = await connect(packs);
    const answers = { modality: 'biosequence', kind: 'protein', task: 'classification', labeled: 2000, pretrained: 'yes', inHouseModel: 'yes' };
    const r = await c.callTool({ name: 'advise', arguments: answers });
    expect(r.isError, text(r)).toBeFalsy();
    const ids = (r.structuredContent as { precedents: { id: string }[] }).precedents.map((p) => p.id);
    expect(ids[0]).toBe('fixture-2024-foldlm-stability');
    expect(text(r)).toContain('FIXTURE: FoldLM embeddings for protein stability');
    // The same document as the CLI with the same packs (but the version of the in-process CLI).
    const args = Object.entries(answers).map(([k, v]) => `--answer=${k}=${String(v)}`);
    const doc = JSON.parse((await cli([...packs, ...args, '--format', 'json', '--no-input'])).stdout) as { tool: { version: string } };
    const served = r.structuredContent as { tool: { version: string } };
    expect({ ...served, tool: { ...served.tool, version: doc.tool.version } }).toEqual(doc);
    const one = await c.callTool({ name: 'precedents', arguments: { id: 'fixture-2024-foldlm-binding' } });
    expect(one.isError, text(one)).toBeFalsy();
    expect(one.structuredContent).toEqual(JSON.parse((await cli(['precedents', 'fixture-2024-foldlm-binding', ...packs, '--json'])).stdout));
    const list = await c.callTool({ name: 'precedents', arguments: { modality: 'biosequence', kind: 'protein', task: 'regression' } });
    expect((list.structuredContent as { precedents: { id: string }[] }).precedents.map((p) => p.id)).toContain('fixture-2024-foldlm-binding');
    await c.close();
    // Without the packs the entry is not there.
    const plain = await client.callTool({ name: 'precedents', arguments: { id: 'fixture-2024-foldlm-binding' } });
    expect(plain.isError).toBe(true);
    expect(text(plain)).toMatch(/^unknown precedent "fixture-2024-foldlm-binding"/);
  }, 20_000);

  it('a broken pack precedent file stops it before serving, with exit 2 and file:line:column', async () => {
    const { code, err } = await refused(['--rules', `${packageRoot()}tests/fixtures/precedent-packs/bad`]);
    expect(code).toBe(2);
    expect(err).toMatch(/bad\/precedents\/a-schema\.yaml:5:5: precedents\[0\]\.doi: not a DOI/);
  }, 20_000);

  it('serves the questions a rule pack adds', async () => {
    const c = await connect(['--rules', `${packageRoot()}examples/lab-pack`]);
    const { tools } = await c.listTools();
    const props = tools.find((t) => t.name === 'advise')?.inputSchema.properties as Record<string, unknown>;
    expect(Object.keys(props)).toContain('inHouseModel');
    await c.close();
  }, 20_000);
});
