export {
  groupKFold,
  holdoutSplit,
  kFold,
  type ShuffleOptions,
  type Split,
  stratifiedKFold,
  timeSeriesSplit,
} from './splits.ts';
