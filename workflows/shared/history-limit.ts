import { workflowInfo } from '@temporalio/workflow';

/**
 * A long-lived pair, programme or route continues as new well before Temporal's 10,240-event warning,
 * so a worker replays at most this many events to rebuild one (bench 8) and the history stays small.
 * Starters pass it in the workflow input: runs started before it existed carry no limit and replay as
 * they ran (the input is part of their history, so no patch marker is needed).
 */
export const HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW = 1_000;

/** The check a workflow waits on to hand over to a new run: the input's limit, or Temporal's suggestion. */
export function historyLimit(continueAsNewAfterEvents: number | undefined): () => boolean {
  return () => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || (continueAsNewAfterEvents !== undefined && info.historyLength >= continueAsNewAfterEvents);
  };
}
