const MIN_STEM_LENGTH = 4;

/** Lower case, accents stripped, split on anything that is not a letter or digit. */
function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Simple plural stemming: "shirts" → "shirt"; words ending in "ss" ("dress") are kept. */
function stem(word: string): string {
  if (word.length >= MIN_STEM_LENGTH && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The search tokens of a text: normalized, stemmed and de-duplicated (the same function for documents and queries). */
export function tokenize(text: string): string[] {
  return [...new Set(words(text).map(stem))];
}

/**
 * Query tokens: every complete word must match a stored token exactly; the last word, possibly still being
 * typed, matches as a prefix of a stored token (stemmed, so a complete plural still matches its singular).
 */
export function queryTokens(text: string): { exact: string[]; prefix: string | undefined } {
  const all = words(text);
  const last = all.at(-1);
  if (last === undefined) return { exact: [], prefix: undefined };
  return { exact: [...new Set(all.slice(0, -1).map(stem))], prefix: stem(last) };
}

/** A product's search tokens: title, attribute names and values, description; and the title's alone (relevance). */
export function productTokens(
  title: string,
  attributes: readonly { name: string; value: string }[],
  description: string,
): { tokens: string[]; titleTokens: string[] } {
  const titleTokens = tokenize(title);
  const attributeText = attributes.map((a) => `${a.name} ${a.value}`).join(' ');
  return {
    titleTokens,
    tokens: [...new Set([...titleTokens, ...tokenize(attributeText), ...tokenize(description)])],
  };
}

/** URL-safe slug of a title: ASCII letters and digits joined by single dashes. */
export function slugify(text: string): string {
  return words(text).join('-').slice(0, 80) || 'product';
}
