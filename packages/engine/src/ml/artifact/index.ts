export {
  ARTIFACT_FORMAT_VERSION,
  loadArtifact,
  ML_LIBRARY_VERSION,
  type ModelArtifact,
  registerModelKind,
  saveArtifact,
} from './artifact.ts';
export { type ClassifierModel, isClassifier, Pipeline, type SupervisedModel } from './pipeline.ts';
