/**
 * Recipes in the text and Markdown reports (issue 13): the primary's recipe in full right under
 * "Start with", each runner-up's recipe as one line. Pure. text.ts and markdown.ts only call
 * these hooks, so that the report layout can change around them.
 */
import type { RankedModel, RecipeOut } from '../knowledge/output.js';
import type { Style } from './style.js';
import { NBSP, wrap } from './wrap.js';

/** Numbers a source once per report (text.ts's SourceList). */
export interface SourceNumbers {
  ref(source: string): number;
}

/** The primary's recipe as indented lines of the text report. */
export function recipeTextLines(recipe: RecipeOut | undefined, width: number, s: Style, sources: SourceNumbers): string[] {
  if (!recipe) return [];
  const out: string[] = [];
  const para = (label: string, text: string) => out.push(wrap(`${s.bold(label)} ${text}`, width, '      ', '    '));
  out.push(wrap(`${s.bold('Recipe:')} ${recipe.summary} ${s.dim(`[${recipe.id};${NBSP}${sources.ref(recipe.source)}]`)}`, width, '      ', '    '));
  para('Input:', recipe.representation);
  out.push(`    ${s.bold('Steps:')}`);
  recipe.steps.forEach((step, i) => out.push(wrap(step, width, '         ', `      ${i + 1}. `)));
  para('First settings:', recipe.settings.join('; '));
  para('Install:', recipe.libraries.map((l) => l.install).join(' · '));
  para('Evaluate:', `${recipe.evaluation.split} split, ${recipe.evaluation.metric}. ${recipe.evaluation.why}`);
  if (recipe.baseline) para('Run beside it:', recipe.baseline);
  if (recipe.license) out.push(wrap(`${s.yellow('!')} ${s.bold('License:')} ${recipe.license}`, width, '      ', '    '));
  return out;
}

/** A runner-up's recipe in one line. */
export function alternativeRecipeText(alt: RankedModel, width: number, s: Style): string[] {
  if (!alt.recipe) return [];
  return [wrap(`${s.dim('recipe:')} ${alt.recipe.summary}`, width, '        ', '      ')];
}

/** The primary's recipe as a Markdown section. */
export function recipeMarkdown(recipe: RecipeOut | undefined): string[] {
  if (!recipe) return [];
  const out = [
    '',
    `### Recipe: ${recipe.summary}`,
    '',
    `- **Input:** ${recipe.representation}`,
    `- **Steps:**`,
    ...recipe.steps.map((step, i) => `  ${i + 1}. ${step}`),
    `- **First settings:** ${recipe.settings.join('; ')}`,
    `- **Install:** ${recipe.libraries.map((l) => `\`${l.install}\``).join(', ')}`,
    `- **Evaluate:** ${recipe.evaluation.split} split; ${recipe.evaluation.metric}. ${recipe.evaluation.why}`,
  ];
  if (recipe.baseline) out.push(`- **Run beside it:** ${recipe.baseline}`);
  if (recipe.license) out.push(`- ⚠️ **License:** ${recipe.license}`);
  out.push(`- _Recipe \`${recipe.id}\`; ${recipe.source}_`);
  return out;
}

/** The runners-up's recipes as a Markdown list (after their table). */
export function alternativesRecipesMarkdown(alternatives: readonly RankedModel[]): string[] {
  const withRecipe = alternatives.filter((a) => a.recipe);
  if (withRecipe.length === 0) return [];
  return ['', ...withRecipe.map((a) => `- **${a.name}:** ${a.recipe?.summary} (\`${a.recipe?.id}\`; ${a.recipe?.evaluation.split} split)`)];
}
