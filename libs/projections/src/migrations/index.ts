import { CreateReadModels1763856100000 } from './1763856100000-create-read-models';
import { CreateTasksView1763860000000 } from './1763860000000-create-tasks-view';
import { CreateParticipantsView1763863000000 } from './1763863000000-create-participants-view';
import { CreatePairsView1763865000000 } from './1763865000000-create-pairs-view';
import { CreateNotificationOutbox1763871000000 } from './1763871000000-create-notification-outbox';
import { CreateRoutesView1763870000010 } from './1763870000010-create-routes-view';
import { CreateReportFacts1763890000000 } from './1763890000000-create-report-facts';
import { CreatePendingDeadlines1764600000000 } from './1764600000000-create-pending-deadlines';
import { IndexParticipantsByPerson1764700000000 } from './1764700000000-index-participants-by-person';
import { AddPairToRoutesView1764800000000 } from './1764800000000-add-pair-to-routes-view';
import { IndexOrganisationsByRegionalSpecialist1764910000000 } from './1764910000000-index-organisations-by-regional-specialist';
import { AddNotificationDelivery1765100000000 } from './1765100000000-add-notification-delivery';
import { DropStaffNamesFromOrganisationsView1765200000000 } from './1765200000000-drop-staff-names-from-organisations-view';
import { CreatePracticesView1765328000000 } from './1765328000000-create-practices-view';
import { CreateProjectionParkedEvents1765400000000 } from './1765400000000-create-projection-parked-events';
import { AddNotificationDigest1766010000001 } from './1766010000001-add-notification-digest';
import { AddNotificationChannel1766020000001 } from './1766020000001-add-notification-channel';
import { OrderNotificationsAsEnqueued1766500000000 } from './1766500000000-order-notifications-as-enqueued';
import { CreateIncentivesView1766200000000 } from './1766200000000-create-incentives-view';
import { CreateAssociationsView1766300000000 } from './1766300000000-create-associations-view';
import { IndexOpenTasks1766400000000 } from './1766400000000-index-open-tasks';
import { IndexRegionFacts1766600000000 } from './1766600000000-index-region-facts';

export const readModelMigrations = [
  CreateReadModels1763856100000,
  CreateTasksView1763860000000,
  CreateParticipantsView1763863000000,
  CreatePairsView1763865000000,
  CreateRoutesView1763870000010,
  CreateNotificationOutbox1763871000000,
  CreateReportFacts1763890000000,
  CreatePendingDeadlines1764600000000,
  IndexParticipantsByPerson1764700000000,
  AddPairToRoutesView1764800000000,
  IndexOrganisationsByRegionalSpecialist1764910000000,
  AddNotificationDelivery1765100000000,
  DropStaffNamesFromOrganisationsView1765200000000,
  CreatePracticesView1765328000000,
  CreateProjectionParkedEvents1765400000000,
  AddNotificationDigest1766010000001,
  AddNotificationChannel1766020000001,
  CreateIncentivesView1766200000000,
  CreateAssociationsView1766300000000,
  IndexOpenTasks1766400000000,
  OrderNotificationsAsEnqueued1766500000000,
  IndexRegionFacts1766600000000,
];
