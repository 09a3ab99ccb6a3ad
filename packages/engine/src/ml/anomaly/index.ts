export { IsolationForest, type IsolationForestJson, type IsolationForestParams } from './isolation-forest.ts';
