import { workflowInfo } from '@temporalio/workflow';

/**
 * A long-lived pair, programme or route continues as new after this many history events, far below
 * Temporal's 10,240-event warning: a worker that lost a workflow from its cache (restart, eviction)
 * replays at most this many events to rebuild it. A cold replay costs ≈ 0.26 s to load the bundle plus
 * ≈ 1.3 ms per event: runs of 200 events replayed in 0.48–0.53 s, so 150 keeps it under 0.5 s (bench 8).
 * A command adds ≈ 10 events, so a run holds ≈ 15 commands; a handover costs one more workflow task.
 * Starters pass it in the workflow input: runs started before it existed carry no limit and replay as
 * they ran (the input is part of their history, so no patch marker is needed).
 */
export const HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW = 150;

/** The check a workflow waits on to hand over to a new run: the input's limit, or Temporal's suggestion. */
export function historyLimit(continueAsNewAfterEvents: number | undefined): () => boolean {
  return () => {
    const info = workflowInfo();
    return (
      info.continueAsNewSuggested ||
      (continueAsNewAfterEvents !== undefined && info.historyLength >= continueAsNewAfterEvents)
    );
  };
}
