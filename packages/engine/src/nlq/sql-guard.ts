/**
 * Defence in depth: before anything runs, the generated SQL is re-read token by token and must
 * be one SELECT over the dataset view that uses only allowlisted functions and keywords, has no
 * user-written literal (values are `$n` parameters) and touches no other relation. The
 * generator should never produce anything else; this check makes a bug there fail closed.
 */

export const FUNCTION_ALLOWLIST = new Set([
  'count',
  'sum',
  'avg',
  'median',
  'min',
  'max',
  'stddev_samp',
  'corr',
  'year',
  'quarter',
  'month',
  'hour',
  'isodow',
  'dayname',
  'monthname',
  'date_trunc',
  'lower',
  'contains',
  'starts_with',
  'abs',
  'pow',
  'floor',
  'log10',
  'lag',
]);

const KEYWORDS = new Set(
  (
    'select from where group by having order asc desc nulls last limit as and or not in is null ' +
    'between distinct filter over partition case when then else end cast date timestamp double integer with'
  ).split(' '),
);

/** The only string literals the generator writes: date_trunc units. */
const LITERALS = new Set(["'quarter'", "'month'", "'week'", "'hour'"]);

/** Relations a FROM may name: the dataset view and the generator's own CTE names. */
const RELATIONS = new Set(['"dataset"', '"values"', '"width"']);

type Tok = { t: 'ident' | 'string' | 'number' | 'param' | 'word' | 'punct'; v: string };

function lex(sql: string): Tok[] {
  const toks: Tok[] = [];
  const re =
    /\s*(?:("(?:[^"]|"")*")|('(?:[^']|'')*')|(\$\d+)|(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(<>|<=|>=|[(),*=<>+\-/.]))/y;
  let i = 0;
  while (i < sql.length) {
    if (/^\s*$/.test(sql.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(sql);
    if (!m) throw new SqlGuardError(`unexpected character at ${i}: ${JSON.stringify(sql.slice(i, i + 10))}`);
    i = re.lastIndex;
    if (m[1]) toks.push({ t: 'ident', v: m[1] });
    else if (m[2]) toks.push({ t: 'string', v: m[2] });
    else if (m[3]) toks.push({ t: 'param', v: m[3] });
    else if (m[4]) toks.push({ t: 'number', v: m[4] });
    else if (m[5]) toks.push({ t: 'word', v: m[5].toLowerCase() });
    else toks.push({ t: 'punct', v: m[6] });
  }
  return toks;
}

export class SqlGuardError extends Error {
  constructor(message: string) {
    super(`Generated SQL refused: ${message}`);
    this.name = 'SqlGuardError';
  }
}

/** Throws SqlGuardError unless `sql` is a single allowed read of the dataset view. */
export function assertSafeSql(sql: string, paramCount: number): void {
  const toks = lex(sql);
  if (toks.length === 0 || !(toks[0].v === 'select' || toks[0].v === 'with'))
    throw new SqlGuardError('must start with SELECT');
  let maxParam = 0;
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i];
    const next = toks[i + 1];
    if (tok.t === 'string' && !LITERALS.has(tok.v))
      throw new SqlGuardError(`literal ${tok.v} is not a parameter`);
    if (tok.t === 'param') maxParam = Math.max(maxParam, Number(tok.v.slice(1)));
    if (tok.t === 'word') {
      const isCall = next?.v === '(';
      if (isCall && !FUNCTION_ALLOWLIST.has(tok.v) && !KEYWORDS.has(tok.v))
        throw new SqlGuardError(`function ${tok.v} is not allowed`);
      if (!isCall && !KEYWORDS.has(tok.v)) throw new SqlGuardError(`word ${tok.v} is not allowed`);
      if (tok.v === 'from') checkFrom(toks, i + 1);
    }
  }
  if (maxParam > paramCount) throw new SqlGuardError(`parameter $${maxParam} has no value`);
}

/** After FROM: a list of allowed relation names, nothing else (no subquery, function or join). */
function checkFrom(toks: Tok[], start: number): void {
  let i = start;
  for (;;) {
    const rel = toks[i];
    if (rel?.t !== 'ident' || !RELATIONS.has(rel.v)) throw new SqlGuardError(`FROM ${rel?.v ?? 'nothing'}`);
    if (toks[i + 1]?.v !== ',') return;
    i += 2;
  }
}
