import {
  dateLikeShare,
  isCategoricalText,
  isConstant,
  isIdLike,
  numericLikeShare,
  topShare,
} from '../column-traits.ts';
import type { ColumnProfile } from '../column-types.ts';
import { fmt, pct } from '../json-safe.ts';
import type { Alert } from '../types.ts';
import { THRESHOLDS as T } from './thresholds.ts';

const alert = (
  type: Alert['type'],
  severity: Alert['severity'],
  c: ColumnProfile,
  message: string,
  evidence: Alert['evidence'],
): Alert => ({ type, severity, columns: [c.name], message, evidence });

/** Every alert about one column, in a fixed order. */
export function columnAlerts(c: ColumnProfile): Alert[] {
  const out: Alert[] = [];
  if (c.rows > 0 && c.count === 0) {
    return [alert('all_missing', 'critical', c, `\`${c.name}\` has no values`, { rows: c.rows })];
  }
  const missingShare = c.rows > 0 ? c.missing / c.rows : 0;
  if (missingShare >= T.highMissingWarning) {
    const severity = missingShare >= T.highMissingCritical ? 'critical' : 'warning';
    out.push(
      alert('high_missing', severity, c, `\`${c.name}\` is missing in ${pct(missingShare)} of rows`, {
        missing: c.missing,
        share: missingShare,
        threshold: T.highMissingWarning,
      }),
    );
  }
  if (isConstant(c)) {
    out.push(alert('constant', 'warning', c, `\`${c.name}\` has a single value`, { distinct: 1 }));
  } else if (topShare(c) >= T.nearConstantShare) {
    out.push(
      alert('near_constant', 'info', c, `\`${c.name}\` has one value in ${pct(topShare(c))} of rows`, {
        topShare: topShare(c),
        threshold: T.nearConstantShare,
      }),
    );
  }
  if (isIdLike(c)) {
    out.push(
      alert(
        'id_like',
        'warning',
        c,
        `\`${c.name}\` looks like an identifier (${pct(c.distinctRatio)} distinct)`,
        {
          distinct: c.distinct.value,
          distinctRatio: c.distinctRatio,
          semanticType: c.semanticType,
        },
      ),
    );
  } else if (c.unique && c.kind !== 'numeric') {
    out.push(
      alert('unique', 'info', c, `Every value of \`${c.name}\` is different`, { distinct: c.distinct.value }),
    );
  } else if (
    isCategoricalText(c) &&
    c.distinct.value > T.highCardinalityDistinct &&
    (c.distinctRatio ?? 0) > T.highCardinalityRatio
  ) {
    out.push(
      alert('high_cardinality', 'warning', c, `\`${c.name}\` has ${c.distinct.value} distinct values`, {
        distinct: c.distinct.value,
        distinctRatio: c.distinctRatio,
        threshold: T.highCardinalityDistinct,
      }),
    );
  }
  if (c.parseFailures.count > 0) {
    out.push(
      alert(
        'parse_failures',
        'warning',
        c,
        `${c.parseFailures.count} values of \`${c.name}\` did not parse as ${c.storageType} and are empty`,
        {
          count: c.parseFailures.count,
          examples: c.parseFailures.examples,
        },
      ),
    );
  }
  out.push(...numericAlerts(c), ...textAlerts(c));
  if (c.datetime && c.datetime.future > 0) {
    out.push(
      alert('future_dates', 'warning', c, `${c.datetime.future} values of \`${c.name}\` are in the future`, {
        count: c.datetime.future,
        max: c.datetime.max,
      }),
    );
  }
  return out;
}

function numericAlerts(c: ColumnProfile): Alert[] {
  const s = c.numeric;
  if (!s) return [];
  const out: Alert[] = [];
  const finiteCount = c.count - s.infinities;
  if (s.skewness !== null && Math.abs(s.skewness) >= T.skewness) {
    const side = s.skewness > 0 ? 'right' : 'left';
    out.push(
      alert('skewed', 'warning', c, `\`${c.name}\` is ${side}-skewed (skew ${fmt(s.skewness, 2)})`, {
        skewness: s.skewness,
        threshold: T.skewness,
      }),
    );
  }
  if (finiteCount > 0 && s.zeros / finiteCount >= T.zerosShare) {
    out.push(
      alert('zeros_heavy', 'info', c, `${pct(s.zeros / finiteCount)} of \`${c.name}\` are zeros`, {
        zeros: s.zeros,
        share: s.zeros / finiteCount,
      }),
    );
  }
  const o = s.outliers;
  if (o && (o.robustZ.count > 0 || o.iqr.share >= T.outlierIqrShare)) {
    const severity = o.iqr.share >= T.outlierIqrShare ? 'warning' : 'info';
    out.push(
      alert(
        'outliers',
        severity,
        c,
        `\`${c.name}\` has ${o.robustZ.count} extreme values (robust z > ${o.robustZ.threshold}) and ${o.iqr.count} outside the IQR fences`,
        {
          robustZ: o.robustZ.count,
          iqr: o.iqr.count,
          iqrShare: o.iqr.share,
          examples: [...o.robustZ.low, ...o.robustZ.high].slice(0, 5),
        },
      ),
    );
  }
  if (s.infinities > 0) {
    out.push(
      alert('infinite_values', 'warning', c, `\`${c.name}\` holds ${s.infinities} infinite values`, {
        count: s.infinities,
      }),
    );
  }
  if (s.placeholders.length > 0) {
    out.push(
      alert(
        'placeholders',
        'warning',
        c,
        `\`${c.name}\` uses ${s.placeholders.map((p) => p.value).join(', ')} at its extreme, likely a code for "unknown"`,
        {
          values: s.placeholders.map((p) => p.value),
          counts: s.placeholders.map((p) => p.count),
        },
      ),
    );
  }
  return out;
}

function textAlerts(c: ColumnProfile): Alert[] {
  const t = c.text;
  if (!t) return [];
  const out: Alert[] = [];
  if (t.placeholders.length > 0) {
    const total = t.placeholders.reduce((a, p) => a + p.count, 0);
    out.push(
      alert(
        'placeholders',
        'warning',
        c,
        `\`${c.name}\` has ${total} placeholder values such as ${t.placeholders
          .map((p) => JSON.stringify(p.value))
          .slice(0, 3)
          .join(', ')}`,
        {
          values: t.placeholders.map((p) => p.value),
          counts: t.placeholders.map((p) => p.count),
        },
      ),
    );
  }
  const num = numericLikeShare(c);
  const date = dateLikeShare(c);
  if (num >= T.storedAsTextShare && c.distinct.value > 1) {
    out.push(
      alert('numbers_as_text', 'warning', c, `\`${c.name}\` holds numbers stored as text (${pct(num)})`, {
        share: num,
      }),
    );
  } else if (date >= T.storedAsTextShare) {
    out.push(
      alert('dates_as_text', 'warning', c, `\`${c.name}\` holds dates stored as text (${pct(date)})`, {
        share: date,
      }),
    );
  } else if (num >= T.mixedTypesLow && num < T.mixedTypesHigh) {
    out.push(
      alert('mixed_types', 'warning', c, `\`${c.name}\` mixes numbers (${pct(num)}) and text`, {
        numericShare: num,
      }),
    );
  }
  if (t.caseVariants + t.untrimmed > 0) {
    out.push(
      alert(
        'inconsistent_text',
        'info',
        c,
        `\`${c.name}\` has spellings that differ only by case or spaces`,
        {
          caseVariants: t.caseVariants,
          untrimmed: t.untrimmed,
        },
      ),
    );
  }
  return out;
}
