/**
 * A light English stemmer for matching question words to column words: both sides go through
 * it, so "sales"/"sale", "countries"/"country", "rated"/"rating"/"rate" meet. It is not a
 * linguistic stemmer; it only has to be consistent.
 */
const KEEP = new Set([
  'news',
  'series',
  'species',
  'gas',
  'bus',
  'status',
  'analysis',
  'plus',
  'less',
  'us',
  'this',
  'is',
  'has',
  'was',
  'yes',
  'its',
  'does',
  'across',
  'gross',
  'class',
  'mass',
  'sex',
]);

export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3 || KEEP.has(w) || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(sses|ches|shes|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ss|ll)$/.test(w)) w = w.slice(0, -1);
  // movie/movies → movi/movy: one spelling for both.
  if (w.endsWith('i')) w = `${w.slice(0, -1)}y`;
  return w;
}
