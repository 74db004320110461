export * from './shared/decider';
export * from './shared/refusal';
export * from './shared/file-ref';
export * from './shared/document-scan';
export * from './shared/role.labels';
export { academicYearOf, russianDate, russianDateTime } from './shared/dates';
export * from './organisation/organisation.events';
export * from './organisation/organisation.decider';
export * from './organisation/organisation.labels';
export * from './organisation/organisation.regional-service';
export * from './programme/programme.events';
export * from './programme/programme.gate-context';
export * from './programme/programme.gates';
export * from './programme/programme.commands';
export * from './programme/programme.state';
export * from './programme/programme.decider';
export * from './programme/programme.labels';
export { untrainedMentorsCode } from './programme/programme.preparation-gates';
export * from './programme/programme.preparation-state';
export * from './task/task.events';
export * from './task/task.state';
export * from './task/task.labels';
export * from './task/task.titles';
export * from './task/task.reassignment';
export * from './person/person.card';
export * from './person/person.events';
export * from './person/person.consent';
export * from './person/person.import';
export * from './person/person.depersonalisation';
export * from './person/person.training';
export * from './participant/participant.events';
export * from './participant/participant.decider';
export * from './participant/participant.labels';
export * from './participant/participant.selection';
export * from './participant/mentor-load.events';
export * from './participant/mentor-load.decider';
export * from './pair/pair.events';
export * from './pair/pair.commands';
export * from './pair/pair.state';
export {
  formPairProblems,
  hasConsent,
  pairConsentProblems,
  pairControlPlanProblems,
  pairMinimumTermMonths,
  pairOrderProblems,
  pairTextMaxLength,
  personalProgrammeMaxMonths,
  personalProgrammeMinMonths,
  personalProgrammeProblems,
  repeatControlDefaultDate,
  validateMentorReplacement,
} from './pair/pair.rules';
export { terminationNoticeWorkingDays } from './pair/pair.notice';
export { activityProgress, assignmentsOf, type ActivityProgress } from './pair/pair.assignments';
export {
  defaultReportPeriodMonths,
  nextReportPeriod,
  periodicReportsOf,
  reportPeriodOf,
  type PeriodicReportStatus,
} from './pair/pair.reports';
export * from './pair/pair.gate-counts';
export * from './pair/pair.decider';
export { mayCompletePair } from './pair/pair.control';
export { pairDocumentScan } from './pair/pair.scans';
export * from './pair/pair.labels';
export * from './pair/pair.history.labels';
export * from './route/route.events';
export * from './route/route.code';
export * from './route/route.commands';
export * from './route/route.state';
export { competenceLevel, competenceLevelThresholds, isValidCompetencePercent } from './route/route.rules';
export * from './route/route.indicators';
export * from './route/route.decider';
export { validateDiagnosticsRequest, validateRouteRequest } from './route/route.diagnostics';
export { roadMapRowProgress, type RoadMapRowProgress } from './route/route.activities';
export * from './route/route.labels';
export * from './monitoring/monitoring.events';
export * from './monitoring/monitoring.labels';
export * from './monitoring/monitoring.decider';
export * from './practice/practice.events';
export * from './practice/practice.commands';
export * from './practice/practice.state';
export * from './practice/practice.labels';
export * from './practice/practice.rules';
export * from './practice/practice.decider';
export * from './streams';
export * from './shared/meeting';
export * from './association/association.events';
export * from './association/association.commands';
export * from './association/association.state';
export * from './association/association.rules';
export * from './association/association.labels';
export * from './association/association.decider';
export * from './association/association.reports';
export * from './incentive/incentive.events';
export * from './incentive/incentive.commands';
export * from './incentive/incentive.state';
export * from './incentive/incentive.labels';
export * from './incentive/incentive.rules';
export * from './incentive/incentive.decider';
export * from './incentive/incentive-kinds.state';
export * from './incentive/incentive-kinds.decider';
