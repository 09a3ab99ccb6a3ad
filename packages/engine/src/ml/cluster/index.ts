export { KMeans, type KMeansJson, type KMeansParams } from './kmeans.ts';
