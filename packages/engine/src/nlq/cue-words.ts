/**
 * Words that say what to compute ("average", "share", "correlation", "distribution"). They
 * are never read as typos of a column or a value: "share" is not a misspelt "Shade", and
 * "correlation" is not "Compilation".
 */
const WORDS = `max min sum average avg mean median total sum count counts number percentage percent share proportion fraction
distribution distributed histogram spread correlation correlate correlated relationship relation related relate
association associated drives drivers driver affects influences factors explains highest lowest largest smallest
biggest greatest maximum minimum most least top bottom best worst compare compared comparison versus growth change
changed increase decrease difference trend list show which what rank ranking sorted ordered distinct unique different
typical combined cumulative range volatility variability deviation chart graph plot table line bar pie scatter
instead rather only just except excluding missing without`;

const SET = new Set(WORDS.split(/\s+/).filter(Boolean));

export function isCueWord(norm: string): boolean {
  return SET.has(norm);
}
