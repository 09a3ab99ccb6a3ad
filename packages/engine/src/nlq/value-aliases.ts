/**
 * Other ways people name common values: demonyms ("Japanese cars" → Origin = Japan) and
 * country aliases ("US" ↔ USA ↔ United States). A alias only applies when the dataset really
 * holds one of the listed spellings.
 */
const ALIASES: Record<string, string[]> = {
  american: ['usa', 'us', 'united states', 'america', 'united states of america'],
  america: ['usa', 'us', 'united states', 'united states of america'],
  usa: ['us', 'united states', 'america', 'united states of america'],
  us: ['usa', 'united states', 'america', 'united states of america'],
  'united states': ['usa', 'us', 'america'],
  european: ['europe', 'eu'],
  japanese: ['japan'],
  german: ['germany'],
  french: ['france'],
  british: ['uk', 'united kingdom', 'great britain', 'britain', 'england'],
  uk: ['united kingdom', 'great britain', 'britain'],
  english: ['england', 'uk', 'united kingdom'],
  chinese: ['china'],
  italian: ['italy'],
  spanish: ['spain'],
  canadian: ['canada'],
  mexican: ['mexico'],
  indian: ['india'],
  brazilian: ['brazil'],
  korean: ['south korea', 'korea'],
  australian: ['australia'],
  swedish: ['sweden'],
  dutch: ['netherlands', 'the netherlands', 'holland'],
  swiss: ['switzerland'],
  irish: ['ireland'],
  asian: ['asia'],
  african: ['africa'],
  women: ['female', 'f', 'woman'],
  men: ['male', 'm', 'man'],
  females: ['female'],
  males: ['male'],
};

/** Alternative spellings of a normalised phrase, or an empty list. */
export function valueAliases(phrase: string): string[] {
  return ALIASES[phrase] ?? [];
}

/** "rainy" → rain, "sunny" → sun, "foggy" → fog: adjectives of weather-like nouns. */
export function adjectiveBase(word: string): string | null {
  const m = /^([a-z]+?)([bdfglmnprt])?\2?y$/.exec(word);
  if (!m || word.length < 4) return null;
  return m[1] + (m[2] ?? '');
}
