import type { DuckEngine } from '../duck-engine.ts';
import { ingestFile } from '../ingest/ingest-file.ts';

/** A small typed version used by the query, export, cast and stats tests. */
export const PEOPLE_CSV = [
  'id,name,age,country,score,joined,active,note,zip',
  '1,Ann,34,FR,1.5,2024-01-05,yes,=HYPERLINK("http://evil"),02134',
  '2,Bob,25,DE,2.5,2023-12-31,no,+1 call me,90210',
  '3,Cé,41,FR,,2024-03-01,yes,-5,10001',
  '4,Dan,,US,4.25,2022-07-14,no,@mention,00501',
  '5,Eve,29,DE,3,2024-02-29,yes,plain,12345',
  '6,Fay,52,ES,0.5,2021-01-01,no,"tab\tinside",54321',
].join('\n');

export async function peopleVersion(
  engine: DuckEngine,
  file: (n: string, c: string) => string,
  out: (n: string) => string,
) {
  const output = out('people.parquet');
  await ingestFile(engine, { input: file('people.csv', `${PEOPLE_CSV}\n`), output });
  return output;
}
