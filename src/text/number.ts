/** The one number formatter of messages, reports and advice. */

/**
 * 12400 -> "12,400"; fractions are rounded to at most `digits` decimals, trailing zeros dropped.
 * No Intl: its first use costs ~10 ms, and toLocaleString builds a formatter per call (~100x
 * slower in the exhaustive check).
 */
export function formatNumber(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return String(n);
  const [whole = '0', fraction = ''] = Math.abs(n).toFixed(digits).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const decimals = fraction.replace(/0+$/, '');
  const sign = n < 0 && (Number(whole) > 0 || decimals !== '') ? '-' : '';
  return `${sign}${grouped}${decimals ? `.${decimals}` : ''}`;
}
