import { participantsProjection } from './participants/participants.projection';
import { pairsProjection } from './pairs/pairs.projection';
import { organisationsProjection } from './organisations/organisations.projection';
import { programmesProjection } from './programmes/programmes.projection';
import { routesProjection } from './routes/routes.projection';
import type { Projection } from './projection';
import { reportFactsProjection } from './reports/report-facts.projection';
import { tasksProjection } from './tasks/tasks.projection';
import { notificationOutboxProjection } from './notifications/notification-outbox.projection';
import { pendingDeadlinesProjection } from './calendar/pending-deadlines.projection';
import { practicesProjection } from './practices/practices.projection';
import { associationsProjection } from './associations/associations.projection';
import { incentivesProjection } from './incentives/incentives.projection';

export const allProjections: Projection[] = [
  organisationsProjection,
  programmesProjection,
  tasksProjection,
  participantsProjection,
  pairsProjection,
  routesProjection,
  notificationOutboxProjection,
  reportFactsProjection,
  pendingDeadlinesProjection,
  practicesProjection,
  associationsProjection,
  incentivesProjection,
];
