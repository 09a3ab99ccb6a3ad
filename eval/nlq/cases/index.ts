import type { EvalDataset } from '../datasets.ts';
import type { EvalCase } from '../expect.ts';
import { carsCases } from './cars.ts';
import { gapminderCases } from './gapminder.ts';
import { MORE } from './more.ts';
import { moviesCases } from './movies.ts';
import { penguinsCases } from './penguins.ts';
import { salesCases } from './sales.ts';
import { stocksCases } from './stocks.ts';
import { weatherCases } from './weather.ts';

const BY_DATASET: Record<string, (d: EvalDataset) => EvalCase[]> = {
  cars: carsCases,
  movies: moviesCases,
  weather: weatherCases,
  stocks: stocksCases,
  gapminder: gapminderCases,
  penguins: penguinsCases,
  sales: salesCases,
};

export function allCases(datasets: EvalDataset[]): { dataset: EvalDataset; c: EvalCase }[] {
  return datasets.flatMap((d) =>
    [...(BY_DATASET[d.id]?.(d) ?? []), ...(MORE[d.id]?.(d) ?? [])].map((c) => ({ dataset: d, c })),
  );
}
