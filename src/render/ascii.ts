/**
 * A fallback for terminals that cannot show the bars, arrows and marks: when the locale is not
 * UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as the C library reads them: `C`, `POSIX`,
 * `en_US.ISO-8859-1`), when TERM=dumb, or when DL_ADVISOR_ASCII=1, text output is written in ASCII.
 * No locale variable at all is taken as UTF-8 (what terminals use today). Pure.
 */

export function asciiOnly(env: Record<string, string | undefined>): boolean {
  const forced = env.DL_ADVISOR_ASCII;
  if (forced !== undefined && forced !== '') return forced !== '0';
  if (env.TERM === 'dumb') return true;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  return locale !== undefined && locale !== '' && !/utf-?8/i.test(locale);
}

const SYMBOLS: Record<string, string> = {
  '█': '#',
  '░': '.',
  '▶': '>',
  '•': '*',
  '·': '-',
  '−': '-',
  '–': '-',
  '—': '--',
  '✓': '+',
  '✗': 'x',
  '⚠': '!',
  '→': '->',
  '←': '<-',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '×': 'x',
  '…': '...',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '²': '2',
  '³': '3',
  '±': '+/-',
  µ: 'u',
  μ: 'u',
  '\u00a0': ' ',
};

/** The text in ASCII: symbols by their usual ASCII spelling, accents dropped, anything else `?`. */
export function toAscii(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else if (SYMBOLS[ch] !== undefined) out += SYMBOLS[ch];
    else if (/^\p{M}$/u.test(ch) || ch === '\ufe0f') continue;
    else {
      const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += /^[\x00-\x7f]+$/.test(plain) ? plain : '?';
    }
  }
  return out;
}
