/** The checks of the rules language (one file per kind of check) and the capped document validator. */
export { CorrectionsValidator, registerValidationChecks } from './corrections-validator.js';
export { CorrectionsDocumentValidator } from './corrections-document-validator.js';
export { capDiagnostics, MAX_PER_CODE } from './diagnostic-cap.js';
export { IssueCodes, type DidYouMeanData, type UncoveredData } from './issue-codes.js';
export { withSuggestion } from './suggestions.js';
