/** The project's own ESLint rules, as a plugin for eslint.config.js. */
import noDeepCrossFolderImports from './no-deep-cross-folder-imports.js';

export default {
  meta: { name: 'project' },
  rules: { 'no-deep-cross-folder-imports': noDeepCrossFolderImports },
};
