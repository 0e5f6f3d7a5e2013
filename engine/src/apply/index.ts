/** The `apply` boundary: JSON inputs -> the correction lifecycle -> a confirmed correction and its JSON. */
export {
  applyCorrectionModel,
  applyCorrections,
  applyLineEdits,
  readApplyInputs,
  type ApplyInputs,
  type ApplyModel,
  type ApplyOptions,
} from './apply-corrections.js';
export {
  ApplyInputError,
  formatInputIssue,
  formatPath,
  isApplyInputError,
  type InputIssue,
} from './input-issues.js';
export { applyMessages, translateApplyMessage, type ApplyMessageKey } from './messages.js';
export {
  parseJsonText,
  JsonTextError,
  type JsonDocument,
  type JsonPlace,
  type JsonProblem,
} from './json-text.js';
export type { InputText } from './read-input.js';
export { applyResultJson, applyResultJsonChunks, explanationPlace, toPlainJson } from './result-json.js';
