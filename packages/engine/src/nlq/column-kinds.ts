/** What a column can take part in, decided from its storage and semantic types. */
import type { NlqColumn } from './types.ts';

export function isNumeric(c: NlqColumn): boolean {
  return c.storageType === 'integer' || c.storageType === 'float' || c.storageType === 'decimal';
}

export function isTemporal(c: NlqColumn): boolean {
  return c.storageType === 'date' || c.storageType === 'datetime';
}

export function isText(c: NlqColumn): boolean {
  return c.storageType === 'string';
}

/** Numbers that measure something: ids, codes and postal codes are numeric but never summed. */
export function isMeasurable(c: NlqColumn): boolean {
  if (!isNumeric(c)) return false;
  if (c.semanticType === 'identifier' || c.semanticType === 'postal_code') return false;
  return !isYearColumn(c);
}

/** An integer column holding calendar years (`year`, `fiscal_year`): dates in questions apply to it. */
export function isYearColumn(c: NlqColumn): boolean {
  return c.storageType === 'integer' && /(^|[^a-z])(year|yr|season)s?([^a-z]|$)/i.test(c.name);
}

/** Columns that make sense as groups: categories, booleans, ordinals, small integers. */
export function isGroupable(c: NlqColumn): boolean {
  return (
    isText(c) ||
    c.storageType === 'boolean' ||
    c.semanticType === 'categorical' ||
    c.semanticType === 'ordinal' ||
    isYearColumn(c)
  );
}

/**
 * Additive measures (sales, counts, amounts) default to a total; intensive ones (prices,
 * rates, scores, temperatures, concentrations, levels, averages) to a mean, because a total
 * of prices (or of monthly CO2 readings) means nothing.
 */
export function isAdditive(c: NlqColumn): boolean {
  if (c.semanticType === 'percentage') return false;
  const n = c.name.toLowerCase().replace(/[^a-z]+/g, ' ');
  if (
    /\b(price|rate|rating|score|avg|average|mean|temp|temperature|age|pct|percent|ratio|per|speed|expect|expectancy|fertility|accel|acceleration|margin|index|lat|lon|latitude|longitude|density|mpg|wind|depth|length|width|height|mass|weight|horsepower|displacement|cylinders|year|votes|duration|time|min|max|concentration|ppm|ppb|level|humidity|pressure|ozone|aqi|visibility|elevation|altitude|salinity)\b/.test(
      n,
    )
  )
    return false;
  // Pollutant and gas readings are concentrations; their names carry digits ("CO2", "PM2.5").
  if (/\b(co2|no2|so2|o3|pm10|pm25|pm2 5)\b/.test(c.name.toLowerCase().replace(/[^a-z0-9]+/g, ' ')))
    return false;
  return true;
}
