/** The few text styles the renderers use; plain identity functions when colour is off. */
export interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  cyan: (s: string) => string;
  red: (s: string) => string;
}

const same = (s: string) => s;
export const plain: Style = { bold: same, dim: same, green: same, yellow: same, cyan: same, red: same };

/**
 * Colour is decided here, not by chalk (which ignores NO_COLOR): --no-color, then NO_COLOR /
 * DL_ADVISOR_NO_COLOR, then FORCE_COLOR, then whether the stream is a terminal (TERM=dumb: no).
 * Returns a chalk level: 0 = none.
 */
export function colorLevel(isTTY: boolean | undefined, env: Record<string, string | undefined>, flag: boolean | undefined): 0 | 1 | 2 | 3 {
  if (flag === false) return 0;
  if (env.NO_COLOR || env.DL_ADVISOR_NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    const n = Number(force);
    return n === 2 || n === 3 ? n : 1;
  }
  if (!isTTY || env.TERM === 'dumb') return 0;
  return 1;
}

export async function styleFor(level: 0 | 1 | 2 | 3): Promise<Style> {
  if (level === 0) return plain;
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}
