import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces travel as an encoded payload — encrypted by the payload codec —
 * instead of plain text in the history (an activity's database error can quote the data it failed on).
 * Loaded by path: the worker bundles it into the workflow sandbox, clients require it.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
