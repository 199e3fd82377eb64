/**
 * The renderer registry: one renderer per output format, each drawing every document a command
 * prints. Commands pick a renderer by format and never test the format themselves. To add a
 * format, add it to FORMATS: `satisfies` then names every document the new renderer must draw.
 */
import type { Result } from '../knowledge/output.js';
import type { Method, Question, WorkReference } from '../knowledge/schema.js';
import { type ExplainLevel, renderExplain } from './explain.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderMethodList, renderMethodMarkdown, renderMethodText } from './method.js';
import { questionsJson, renderQuestionsText } from './questions.js';
import { type RuleList, renderRuleList, ruleListJson } from './rule-list.js';
import { plain, type Style } from './style.js';
import { renderText } from './text.js';

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** How the output is drawn: colours (plain unless the renderer is styled), columns, JSON layout. */
export interface View {
  style: Style;
  width: number;
  /** JSON: indented (for people on a terminal) or compact (piped). */
  pretty: boolean;
  /** How much of a result's `explain` the text shows (--explain: short, --explain=all: all). */
  explain?: ExplainLevel;
}

/** A command's own document: its JSON form, and its text for people. */
export interface Report {
  json: object;
  text: (view: View) => string;
}

export interface Renderer {
  /** Whether it draws in colour: the CLI loads a colour style only for renderers that do. */
  readonly styled: boolean;
  /** `questions`: those answered, for the summary line (see problemSummary). */
  advice(result: Result, view: View, questions: readonly Question[]): string;
  questions(questions: readonly Question[], view: View): string;
  methods(methods: readonly Method[], view: View): string;
  /** `works`: the references the card cites, in full (issue 13). */
  method(method: Method, view: View, works: readonly WorkReference[]): string;
  rules(list: RuleList, view: View): string;
  report(report: Report, view: View): string;
}

const text: Renderer = {
  styled: true,
  advice(result, view, questions) {
    const level = view.explain ?? 'short';
    const out = renderText(result, { style: view.style, width: view.width, questions, explain: result.explain ? level : undefined });
    if (!result.explain) return out;
    return `${out}\n${renderExplain(result, level, view.style, view.width)}`;
  },
  questions: (questions, view) => renderQuestionsText(questions, view.style, view.width),
  methods: (methods, view) => renderMethodList(methods, view.style, view.width),
  method: (method, view, works) => renderMethodText(method, view.style, view.width, works),
  // On a terminal, within its width; piped, one line a rule (for grep).
  rules: (list, view) => renderRuleList(list, view.style, view.pretty ? view.width : Number.POSITIVE_INFINITY),
  report: (report, view) => report.text(view),
};

const json: Renderer = {
  styled: false,
  advice: (result, view) => renderJson(result, view.pretty),
  questions: (questions, view) => renderJson(questionsJson(questions), view.pretty),
  methods: (methods, view) => renderJson({ schemaVersion: 1, methods }, view.pretty),
  method: (method, view, works) => renderJson({ schemaVersion: 1, method, references: works }, view.pretty),
  rules: (list, view) => renderJson(ruleListJson(list), view.pretty),
  report: (report, view) => renderJson(report.json, view.pretty),
};

/** Markdown where a document has a Markdown form; the others in plain text. */
const markdown: Renderer = {
  ...text,
  styled: false,
  advice(result, view, questions) {
    const out = renderMarkdown(result, questions);
    if (!result.explain) return out;
    return `${out}\n## Explanation\n\n\`\`\`text\n${renderExplain(result, view.explain ?? 'short', plain, 100)}\`\`\`\n`;
  },
  method: (method, _view, works) => renderMethodMarkdown(method, works),
};

export const renderers = { text, json, markdown } satisfies Record<Format, Renderer>;

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}
