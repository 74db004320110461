import { routeDecider } from './route.decider';
import type { CompetenceArea, RouteEvent, RouteRoadMapRow } from './route.events';
import { routeDraftDeliveredOnTime } from './route.indicators';
import {
  agree,
  agreed,
  approveProposal,
  cancelled,
  command,
  completed,
  controlPoints,
  created_,
  draftDone,
  draftOverdue,
  draftRows,
  draftSubmitted,
  fold,
  inDesign,
  inDiagnostic,
  inImplementation,
  methodologist,
  row1,
  row2,
  row3,
  row4,
  spec,
  stageChanged,
  submitDraft,
  tAgree,
  tLate,
  tMonthly,
  tSubmitOnTime,
  teacher,
  tutor,
} from './route.fixtures';

describe('individual educational route (ИОМ)', () => {
  describe('SubmitDraft', () => {
    it('hands the draft to the tutor as road-map version 1 and completes the draft task', () =>
      spec
        .given(inDesign)
        .when(submitDraft())
        .then([draftSubmitted(), completed('task-draft', tSubmitOnTime, 'method-1', 'Проект ИОМ передан тьютору')]));

    it('a late draft is not on time, and closes the escalation tasks', () =>
      spec
        .given(draftOverdue)
        .when(submitDraft(draftRows, methodologist(tLate)))
        .then([
          draftSubmitted(tLate, false),
          completed('task-draft', tLate, 'method-1', 'Проект ИОМ передан тьютору'),
          cancelled('task-esc-tutor', tLate, 'Проект ИОМ представлен методистом'),
          cancelled('task-esc-curator', tLate, 'Проект ИОМ представлен методистом'),
        ]));

    it('a draft submitted on time counts for the indicator', () => {
      expect(routeDraftDeliveredOnTime(fold(inDesign))).toBeUndefined();
      expect(routeDraftDeliveredOnTime(fold(draftDone))).toBe(true);
      expect(created_(draftDone).roadMap).toMatchObject({ version: 1, origin: 'methodologistDraft' });
    });

    it('trims texts and drops a blank done mark', () => {
      const [event] = routeDecider.decide(
        submitDraft([{ ...row1, activity: ` ${row1.activity} `, doneMark: ' ' }]),
        fold(inDesign),
      );
      expect(event).toEqual(draftSubmitted(tSubmitOnTime, true, [row1]));
    });

    it('refuses the teacher: the methodologist drafts the route', () =>
      spec
        .given(inDesign)
        .when(submitDraft(draftRows, teacher(tSubmitOnTime)))
        .thenRefuses('route.forbidden'));

    it('refuses a second draft', () =>
      spec.given(draftDone).when(submitDraft()).thenRefuses('route.draft.alreadySubmitted'));

    it('refuses before the diagnostics', () =>
      spec.given(inDiagnostic).when(submitDraft()).thenRefuses('route.stage.mismatch'));

    it('refuses an empty road map', () =>
      spec.given(inDesign).when(submitDraft([])).thenRefuses('route.roadMap.invalid', ['roadMap.rows.empty']));

    it('lists every problem of the rows', () =>
      spec
        .given(inDesign)
        .when(
          submitDraft([
            row1,
            {
              rowId: 'row-1',
              competence: 'sport' as CompetenceArea,
              activity: ' ',
              activityKind: 'lecture' as RouteRoadMapRow['activityKind'],
              tasks: '',
              hours: -2,
              deadline: '2031-01-01',
            },
            { ...row2, rowId: ' ' },
          ]),
        )
        .thenRefuses('route.roadMap.invalid', [
          'roadMap.row.duplicate',
          'roadMap.row.competenceUnknown',
          'roadMap.row.activityEmpty',
          'roadMap.row.activityKindUnknown',
          'roadMap.row.tasksEmpty',
          'roadMap.row.hoursInvalid',
          'roadMap.row.deadlineInvalid',
          'roadMap.row.idEmpty',
        ]));

    it('takes a practice of the bank on an «изучение практики» row only (issue 28)', () => {
      const study = { ...row2, activityKind: 'practiceStudy' as const, practiceId: ' practice-1 ' };
      spec
        .given(inDesign)
        .when(submitDraft([row1, { ...study, activityKind: 'event' }]))
        .thenRefuses('route.roadMap.invalid', ['roadMap.row.practiceKind']);
      spec
        .given(inDesign)
        .when(submitDraft([row1, study]))
        .thenEventTypes(['RouteDraftSubmitted', 'TaskCompleted']);
    });
  });

  describe('AgreeRoadMap: the tutor refines and agrees the draft with the teacher', () => {
    it('agrees the draft unchanged as version 1 and opens implementation', () =>
      spec
        .given(draftDone)
        .when(agree())
        .then([agreed(), stageChanged('design', 'implementation', tAgree)]));

    it('agrees a refined draft as version 2', () =>
      spec
        .given(draftDone)
        .when(agree({ rows: [row1, row2, row3, row4] }))
        .then([
          agreed({ version: 2, source: 'tutorRefinement', rows: [row1, row2, row3, row4] }),
          stageChanged('design', 'implementation', tAgree),
        ]));

    it('rows identical to the draft are the draft', () =>
      spec
        .given(draftDone)
        .when(agree({ rows: draftRows.map((r) => ({ ...r })) }))
        .then([agreed(), stageChanged('design', 'implementation', tAgree)]));

    it('keeps each version in the history', () => {
      const state = created_([
        ...draftDone,
        agreed({ version: 2, source: 'tutorRefinement', rows: [row1, row2, row3, row4] }),
        stageChanged('design', 'implementation', tAgree),
      ]);
      expect(state.roadMapVersions.map((v) => [v.version, v.origin])).toEqual([
        [1, 'methodologistDraft'],
        [2, 'tutorRefinement'],
      ]);
      expect(state).toMatchObject({
        stage: 'implementation',
        controlPoints,
        agreedAt: tAgree,
        roadMap: { version: 2 },
      });
    });

    it('lists what the agreement still lacks', () =>
      spec
        .given([...inDesign.filter((e) => e.type !== 'RouteGoalFixed')])
        .when(agree())
        .thenRefuses('route.agreement.unmet', ['goal.notFixed', 'draft.notSubmitted']));

    it('refuses the methodologist: the tutor agrees the road map', () =>
      spec
        .given(draftDone)
        .when(agree({}, methodologist(tAgree)))
        .thenRefuses('route.forbidden'));

    it('refuses without control points', () =>
      spec
        .given(draftDone)
        .when(agree({ controlPoints: [] }))
        .thenRefuses('route.controlPoints.invalid', ['controlPoints.empty']));

    it('lists every problem of the control points', () =>
      spec
        .given(draftDone)
        .when(
          agree({
            controlPoints: [
              ...controlPoints,
              { controlPointId: 'cp-1', date: '2030-05-04', description: ' ' },
              { controlPointId: '', date: '2026-13-01', description: 'Итог' },
            ],
          }),
        )
        .thenRefuses('route.controlPoints.invalid', [
          'controlPoint.duplicate',
          'controlPoint.dateInvalid',
          'controlPoint.descriptionEmpty',
          'controlPoint.idEmpty',
          'controlPoint.dateInvalid',
        ]));

    it('refuses invalid refined rows', () =>
      spec
        .given(draftDone)
        .when(agree({ rows: [{ ...row1, hours: Number.NaN }] }))
        .thenRefuses('route.roadMap.invalid', ['roadMap.row.hoursInvalid']));

    it('refuses agreeing twice', () => spec.given(inImplementation).when(agree()).thenRefuses('route.stage.mismatch'));
  });

  describe('the teacher’s own road map, approved by the tutor', () => {
    const proposed: RouteEvent = {
      type: 'RoadMapProposed',
      data: { routeId: 'route-1', rows: [row2, row4], proposedAt: tSubmitOnTime, proposedBy: 'teacher-1' },
    };
    /** The agreement that approving `proposed` records, as road-map version `version`. */
    const proposalAgreed = (version: number) =>
      agreed({ version, source: 'teacherProposal', rows: [row2, row4], proposedBy: 'teacher-1' });

    it('the teacher proposes a road map', () =>
      spec
        .given(inDesign)
        .when(command('ProposeOwnRoadMap', { rows: [row2, row4] }, teacher(tSubmitOnTime)))
        .then([proposed]));

    it('approved before any draft, it is version 1 and the draft is no longer awaited', () =>
      spec
        .given([...inDesign, proposed])
        .when(approveProposal())
        .then([
          proposalAgreed(1),
          stageChanged('design', 'implementation', tAgree),
          cancelled('task-draft', tAgree, 'Согласована дорожная карта, предложенная педагогом'),
        ]));

    it('approved after the overdue draft escalation, it closes the escalation tasks too', () => {
      const events = routeDecider.decide(approveProposal(), fold([...draftOverdue, proposed]));
      expect(events.filter((e) => e.type === 'TaskCancelled').map((e) => e.data.taskId)).toEqual([
        'task-draft',
        'task-esc-tutor',
        'task-esc-curator',
      ]);
    });

    it('approved after the draft, it is version 2', () => {
      const state = created_([
        ...draftDone,
        proposed,
        proposalAgreed(2),
        stageChanged('design', 'implementation', tAgree),
      ]);
      expect(state.roadMapVersions.map((v) => v.origin)).toEqual(['methodologistDraft', 'teacherProposal']);
      expect(state.proposal).toBeUndefined();
      expect(state.roadMap?.rows).toEqual([row2, row4]);
      spec
        .given([...draftDone, proposed])
        .when(approveProposal())
        .then([proposalAgreed(2), stageChanged('design', 'implementation', tAgree)]);
    });

    it('refuses approval with no proposal', () =>
      spec.given(draftDone).when(approveProposal()).thenRefuses('route.agreement.unmet', ['proposal.missing']));

    it('refuses the teacher approving their own road map', () =>
      spec
        .given([...inDesign, proposed])
        .when(approveProposal(teacher(tAgree)))
        .thenRefuses('route.forbidden'));

    it('refuses the tutor proposing in the teacher’s name', () =>
      spec
        .given(inDesign)
        .when(command('ProposeOwnRoadMap', { rows: [row2] }, tutor(tAgree)))
        .thenRefuses('route.forbidden'));

    it('refuses a proposal once implementation began', () =>
      spec
        .given(inImplementation)
        .when(command('ProposeOwnRoadMap', { rows: [row2] }, teacher(tMonthly)))
        .thenRefuses('route.stage.mismatch'));
  });

  describe('the teacher’s proposal returned with the tutor’s comment', () => {
    const proposed = (rows: RouteRoadMapRow[] = [row2, row4], at = tSubmitOnTime): RouteEvent => ({
      type: 'RoadMapProposed',
      data: { routeId: 'route-1', rows, proposedAt: at, proposedBy: 'teacher-1' },
    });
    const comment = 'Добавьте стажировку по ИКТ-компетенциям';
    const returnIt = (text: string, who = tutor(tAgree)) => command('ReturnProposedRoadMap', { comment: text }, who);
    const returned: RouteEvent = {
      type: 'ProposedRoadMapReturned',
      data: {
        routeId: 'route-1',
        comment,
        proposedAt: tSubmitOnTime,
        proposedBy: 'teacher-1',
        returnedAt: tAgree,
        returnedBy: 'tutor-1',
      },
    };

    it('the tutor returns the pending proposal with a trimmed comment', () =>
      spec
        .given([...inDesign, proposed()])
        .when(returnIt(`  ${comment} `))
        .then([returned]));

    it('a returned proposal is no longer pending; the teacher sees the comment and her rows', () => {
      const state = created_([...inDesign, proposed(), returned]);
      expect(state.proposal).toBeUndefined();
      expect(state.returnedProposal).toEqual({
        rows: [row2, row4],
        proposedAt: tSubmitOnTime,
        comment,
        returnedAt: tAgree,
        returnedBy: 'tutor-1',
      });
      expect(state.stage).toBe('design');
    });

    it('the teacher proposes again, and the tutor approves the new proposal', () => {
      const again = proposed([row2], tAgree);
      const state = created_([...inDesign, proposed(), returned, again]);
      expect(state.proposal?.rows).toEqual([row2]);
      expect(state.returnedProposal).toBeUndefined();
      spec
        .given([...inDesign, proposed(), returned])
        .when(command('ProposeOwnRoadMap', { rows: [row2] }, teacher(tAgree)))
        .then([again]);
      spec
        .given([...inDesign, proposed(), returned, again])
        .when(approveProposal())
        .thenEventTypes(['RoadMapAgreed', 'RouteStageChanged', 'TaskCancelled']);
    });

    it('approving a returned proposal is refused: nothing is pending', () =>
      spec
        .given([...inDesign, proposed(), returned])
        .when(approveProposal())
        .thenRefuses('route.agreement.unmet', ['proposal.missing']));

    it('refuses a blank comment, naming it', () =>
      spec
        .given([...inDesign, proposed()])
        .when(returnIt('   '))
        .thenRefuses('route.proposalReturn.unmet', ['comment.empty']));

    it('refuses a comment over 1000 characters', () =>
      spec
        .given([...inDesign, proposed()])
        .when(returnIt('а'.repeat(1001)))
        .thenRefuses('route.proposalReturn.unmet', ['comment.tooLong']));

    it('refuses when no proposal is pending, naming that and a missing comment', () =>
      spec
        .given([...inDesign, proposed(), returned])
        .when(returnIt(''))
        .thenRefuses('route.proposalReturn.unmet', ['proposal.missing', 'comment.empty']));

    it('refuses anyone but the route’s tutor', () =>
      spec
        .given([...inDesign, proposed()])
        .when(returnIt(comment, teacher(tAgree)))
        .thenRefuses('route.forbidden'));

    it('refuses once implementation began', () =>
      spec.given(inImplementation).when(returnIt(comment)).thenRefuses('route.stage.mismatch'));
  });
});
