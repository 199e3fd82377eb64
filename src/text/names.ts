/**
 * Personal names as the references and precedents store them (issue 16, item 6): "Given Family"
 * ("Andre Esteva"), or "Family, Given" when the family name is more than its last word and has no
 * lower-case particle to tell ("Ehteshami Bejnordi, Babak", "Mac Aodha, Oisin"). Without a comma
 * the family name is the last word with the particles before it ("Laurens van der Maaten",
 * "Gustavo de los Campos"). Pure: shared by the short citations, the text reports and the
 * BibTeX and CSL-JSON exports.
 */

const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'di', 'da', 'du', 'le', 'la', 'los', 'las', 'dos', 'das', 'ten', 'ter']);

export interface NameParts {
  family: string;
  given?: string;
}

/** "others" (or "et al.") at the end of an author list: the authors not listed. */
export const isOthers = (name: string): boolean => /^(others|et al\.?)$/i.test(name.trim());

/**
 * The family and given names. Without a comma, `id` (a citation key such as
 * "ehteshami-bejnordi-2017-camelyon16") may tell that the last two or three words are the
 * family name; this is for names stored before the comma form existed.
 */
export function splitName(name: string, id?: string): NameParts {
  const comma = name.indexOf(',');
  if (comma > 0) {
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    return given === '' ? { family } : { family, given };
  }
  const words = name.trim().split(/\s+/);
  if (words.length === 1) return { family: words[0] as string };
  let start = words.length - 1;
  for (let k = Math.min(3, words.length - 1); k >= 2 && id; k--) {
    const tail = words.slice(-k);
    if (id.toLowerCase().startsWith(`${tail.join('-').toLowerCase()}-`)) start = Math.min(start, words.length - k);
  }
  while (start > 1 && PARTICLES.has((words[start - 1] as string).toLowerCase())) start--;
  return { given: words.slice(0, start).join(' '), family: words.slice(start).join(' ') };
}

/** The name as printed: "Ehteshami Bejnordi, Babak" -> "Babak Ehteshami Bejnordi"; others as they are. */
export function displayName(name: string): string {
  if (!name.includes(',')) return name.trim();
  const { family, given } = splitName(name);
  return given ? `${given} ${family}` : family;
}
