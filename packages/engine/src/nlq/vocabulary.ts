/**
 * Words that carry no reference to the data. A question word that is neither resolved nor in
 * these lists is "unknown", and unknown words lower confidence (or stop the answer), because
 * ignoring a word the user meant is how silent wrong answers happen.
 */
const FILLER = `
a an the of for in on at by to from with without and or nor but is are was were be been being am
do does did done doing have has had having what whats which who whom whose how when where why
show shows showing me us give gives tell list lists display get gets got find fetch pull return
i we you my our your their they them he she it its this that these those there here then than
please can could would should will shall may might must want need like see know let lets
all each every any some such very much many so as also just only really actually basically
data dataset datasets table tables record records row rows entry entries value values figure figures
number numbers stats statistics statistic info information result results report summary summarize
look looking compute calculate calculated computing tell about roughly approximately around
about overall altogether together combined total whole entire everything anything something
ever recorded observed measured seen happen happened occur occurred currently now
recent respective respectively one ones kind sort bit hey hi ok okay thanks thank quick quickly
into onto upon via versus vs out up down off again still yet already even both either neither
same different other others another own certain various several few lot lots plenty
answer question questions query tell explain interested curious wondering wonder
does doing done make makes made were been go goes going went come came
good nice great correct right exactly precisely specifically particular particularly
if whether while though although because since until before after during within among between
term terms regard regarding respect based according level levels amount amounts
dollar dollars usd eur euro euros
times time period periods point points
appear appears appeared exist exists existing available included include includes including
live lived lives living located reside resided world overall general
having contain contains containing
`;

const FILLER_SET = new Set(FILLER.split(/\s+/).filter(Boolean));

export function isFiller(norm: string): boolean {
  return FILLER_SET.has(norm);
}

/** Generic nouns for "the things the rows are", whatever the dataset. */
const ROW_NOUNS = new Set([
  'row',
  'rows',
  'record',
  'records',
  'entry',
  'entries',
  'observation',
  'observations',
  'line',
  'lines',
  'case',
  'cases',
  'instance',
  'instances',
  'sample',
  'samples',
  'datapoint',
  'datapoints',
]);

export function isRowNoun(norm: string): boolean {
  return ROW_NOUNS.has(norm);
}

/** Words whose presence means "the future" or "what if": the data cannot answer them. */
export const PREDICTION_WORDS = new Set([
  'predict',
  'prediction',
  'predictions',
  'forecast',
  'forecasts',
  'forecasting',
  'project',
  'projected',
  'projection',
  'projections',
  'expect',
  'expected',
  'estimate',
  'extrapolate',
  'next',
  'future',
  'upcoming',
  'tomorrow',
  'will',
  'gonna',
]);

/** Questions about things the data cannot contain. */
export const OUT_OF_SCOPE_PATTERNS: RegExp[] = [
  /\b(should i|should we|recommend|advice|advise|best strategy|how (do|can|should) (i|we) (improve|increase|reduce|fix))\b/i,
  /\b(delete|drop|update|insert|truncate|alter|create|grant|modify|remove|overwrite)\b.*\b(table|rows?|column|data|dataset|database|records?|file)\b/i,
  /\b(who are you|what can you do|your name|weather (today|tomorrow)|stock tip|joke)\b/i,
];
