/** The EDA engine functions, loaded on first use in the API process (DuckDB is large). */
export const loadEda = () => import('./eda-engine.ts');
