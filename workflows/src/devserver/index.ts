/** Finding and starting a local Temporal dev server (tests, `npm start`). */
export { findTemporalCli, findTestServer, PROJECT_ROOT, TOOLS_BIN } from './find-cli.js';
