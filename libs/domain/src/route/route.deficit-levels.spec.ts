import type { RouteEvent } from './route.events';
import { competenceAssessmentLabel } from './route.labels';
import {
  allResults,
  assessedInitial,
  command,
  created_,
  diagnosticsRecorded,
  draftRaised,
  inDesign,
  inDiagnostic,
  methodologist,
  recordDiagnostics,
  spec,
  stageChanged,
  tDiagnostics,
  teacher,
  tutor,
} from './route.fixtures';

const tEnter = '2026-04-30T08:00:00.000Z';
const enter = (levels: { area: string; deficitLevel: string }[], metadata = methodologist(tEnter)) =>
  command('EnterDeficitLevels', { diagnosticsId: 'diag-1', levels } as never, metadata);
const entered = (levels: object[], by = 'method-1', when = tEnter): RouteEvent =>
  ({
    type: 'DeficitLevelsEntered',
    data: { routeId: 'route-1', diagnosticsId: 'diag-1', levels, enteredAt: when, enteredBy: by },
  }) as RouteEvent;

describe('deficit levels (003 §5.4): entered per competence, never derived', () => {
  it('records diagnostics without inventing a deficit level', () => {
    const state = created_(inDesign);
    expect(state.diagnostics?.results.find((r) => r.area === 'digitalisation')).toEqual({
      area: 'digitalisation',
      percent: 29,
      level: 'deficit',
    });
  });

  it('takes the levels the tutor enters with the results, as their own event', () =>
    spec
      .given(inDiagnostic)
      .when(
        recordDiagnostics({
          results: allResults.map((r) => (r.area === 'ict' ? { ...r, deficitLevel: 'minimal' as const } : r)),
        }),
      )
      .then([
        diagnosticsRecorded,
        entered([{ area: 'ict', deficitLevel: 'minimal' }], 'tutor-1', tDiagnostics),
        stageChanged('diagnosticMotivational', 'design', tDiagnostics),
        draftRaised,
      ]));

  it('lets the methodologist (or the tutor) enter them later; the route shows them', () => {
    const levels = [
      { area: 'ict', deficitLevel: 'high' },
      { area: 'healthSaving', deficitLevel: 'minimal' },
    ];
    spec
      .given(inDesign)
      .when(enter(levels))
      .then([entered(levels)]);
    spec
      .given(inDesign)
      .when(enter(levels, tutor(tEnter)))
      .then([entered(levels, 'tutor-1')]);
    const ict = created_([...inDesign, entered(levels)]).diagnostics?.results.find((r) => r.area === 'ict');
    expect(ict).toEqual({ area: 'ict', percent: 35, level: 'deficit', deficitLevel: 'high' });
    expect(ict && competenceAssessmentLabel(ict)).toBe('Дефицитный (уровень дефицита: высокий)');
  });

  it('refuses a level for a competence that is not a deficit, an unknown level, and the teacher', () => {
    spec
      .given(inDesign)
      .when(
        enter([
          { area: 'methodical', deficitLevel: 'high' },
          { area: 'ict', deficitLevel: 'severe' },
        ]),
      )
      .thenRefuses('route.deficitLevels.invalid', ['deficitLevel.notDeficit', 'deficitLevel.unknown']);
    spec
      .given(inDesign)
      .when(enter([{ area: 'ict', deficitLevel: 'high' }], teacher(tEnter)))
      .thenRefuses('route.forbidden');
    spec
      .given(inDiagnostic)
      .when(recordDiagnostics({ results: [{ area: 'methodical', percent: 80, deficitLevel: 'high' }] }))
      .thenRefuses('route.diagnostics.invalid', ['deficitLevel.notDeficit']);
  });

  it('keeps what old events derived, marked as derived, until a level is entered', () => {
    const legacy: RouteEvent = {
      type: 'DiagnosticsRecorded',
      data: {
        routeId: 'route-1',
        diagnosticsId: 'diag-1',
        date: '2026-04-28',
        results: assessedInitial.map((r) => (r.area === 'ict' ? { ...r, deficitLevel: 'medium' as const } : r)),
        recordedAt: tDiagnostics,
        recordedBy: 'tutor-1',
      },
    };
    const old = created_([...inDiagnostic, legacy]).diagnostics?.results.find((r) => r.area === 'ict');
    expect(old).toEqual({
      area: 'ict',
      percent: 35,
      level: 'deficit',
      deficitLevel: 'medium',
      deficitLevelDerived: true,
    });
    expect(old && competenceAssessmentLabel(old)).toBe(
      'Дефицитный (уровень дефицита: средний — рассчитан по прежним порогам, не указан людьми)',
    );
    const now = created_([...inDiagnostic, legacy, entered([{ area: 'ict', deficitLevel: 'high' }])]);
    expect(now.diagnostics?.results.find((r) => r.area === 'ict')).toEqual({
      area: 'ict',
      percent: 35,
      level: 'deficit',
      deficitLevel: 'high',
    });
  });
});
