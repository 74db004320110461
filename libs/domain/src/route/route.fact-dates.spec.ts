import {
  inDiagnostic,
  inImplementation,
  inReflective,
  portfolio,
  recordControl,
  recordDiagnostics,
  spec,
  tControl,
  tDiagnostics,
  tPortfolio,
  teacher,
  tutor,
} from './route.fixtures';

// Defect 11: dates of things that have happened lie no later than today in the organisation's zone.
const withToday = <T extends { now: string }>(metadata: T, today: string) => ({ ...metadata, today });

describe('fact dates of a route are not in the future (organisation zone)', () => {
  it('refuses diagnostics dated after today, naming the field', () =>
    spec
      .given(inDiagnostic)
      .when(recordDiagnostics({ date: '2026-04-29' }, withToday(tutor(tDiagnostics), '2026-04-28')))
      .thenRefuses('route.diagnostics.invalid', ['diagnostics.date.future']));

  it('takes diagnostics dated today in the organisation’s zone', () =>
    spec
      .given(inDiagnostic)
      .when(recordDiagnostics({ date: '2026-04-28' }, withToday(tutor(tDiagnostics), '2026-04-28')))
      .thenEventTypes(['DiagnosticsRecorded', 'RouteStageChanged', 'TaskRaised']));

  it('refuses control diagnostics dated after today', () =>
    spec
      .given(inReflective)
      .when(recordControl({ date: '2030-04-11' }, withToday(tutor(tControl), '2030-04-10')))
      .thenRefuses('route.controlDiagnostics.invalid', ['diagnostics.date.future']));

  it('refuses a portfolio result dated after today, and records one dated before', () => {
    spec
      .given(inImplementation)
      .when(portfolio({ date: '2026-12-22' }, withToday(teacher(tPortfolio), '2026-12-21')))
      .thenRefuses('route.portfolio.invalid', ['portfolio.date.future']);
    spec
      .given(inImplementation)
      .when(portfolio({ date: '2026-12-20' }, withToday(teacher(tPortfolio), '2026-12-21')))
      .thenEventTypes(['PortfolioEntryRecorded']);
  });
});
