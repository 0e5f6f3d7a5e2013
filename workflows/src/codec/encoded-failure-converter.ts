/**
 * The failure converter used whenever payloads are encrypted: failure messages and stack traces (which
 * carry invoice keys and tax codes) move into `encodedAttributes`, a payload the codec then encrypts,
 * instead of staying in clear in the history.
 *
 * Temporal loads it by path (`DataConverter.failureConverterPath`): the Worker requires it and also
 * bundles it into the workflow sandbox, so this module must stay workflow-safe (no Node built-ins).
 */
import { DefaultFailureConverter } from '@temporalio/common';

/** The export name Temporal looks for. */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
