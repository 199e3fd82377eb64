/**
 * docs/mcp.md: the tools and their arguments (scripts/mcp-reference.ts, from the schemas the
 * server lists), then a real exchange with `dl-advisor mcp`, driven by the official SDK's Client
 * over stdio against the built binary. Run: npm run mcp:transcript (after npm run build); it
 * writes docs/mcp.md (`--stdout` prints it instead). Nothing here is invented: every line is what
 * the server answered.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { toolReference } from './mcp-reference.js';

const bin = new URL('../bin/dl-advisor.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dl-advisor-mcp-'));
const csv = join(dir, 'assay.csv');
// A small assay table: 240 compounds, a few measured properties, a binary outcome.
const rows = ['compound_id,logp,mw,tpsa,hbd,active'];
for (let i = 0; i < 240; i++) rows.push(`C${1000 + i},${((i * 37) % 50) / 10},${200 + ((i * 53) % 300)},${(i * 7) % 120},${i % 5},${i % 3 === 0 ? 1 : 0}`);
writeFileSync(csv, `${rows.join('\n')}\n`);

const transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp'], stderr: 'inherit' });
const client = new Client({ name: 'transcript', version: '1' });
await client.connect(transport);

const out: string[] = [];
const show = (title: string, body: string) => out.push(`>>> ${title}`, body.trimEnd(), '');
const text = (r: unknown) => (((r as { content?: unknown }).content as { type: string; text: string }[] | undefined) ?? []).map((c) => c.text).join('\n');
const first = (s: string, n: number) => s.split('\n').slice(0, n).join('\n') + (s.split('\n').length > n ? '\n  …' : '');

const { tools } = await client.listTools();
show('tools/list', tools.map((t) => `${t.name}: ${(t.description ?? '').split(/(?<=\.) /)[0]}`).join('\n'));

const questions = await client.callTool({ name: 'questions', arguments: {} });
const answerIds = (questions.structuredContent as { questions: { id: string }[] }).questions.map((q) => q.id);
show('tools/call questions {}', first(text(questions), 12));

const args = { modality: 'tabular', task: 'classification', labeled: 240, features: 5, goal: 'understanding' };
const advise = await client.callTool({ name: 'advise', arguments: args });
const doc = advise.structuredContent as { recommendation: { primary: { id: string; score: number } } };
show(`tools/call advise ${JSON.stringify(args)}`, first(text(advise), 24));
show('  structuredContent.recommendation.primary', JSON.stringify(doc.recommendation.primary).slice(0, 200));

const precedentArgs = { modality: 'tabular', task: 'classification', result: 'negative', limit: 2 };
const precedents = await client.callTool({ name: 'precedents', arguments: precedentArgs });
show(`tools/call precedents ${JSON.stringify(precedentArgs)}`, text(precedents));

const inspect = await client.callTool({ name: 'inspect', arguments: { path: csv, target: 'active' } });
show('tools/call inspect { path: "assay.csv", target: "active" }', first(text(inspect).replaceAll(dir, '.'), 20));

const starter = await client.callTool({ name: 'starter', arguments: { data: csv, target: 'active', out: join(dir, 'first-try') } });
const starterLines = text(starter).replaceAll(dir, '.').trimEnd().split('\n');
show('tools/call starter { data: "assay.csv", target: "active", out: "first-try" }', ['  …', ...starterLines.slice(-7)].join('\n'));

const bad = await client.callTool({ name: 'advise', arguments: { modality: 'tabluar', task: 'classification', labeled: 240 } });
show('tools/call advise { modality: "tabluar", … }', `isError: ${String(bad.isError)}\n${text(bad)}`);

await client.close();
rmSync(dir, { recursive: true, force: true });

const page = `# \`dl-advisor mcp\`: the tools, and a real exchange

This page is written by \`npm run mcp:transcript\` (\`scripts/mcp-transcript.ts\`), which starts the
built \`bin/dl-advisor.js mcp\` and drives it with the official SDK's \`Client\` over stdio, as Claude
Desktop, Claude Code, VS Code or Cursor do. Regenerate it after changing a tool: nothing below is
written by hand, and \`tests/e2e/mcp.test.ts\` fails when the tool reference is not what the server lists.
\`dl-advisor mcp --rules PATH\` adds a pack's questions to the answers of \`advise\` and \`starter\`, its
method ids to \`methods\`, and its precedents to \`advise\` and \`precedents\`.

## Tools and their arguments

${toolReference(tools, answerIds)}
## A real exchange

Each block is one request and what the server answered (long answers are cut with \`…\`; the CSV
is a generated 240-row assay table).

\`\`\`text
${out.join('\n').trimEnd()}
\`\`\`
`;
const target = new URL('../docs/mcp.md', import.meta.url).pathname;
if (process.argv.includes('--stdout')) process.stdout.write(page);
else if (readFileSync(target, 'utf8') !== page) {
  writeFileSync(target, page);
  process.stderr.write('wrote docs/mcp.md\n');
} else process.stderr.write('docs/mcp.md is up to date\n');
