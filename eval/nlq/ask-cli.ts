/** Ask eval datasets questions from the shell: `node --import tsx eval/nlq/ask-cli.ts cars "average mpg by origin" "only the top 2"` (turns share a conversation). */
import os from 'node:os';
import path from 'node:path';
import { openEngine } from '../../packages/engine/src/data/duck-engine.ts';
import { askQuestion, buildNlqProfile } from '../../packages/engine/src/nlq/index.ts';
import type { Conversation } from '../../packages/engine/src/nlq/types.ts';
import { loadDatasets } from './datasets.ts';

const [id, ...qs] = process.argv.slice(2);
const engine = await openEngine({ threads: 2 });
const ds = (await loadDatasets(engine, path.join(os.tmpdir(), 'uam-nlq-eval'))).find((d) => d.id === id)!;
const profile = ['stocks', 'penguins'].includes(id)
  ? undefined
  : await buildNlqProfile(engine, ds.parquetPath, ds.columns);
let conversation: Conversation | null = null;
for (const q of qs) {
  const r = await askQuestion(engine, {
    parquetPath: ds.parquetPath,
    columns: ds.columns,
    profile,
    question: q,
    conversation,
    datasetName: ds.datasetName,
  });
  conversation = r.conversation;
  const a = r.answer;
  console.log(
    `\n> ${q}\n  ${a.status} (${a.confidence}) ${a.answer}\n  ${a.interpretation.map((i) => `[${i.span} → ${i.meaning}]`).join(' ')}\n  ${a.sql} ${JSON.stringify(a.params)}\n  ${JSON.stringify(a.rows.slice(0, 4))}`,
  );
}
await engine.close();
