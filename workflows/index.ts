// The worker bundles this file: it must export every workflow and import nothing but workflow-safe code.
export { programmeWorkflow } from './programme/programme.workflow';
export { pairWorkflow } from './pair/pair.workflow';
export { routeWorkflow } from './route/route.workflow';
export { dailyDigestWorkflow } from './notifications/daily-digest.workflow';
export { associationWorkflow } from './association/association.workflow';
