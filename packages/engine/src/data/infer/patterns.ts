/**
 * Value patterns shared by classification (on the sample) and parsing (on all rows), as RE2
 * regexes for DuckDB's `regexp_full_match`. One source of truth keeps "what inference saw" and
 * "what the cast accepts" identical.
 */

export const DEFAULT_NULL_VALUES: readonly string[] = [
  '',
  'NA',
  'N/A',
  'n/a',
  'NaN',
  'nan',
  'NULL',
  'null',
  'Null',
  '#N/A',
  '<NA>',
  '-',
  '--',
  '—',
  '?',
];

/**
 * The default markers DuckDB's CSV reader parses as no DOUBLE, DATE or BOOLEAN (a test checks
 * it): all but '' and the NaN spellings, which parse as a float. The CSV single pass leaves the
 * ones a file's sample does not hold out of the reader's `nullstr` (comparing every cell with
 * all 13 markers cost ~15 % of the pass); see ingest-csv.ts.
 */
export const TEXT_ONLY_MARKERS: ReadonlySet<string> = new Set(
  DEFAULT_NULL_VALUES.filter((m) => m !== '' && m.toLowerCase() !== 'nan'),
);

/**
 * Missing in a number, date or yes/no column, a value in a text one. Python writes `None` for
 * a missing value it formats (`str(None)`, f-strings); statistics offices write `.` (Destatis),
 * `..` (World Bank, ABS), `:` (Eurostat), `…`, `(X)` (US Census) or runs of `*` (Census margins,
 * NASA's temperature series) for figures they do not have or do not show, and forms `n.a.`,
 * `unknown`, `missing`. Left as text,
 * each turns a number or yes/no column into text; but `None` is also a category (bird strikes'
 * damage: None, Minor, Substantial), which a missing marker would erase.
 */
export const TYPED_MISSING_WORDS: readonly string[] = [
  'None',
  '.',
  '..',
  '...',
  ':',
  '…',
  '(X)',
  '*',
  '**',
  '***',
  '****',
  '*****',
  // "Not available" as forms, surveys and reports abbreviate it (k.A.: keine Angabe), and
  // pandas' missing datetime when formatted (`NaT`).
  'n.a.',
  'N.A.',
  'n.a',
  'N.A',
  'na',
  'k.A.',
  'k.A',
  'n.v.',
  'n.d.',
  'N.D.',
  'nd',
  'n/d',
  'N/D',
  'none',
  'NONE',
  'nil',
  'NIL',
  'missing',
  'Missing',
  'MISSING',
  'unknown',
  'Unknown',
  'UNKNOWN',
  'NaT',
];

export const TRUE_WORDS = ['true', 't', 'yes', 'y'] as const;
export const FALSE_WORDS = ['false', 'f', 'no', 'n'] as const;
/**
 * Yes and no in the languages Excel localises TRUE/FALSE into (VRAI, WAHR, VERDADERO, VERO,
 * WAAR) and forms use (oui, ja, sí, sim). DuckDB's BOOLEAN parser reads none of them, so a
 * column using them is parsed by SQL, never natively.
 */
export const TRUE_WORDS_L10N = [
  'vrai',
  'oui',
  'wahr',
  'ja',
  'verdadero',
  'verdadeiro',
  'vero',
  'sí',
  'si',
  'sim',
  'waar',
] as const;
export const FALSE_WORDS_L10N = [
  'faux',
  'non',
  'falsch',
  'nein',
  'falso',
  'não',
  'nao',
  'onwaar',
  'nee',
] as const;

const SIGN = '[+-]?';
/** 1,234 — US thousands or a European decimal; resolved per column. */
export const RE_C3 = `${SIGN}[0-9]{1,3},[0-9]{3}`;
/** 1.234 — a decimal or European thousands; resolved per column. */
export const RE_D3 = `${SIGN}[0-9]{1,3}\\.[0-9]{3}`;
/** `1,234,567.5`, and India's lakh grouping `12,34,567.5` (read the same way: commas dropped). */
export const RE_US = `${SIGN}([0-9]{1,3}(,[0-9]{3})+|[0-9]{1,2}(,[0-9]{2})+,[0-9]{3})(\\.[0-9]+)?`;
/** `1'234'567.5`, Switzerland's and Liechtenstein's grouping (ASCII `'` or typographic `’`). */
export const RE_APOS = `${SIGN}[0-9]{1,3}(('[0-9]{3})+|(’[0-9]{3})+)(\\.[0-9]+)?`;
/** `1.234,5`; also in scientific notation as Excel writes it in those locales (`1,5E+03`). */
export const RE_EU = `${SIGN}([0-9]{1,3}(\\.[0-9]{3})+|[0-9]+)(,[0-9]+)?([eE][+-]?[0-9]+)?`;
export const RE_SPACE = `${SIGN}[0-9]{1,3}([ \\x{00A0}\\x{202F}][0-9]{3})+([.,][0-9]+)?`;
export const RE_PLAIN = `${SIGN}([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?`;
export const RE_INT = `${SIGN}[0-9]+`;

/** Year first, `-` or `/` (`2024-12-31`, `2024/12/31`: the year leads, so the order is never in doubt). */
const YMD = '[0-9]{4}(-[0-9]{1,2}-|/[0-9]{1,2}/)[0-9]{1,2}';
export const RE_DATE_ISO = YMD;
export const RE_TS_ISO = `${YMD}[T ][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?`;
/**
 * A zone after an ISO time: `Z`, `+02:00`, `+0200`, `+02`, also after a space, and `UTC` or
 * `GMT` (BigQuery writes `2024-01-05 10:00:00 UTC`; git and many logs `... +0200`).
 */
export const RE_TZ_SUFFIX = '(Z| (UTC|GMT)| ?[+-][0-9]{2}(:?[0-9]{2})?)';
/**
 * d/m/y or m/d/y with `/`, `.` or `-`, a 2- or 4-digit year and an optional time, also with
 * AM/PM (`1/31/2024 2:30:00 PM`, US Excel's default).
 */
export const RE_DMY =
  '([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4}|[0-9]{2})( [0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?( ?[AaPp][Mm])?)?';
/**
 * Google Forms' response timestamps: `2021/03/22 2:56:14 PM GMT+1` (local time, then its
 * offset from UTC; `GMT+5:30`, or `GMT` alone).
 */
export const RE_GMT_STAMP =
  '[0-9]{4}/[0-9]{1,2}/[0-9]{1,2} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?( ?[AaPp][Mm])? GMT([+-][0-9]{1,2}(:[0-9]{2})?)?';
/** strptime formats of RE_GMT_STAMP's local time. */
export const GMT_STAMP_FORMATS = [
  '%Y/%m/%d %I:%M:%S %p',
  '%Y/%m/%d %I:%M %p',
  '%Y/%m/%d %H:%M:%S',
  '%Y/%m/%d %H:%M',
];

/** `Jan 5 2024`, `January 5, 2024`; `5 Jan 2024` and `31-Dec-2024` (Oracle, SAS, Excel). */
export const RE_MONTH_FIRST = '(?i)[a-z]{3,9}\\.? [0-9]{1,2},? [0-9]{4}';
/** The same with a time: `Jan 5, 2024 10:00 AM`, `January 5 2024 14:30:00`. */
export const RE_MONTH_FIRST_T = `${RE_MONTH_FIRST} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?( ?[AaPp][Mm])?`;
/** RFC 2822 / HTTP dates, as mail, RSS and web server logs write them: `Mon, 05 Jan 2024 10:00:00 GMT`. */
export const RE_RFC2822 =
  '(?i)([a-z]{3}, )?[0-9]{1,2} [a-z]{3} [0-9]{4} [0-9]{2}:[0-9]{2}(:[0-9]{2})? ([a-z]{2,5}|[+-][0-9]{4})';
/** strptime formats of RE_MONTH_FIRST_T (no zone). */
export const MONTH_NAME_DATETIME_FORMATS = ['%b', '%B'].flatMap((month) =>
  [' ', ', '].flatMap((comma) =>
    [' %I:%M %p', ' %I:%M:%S %p', ' %I:%M%p', ' %H:%M', ' %H:%M:%S'].map(
      (time) => `${month} %d${comma}%Y${time}`,
    ),
  ),
);
/**
 * strptime formats of RE_RFC2822 (with a zone: the result is a TIMESTAMPTZ). Offsets first:
 * DuckDB's list form stops at a `%Z` format that met an offset.
 */
export const RFC2822_FORMATS = [' %z', ' %Z'].flatMap((zone) =>
  ['%a, %d %b %Y', '%d %b %Y'].flatMap((day) =>
    [' %H:%M:%S', ' %H:%M'].map((time) => `${day}${time}${zone}`),
  ),
);
export const RE_DAY_MONTH = '(?i)[0-9]{1,2}([ -])[a-z]{3,9}\\.?([ -])([0-9]{4}|[0-9]{2})';
/** Two-digit years before four-digit ones, so `31-Dec-24` is never year 0024. */
export const MONTH_NAME_FORMATS = [
  '%b %d %Y',
  '%b %d, %Y',
  '%B %d %Y',
  '%B %d, %Y',
  '%d %b %y',
  '%d-%b-%y',
  '%d %B %y',
  '%d-%B-%y',
  '%d %b %Y',
  '%d %B %Y',
  '%d-%b-%Y',
  '%d-%B-%Y',
];
/** A month of a year: `2024-01`, `2024/12`, `Jan 2024`, `January-2024` (read as its first day). */
export const RE_YEAR_MONTH = '(1[0-9]|2[0-9])[0-9]{2}[-/](0[1-9]|1[0-2])';
export const RE_MONTH_YEAR =
  '(?i)(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(tember)?|oct(ober)?|nov(ember)?|dec(ember)?)\\.?[ -][0-9]{4}';
/**
 * Month names in German, French, Spanish, Italian, Dutch and Portuguese (full and as
 * abbreviated), by month number: DuckDB's strptime reads English names only. English ones are
 * read by MONTH_NAME_FORMATS.
 */
export const MONTHS_L10N: ReadonlyArray<readonly string[]> = [
  ['januar', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'januari', 'janeiro'],
  ['februar', 'februari', 'février', 'févr', 'fév', 'fevr', 'febrero', 'febbraio', 'fevereiro', 'fev'],
  ['märz', 'mär', 'mrz', 'mars', 'marzo', 'maart', 'mrt', 'março'],
  ['avril', 'avr', 'abril', 'abr', 'aprile'],
  ['mai', 'mayo', 'maggio', 'mag', 'mei', 'maio'],
  ['juni', 'juin', 'junio', 'giugno', 'giu', 'junho'],
  ['juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho'],
  ['août', 'aout', 'agosto', 'ago', 'augustus'],
  ['septembre', 'septiembre', 'setiembre', 'settembre', 'set', 'setembro'],
  ['oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out'],
  ['novembre', 'noviembre'],
  ['dezember', 'dez', 'décembre', 'déc', 'diciembre', 'dic', 'dicembre', 'dezembro'],
];
/**
 * A date or month written with one of those names: `15. März 2024`, `3 janvier 2024`,
 * `1er mai 2024`, `15 de marzo de 2024`, `März 2024`, `janv. 2024` (lower-cased, `de`/`del`
 * removed first).
 */
export const RE_DATE_L10N = '([0-9]{1,2}(er)?\\.? )?[a-zäöüéèêûôîíóúçñ]{3,10}\\.?,? [0-9]{4}';

/** A quarter of a year: `2024-Q1`, `2024 Q1`, `2024Q1`, `Q1 2024`, `Q1-2024` (read as its first day). */
export const RE_QUARTER = '(?i)((1[0-9]|2[0-9])[0-9]{2}[ -]?Q[1-4]|Q[1-4][ -]?(1[0-9]|2[0-9])[0-9]{2})';
export const YEAR_MONTH_FORMATS = ['%Y-%m', '%Y/%m', '%b %Y', '%b-%Y', '%B %Y', '%B-%Y', '%b. %Y'];
export const RE_TIME = '[0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?( ?[AaPp][Mm])?';

/**
 * An Excel error value as a sheet saved as CSV writes it: `#DIV/0!`, `#VALUE!`, `#REF!`,
 * `#NAME?`, `#NUM!`, `#NULL!`, `#SPILL!`, `#GETTING_DATA`, and the localised ones (`#WERT!`,
 * `#BEZUG!`, `#ZAHL!`, `#NV`, `#VALEUR!`, `#NOM?`, `#¡VALOR!`, `#N/D`). `#N/A` is a missing
 * marker already. In a number or date column they are reported failures that do not count
 * against its type (see decide-type.ts, write-plans.ts): a formula's error is not a value.
 */
export const RE_EXCEL_ERROR = '#([¡¿]?[A-ZÄÖÜÉÈ0-9/_]{2,14}[!?]|N/[AD]|NV|GETTING_DATA)';

/** Currency symbols and ISO codes recognised around a number. */
export const CURRENCY_SYMBOLS = ['$', '€', '£', '¥', '₹', 'USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD'];
export const RE_CURRENCY_TOKEN = '(US\\$|\\$|€|£|¥|₹|USD|EUR|GBP|JPY|CHF|CAD|AUD)';

export const RE_EMAIL = "[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}";
export const RE_URL = '(https?://|www\\.)[^ ]+';
export const RE_PHONE = '\\+?[0-9 ().-]{7,20}';
export const RE_POSTAL =
  '[0-9]{5}(-[0-9]{4})?|[0-9]{4}|[A-Za-z][0-9][A-Za-z] ?[0-9][A-Za-z][0-9]|[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}';
/** Range labels such as `40-49`, `10 to 20`, `<5`, `65+`: the values of an ordinal column. */
export const RE_RANGE =
  '[<>]=?\\s*[0-9]+(\\.[0-9]+)?|[0-9]+(\\.[0-9]+)?\\s*(-|–|to)\\s*[0-9]+(\\.[0-9]+)?|[0-9]+\\+';
