import { randomUUID } from 'node:crypto';
import { programmeStream, type ProgrammeDocumentKind } from '@mentorflow/domain';
import { createEventStoreActivities } from '../../apps/worker/src/activities/event-store.activities';
import { createProgrammeActivities } from '../../apps/worker/src/activities/programme.activities';
import {
  advanceStageUpdate,
  appointCuratorUpdate,
  recordDocumentUpdate,
  returnToStageUpdate,
} from '../../workflows/programme/programme.messages';
import { captureHistory } from '../support/replay';
import { useTimeSkippingWorker } from '../support/time-skipping';
import { startProgrammeWorkflow } from '../support/programme-start';

/**
 * A programme through every stage to its close, with a return on the way: the replay corpus's history
 * of every stage transition (test/replay/programme-all-stages.json). The pairs' side of each gate is
 * what the pairs slice reports; here it reports every condition met, so the documents decide.
 */
describe('programme through every stage', () => {
  const taskQueue = `programme-stages-${randomUUID()}`;
  const temporal = useTimeSkippingWorker({
    taskQueue,
    activities: ({ store, db }) => ({
      ...createEventStoreActivities({ store }),
      ...createProgrammeActivities({ db }),
      loadProgrammeGateContext: async () => ({
        mentorsSelected: 2,
        menteesSelected: 2,
        pairsAssigned: 1,
        pairsAssignedWithOrderAndConsents: 1,
        pairsWithApprovedPersonalProgramme: 1,
        activePairs: 1,
        activePairsPassedInterimControl: 1,
        processMonitoringResults: 1,
        influenceMonitoringResults: 1,
      }),
    }),
  });

  it('advances one stage at a time, returns with a reason, and closes after the results stage', async () => {
    const director = randomUUID();
    const curator = randomUUID();
    const { meta } = temporal;
    const { programmeId, handle } = await startProgrammeWorkflow(temporal, taskQueue, {
      director,
      title: 'Программа 2026/27',
      timeZone: 'Europe/Samara',
    });
    await handle.executeUpdate(appointCuratorUpdate, {
      args: [{ data: { curatorId: curator }, metadata: await meta(director, 'director') }],
    });
    const record = async (kind: ProgrammeDocumentKind) =>
      handle.executeUpdate(recordDocumentUpdate, {
        args: [
          {
            data: { documentId: randomUUID(), kind, number: `${kind}-1`, date: '2026-09-01', signedBy: 'Директор' },
            metadata: await meta(curator, 'curator'),
          },
        ],
      });
    const advance = async (expectedStage: string) =>
      (
        await handle.executeUpdate(advanceStageUpdate, {
          args: [{ data: { expectedStage: expectedStage as never }, metadata: await meta(curator, 'curator') }],
        })
      ).state;

    await record('implementationAct');
    await record('regulationApprovalOrder');
    await advance('preparatory');
    await record('roadMap');
    await advance('design');
    await handle.executeUpdate(returnToStageUpdate, {
      args: [
        {
          data: { stage: 'design', reason: 'Дорожную карту нужно переработать' },
          metadata: await meta(curator, 'curator'),
        },
      ],
    });
    await advance('design');
    await advance('implementation');
    await record('processMonitoringReport');
    await record('influenceMonitoringReport');
    await advance('reflectiveAnalytical');
    await record('finalReport');
    const closed = await advance('results');
    expect(closed).toMatchObject({ stage: 'closed' });

    const moves = (await temporal.store.readStream(programmeStream(programmeId)))
      .filter((e) => ['StageAdvanced', 'StageReturned', 'ProgrammeClosed'].includes(e.type))
      .map((e) => `${e.type}:${(e.data as { from?: string }).from ?? ''}→${(e.data as { to?: string }).to ?? ''}`);
    expect(moves).toEqual([
      'StageAdvanced:preparatory→design',
      'StageAdvanced:design→implementation',
      'StageReturned:implementation→design',
      'StageAdvanced:design→implementation',
      'StageAdvanced:implementation→reflectiveAnalytical',
      'StageAdvanced:reflectiveAnalytical→results',
      'StageAdvanced:results→closed',
      'ProgrammeClosed:→',
    ]);
    await captureHistory('programme-all-stages', handle);
  });
});
