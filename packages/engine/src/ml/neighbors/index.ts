export { KNeighborsClassifier, KNeighborsRegressor, type KnnJson, type KnnParams } from './knn.ts';
