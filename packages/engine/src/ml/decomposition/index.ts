export { PCA, type PcaJson } from './pca.ts';
