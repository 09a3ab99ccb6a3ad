/**
 * NLQ evaluation: asks every case's question(s) against its dataset and checks the answer
 * against a reference computed independently in plain JS. Prints accuracy by category, the
 * must-refuse result (answers given where a refusal or clarification was required) and
 * latency percentiles. `--verbose` lists every failure; `--only=<id-prefix>` narrows the run;
 * `--strict` exits non-zero when a target is missed.
 */
import os from 'node:os';
import path from 'node:path';
import { openEngine } from '../../packages/engine/src/data/duck-engine.ts';
import { askQuestion, buildNlqProfile } from '../../packages/engine/src/nlq/index.ts';
import type { Conversation, NlqProfile } from '../../packages/engine/src/nlq/types.ts';
import { allCases } from './cases/index.ts';
import { loadDatasets } from './datasets.ts';
import { type Category, check } from './expect.ts';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const strict = args.includes('--strict');
const only = args.find((a) => a.startsWith('--only='))?.slice(7);

/** Datasets answered without a profile, so the DISTINCT lookup path is exercised too. */
const WITHOUT_PROFILE = new Set(['stocks', 'penguins']);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function main(): Promise<void> {
  const engine = await openEngine({ threads: 2 });
  try {
    const datasets = await loadDatasets(engine, path.join(os.tmpdir(), 'uam-nlq-eval'));
    const profiles = new Map<string, NlqProfile | undefined>();
    for (const d of datasets)
      profiles.set(
        d.id,
        WITHOUT_PROFILE.has(d.id) ? undefined : await buildNlqProfile(engine, d.parquetPath, d.columns),
      );
    const cases = allCases(datasets).filter((x) => !only || x.c.id.startsWith(only));
    const byCategory = new Map<Category, { pass: number; total: number }>();
    const latencies: number[] = [];
    const failures: string[] = [];
    let refuseWrong = 0;
    let refuseTotal = 0;
    for (const { dataset, c } of cases) {
      const turns = Array.isArray(c.q) ? c.q : [c.q];
      let conversation: Conversation | null = null;
      let last: Awaited<ReturnType<typeof askQuestion>>['answer'] | null = null;
      let error: string | null = null;
      for (const q of turns) {
        const t0 = performance.now();
        try {
          const r = await askQuestion(engine, {
            parquetPath: dataset.parquetPath,
            columns: dataset.columns,
            profile: profiles.get(dataset.id),
            question: q,
            conversation,
            datasetName: dataset.datasetName,
          });
          conversation = r.conversation;
          last = r.answer;
        } catch (e) {
          error = `threw: ${(e as Error).message}`;
        }
        latencies.push(performance.now() - t0);
      }
      const problem = error ?? (last ? check(last, c.expect) : 'no answer');
      const stat = byCategory.get(c.category) ?? { pass: 0, total: 0 };
      stat.total++;
      if (!problem) stat.pass++;
      byCategory.set(c.category, stat);
      if (c.category === 'must_refuse') {
        refuseTotal++;
        if (last?.status === 'answered') refuseWrong++;
      }
      if (problem)
        failures.push(
          `${c.id} [${c.category}] ${turns.join(' → ')}\n    ${problem}${verbose && last?.sql ? `\n    ${last.sql} ${JSON.stringify(last.params)}` : ''}`,
        );
    }
    const total = [...byCategory.values()].reduce((a, s) => a + s.total, 0);
    const pass = [...byCategory.values()].reduce((a, s) => a + s.pass, 0);
    console.log(
      `\nNLQ evaluation: ${cases.length} cases over ${new Set(cases.map((x) => x.dataset.id)).size} datasets\n`,
    );
    for (const [cat, s] of [...byCategory.entries()].sort())
      console.log(
        `  ${cat.padEnd(18)} ${String(s.pass).padStart(3)}/${String(s.total).padEnd(3)} ${((100 * s.pass) / s.total).toFixed(1).padStart(5)}%`,
      );
    console.log(
      `\n  overall            ${pass}/${total} = ${((100 * pass) / total).toFixed(1)}% exact (target ≥ 95%)`,
    );
    console.log(
      `  must-refuse        ${refuseTotal - refuseWrong}/${refuseTotal} refused or clarified; confidently wrong: ${refuseWrong} (target 0)`,
    );
    console.log(
      `  latency per turn   p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (${latencies.length} turns)`,
    );
    if (failures.length && (verbose || failures.length <= 40))
      console.log(`\nFailures:\n${failures.join('\n')}`);
    if (strict && (pass / total < 0.95 || refuseWrong > 0)) process.exitCode = 1;
  } finally {
    await engine.close();
  }
}

await main();
