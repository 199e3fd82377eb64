/**
 * Rule tests: one case (answers -> expected advice) checked against a result. Pure, so that
 * `rules test`, the test suite and the exhaustive check share it.
 */
import type { Result } from '../knowledge/output.js';
import type { TestCase } from '../knowledge/schema.js';

export interface CaseOutcome {
  id: string;
  passed: boolean;
  failures: string[];
  primary?: string;
}

export function checkCase(tc: TestCase, result: Result): CaseOutcome {
  const rec = result.recommendation;
  const primary = rec.primary.id;
  const strategies = rec.strategies.map((s) => s.id);
  const interp = rec.interpretability.map((s) => s.id);
  const alts = rec.alternatives.map((a) => a.id);
  const cautions = rec.cautions.map((c) => c.rule);
  const e = tc.expect;
  const failures: string[] = [];
  const list = (xs: string[]) => (xs.length > 0 ? xs.join(', ') : 'none');
  if (e.primary && !e.primary.includes(primary)) {
    failures.push(
      `primary: expected one of ${e.primary.join(', ')}; got ${primary} (${pct(rec.primary.score)}), runners-up: ${
        rec.alternatives
          .slice(0, 3)
          .map((a) => `${a.id} ${pct(a.score)}`)
          .join(', ') || 'none'
      }`,
    );
  }
  if (e.notPrimary?.includes(primary)) failures.push(`primary: expected anything but ${e.notPrimary.join(', ')}; got ${primary}`);
  for (const [want, have, what] of [
    [e.alternatives, alts, 'runners-up'],
    [e.strategies, strategies, 'strategies'],
    [e.interpretability, interp, 'interpretability'],
    [e.cautions, cautions, 'cautions'],
  ] as const) {
    const absent = (want ?? []).filter((x) => !have.includes(x));
    if (absent.length > 0) failures.push(`${what}: expected ${absent.join(', ')}; got ${list([...have])}`);
  }
  if (e.strategiesAnyOf && !e.strategiesAnyOf.some((x) => strategies.includes(x))) {
    failures.push(`strategies: expected at least one of ${e.strategiesAnyOf.join(', ')}; got ${list(strategies)}`);
  }
  if (e.interpretabilityAnyOf && !e.interpretabilityAnyOf.some((x) => interp.includes(x))) {
    failures.push(`interpretability: expected at least one of ${e.interpretabilityAnyOf.join(', ')}; got ${list(interp)}`);
  }
  const unwanted = (e.notStrategies ?? []).filter((x) => strategies.includes(x));
  if (unwanted.length > 0) failures.push(`strategies: expected none of ${unwanted.join(', ')}; got ${list(strategies)}`);
  return { id: tc.id, passed: failures.length === 0, failures, primary };
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
