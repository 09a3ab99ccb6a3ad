/**
 * Built-in business thesaurus: words analysts use for the same concept. A question word in a
 * group matches a column word in the same group (after stemming), so "sales" finds `revenue`
 * and "client" finds `customer_id`. Groups are deliberately narrow: a wrong synonym is a wrong
 * answer, a missing one is only a clarification.
 */
import { stem } from './stem.ts';

const GROUPS: string[][] = [
  [
    'revenue',
    'sales',
    'turnover',
    'takings',
    'income',
    'gross',
    'grossed',
    'grossing',
    'earned',
    'sold',
    'sell',
    'selling',
    'sells',
    'money',
    'earn',
    'earns',
  ],
  ['cost', 'costs', 'expense', 'expenses', 'expenditure', 'spend', 'spending', 'spent', 'cogs'],
  ['profit', 'profits', 'earnings', 'margin'],
  ['price', 'prices', 'priced', 'pricing', 'close', 'closing', 'quote', 'valuation'],
  ['customer', 'customers', 'client', 'clients', 'buyer', 'buyers', 'purchaser', 'shopper', 'account'],
  ['quantity', 'qty', 'units', 'unit', 'volume', 'pieces'],
  ['product', 'products', 'item', 'items', 'sku', 'article', 'merchandise'],
  ['category', 'categories', 'type', 'kind', 'class', 'genre'],
  ['region', 'regions', 'area', 'territory', 'zone'],
  ['country', 'countries', 'nation', 'nations'],
  ['city', 'cities', 'town'],
  ['state', 'province'],
  ['rep', 'salesperson', 'salesman', 'saleswoman', 'seller', 'agent'],
  ['max', 'maximum', 'highest', 'high', 'peak'],
  ['min', 'minimum', 'lowest', 'low'],
  ['order', 'orders', 'transaction', 'transactions', 'purchase', 'purchases', 'invoice', 'deal'],
  ['discount', 'rebate', 'markdown', 'promo', 'reduction'],
  ['channel', 'medium'],
  ['store', 'shop', 'outlet', 'branch'],
  ['population', 'pop', 'people', 'inhabitants', 'residents', 'populous'],
  ['expectancy', 'lifespan', 'longevity'],
  ['fertility', 'births', 'birthrate'],
  ['weight', 'heavy', 'mass', 'weighs', 'weigh'],
  ['horsepower', 'hp', 'power', 'powerful', 'bhp'],
  ['mpg', 'mileage', 'economy', 'efficiency', 'efficient'],
  ['displacement', 'engine'],
  ['cylinders', 'cylinder', 'cyl'],
  ['budget', 'budgets', 'cost'],
  ['rating', 'ratings', 'rated', 'score', 'scores', 'scored', 'review', 'reviews', 'stars', 'grade'],
  ['runtime', 'duration', 'length', 'long', 'running', 'minutes'],
  ['director', 'directors', 'directed', 'filmmaker'],
  ['distributor', 'studio', 'studios', 'distributed'],
  ['precipitation', 'precip', 'rainfall', 'wet'],
  ['temperature', 'temp', 'temps', 'hot', 'cold', 'warm', 'heat'],
  ['wind', 'windspeed'],
  ['weather', 'conditions', 'condition'],
  ['symbol', 'ticker', 'stock', 'stocks', 'company', 'companies'],
  ['sex', 'gender'],
  ['beak', 'bill', 'culmen'],
  ['flipper', 'flippers', 'wing'],
  ['name', 'title', 'label', 'called', 'named'],
  ['date', 'day', 'when', 'time'],
  ['movie', 'movies', 'film', 'films', 'picture'],
  ['car', 'cars', 'vehicle', 'vehicles', 'automobile', 'model'],
  ['salary', 'salaries', 'pay', 'wage', 'wages', 'compensation'],
  ['age', 'old', 'aged'],
  ['speed', 'fast', 'velocity'],
  ['size', 'big', 'large'],
  ['votes', 'voters', 'voted'],
  ['source', 'origin', 'based'],
  ['segment', 'tier'],
];

const PHRASES: [string, string][] = [
  ['box office', 'gross'],
  ['fuel economy', 'mpg'],
  ['fuel efficiency', 'mpg'],
  ['gas mileage', 'mpg'],
  ['miles per gallon', 'mpg'],
  ['life span', 'expectancy'],
  ['birth rate', 'fertility'],
  ['engine size', 'displacement'],
  ['stock price', 'price'],
  ['share price', 'price'],
  ['closing price', 'price'],
  ['wind speed', 'wind'],
  ['running time', 'runtime'],
  ['run time', 'runtime'],
  ['body weight', 'mass'],
  ['selling price', 'price'],
  ['sale price', 'price'],
  ['units sold', 'quantity'],
  ['number of units', 'quantity'],
  ['zero to sixty', 'acceleration'],
  ['much did it rain', 'precipitation'],
  ['much does it rain', 'precipitation'],
  ['much it rained', 'precipitation'],
  ['much rain', 'precipitation'],
  ['order value', 'revenue'],
  ['order size', 'revenue'],
  ['deal size', 'revenue'],
];

const groupsByStem = new Map<string, Set<number>>();
for (const [gi, g] of GROUPS.entries()) {
  for (const w of g) {
    const s = stem(w);
    const set = groupsByStem.get(s) ?? new Set<number>();
    set.add(gi);
    groupsByStem.set(s, set);
  }
}

/** True when two stems share a synonym group. */
export function areSynonyms(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = groupsByStem.get(a);
  const gb = groupsByStem.get(b);
  if (!ga || !gb) return false;
  for (const g of ga) if (gb.has(g)) return true;
  return false;
}

/** Multi-word phrases that stand for one concept word: [words, concept]. */
export const PHRASE_SYNONYMS: readonly { words: string[]; concept: string }[] = PHRASES.map(([p, c]) => ({
  words: p.split(' ').map(stem),
  concept: stem(c),
}));

/** Comparatives in filters: "heavier than 3000" → weight > 3000. */
export const COMPARATIVES: Record<string, { concept: string; dir: 'gt' | 'lt' }> = {
  heavier: { concept: 'weight', dir: 'gt' },
  lighter: { concept: 'weight', dir: 'lt' },
  pricier: { concept: 'price', dir: 'gt' },
  cheaper: { concept: 'price', dir: 'lt' },
  longer: { concept: 'length', dir: 'gt' },
  shorter: { concept: 'length', dir: 'lt' },
  faster: { concept: 'speed', dir: 'gt' },
  slower: { concept: 'speed', dir: 'lt' },
  hotter: { concept: 'temperature', dir: 'gt' },
  warmer: { concept: 'temperature', dir: 'gt' },
  colder: { concept: 'temperature', dir: 'lt' },
  cooler: { concept: 'temperature', dir: 'lt' },
  windier: { concept: 'wind', dir: 'gt' },
  older: { concept: 'age', dir: 'gt' },
  younger: { concept: 'age', dir: 'lt' },
};

/** Superlatives: "heaviest car" → max of weight; "cheapest" → min of price. */
export const SUPERLATIVES: Record<string, { concept: string | null; agg: 'max' | 'min' }> = {
  heaviest: { concept: 'weight', agg: 'max' },
  lightest: { concept: 'weight', agg: 'min' },
  priciest: { concept: 'price', agg: 'max' },
  cheapest: { concept: 'price', agg: 'min' },
  longest: { concept: 'length', agg: 'max' },
  shortest: { concept: 'length', agg: 'min' },
  fastest: { concept: 'speed', agg: 'max' },
  slowest: { concept: 'speed', agg: 'min' },
  hottest: { concept: 'temperature', agg: 'max' },
  warmest: { concept: 'temperature', agg: 'max' },
  coldest: { concept: 'temperature', agg: 'min' },
  coolest: { concept: 'temperature', agg: 'min' },
  wettest: { concept: 'precipitation', agg: 'max' },
  rainiest: { concept: 'precipitation', agg: 'max' },
  driest: { concept: 'precipitation', agg: 'min' },
  windiest: { concept: 'wind', agg: 'max' },
  oldest: { concept: 'age', agg: 'max' },
  youngest: { concept: 'age', agg: 'min' },
  deadliest: { concept: 'deaths', agg: 'max' },
  costliest: { concept: 'cost', agg: 'max' },
  tallest: { concept: 'height', agg: 'max' },
  richest: { concept: 'income', agg: 'max' },
  poorest: { concept: 'income', agg: 'min' },
  highest: { concept: null, agg: 'max' },
  largest: { concept: null, agg: 'max' },
  biggest: { concept: null, agg: 'max' },
  greatest: { concept: null, agg: 'max' },
  maximum: { concept: null, agg: 'max' },
  max: { concept: null, agg: 'max' },
  top: { concept: null, agg: 'max' },
  best: { concept: null, agg: 'max' },
  peak: { concept: null, agg: 'max' },
  most: { concept: null, agg: 'max' },
  lowest: { concept: null, agg: 'min' },
  smallest: { concept: null, agg: 'min' },
  least: { concept: null, agg: 'min' },
  fewest: { concept: null, agg: 'min' },
  minimum: { concept: null, agg: 'min' },
  min: { concept: null, agg: 'min' },
  worst: { concept: null, agg: 'min' },
  bottom: { concept: null, agg: 'min' },
};
