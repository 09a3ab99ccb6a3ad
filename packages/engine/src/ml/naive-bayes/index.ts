export { NaiveBayesClassifier, type NaiveBayesJson, type NaiveBayesParams } from './naive-bayes.ts';
