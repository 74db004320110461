import { CreateRouteCodeSequences1763870000020 } from './1763870000020-create-route-code-sequences';
import { CreateUsers1763880000000 } from './1763880000000-create-users';
import { CreatePeople1764900000000 } from './1764900000000-create-people';
import { AllowTeacherRole1765300000000 } from './1765300000000-allow-teacher-role';
import { CreateIdempotencyKeys1765310000000 } from './1765310000000-create-idempotency-keys';
import { CreateNotificationPreferences1766010000000 } from './1766010000000-create-notification-preferences';
import { CreateNotificationChannels1766020000000 } from './1766020000000-create-notification-channels';
import { CreatePreparationTables1766100000000 } from './1766100000000-create-preparation-tables';

/**
 * The API's own tables, which no event fills and no projection rebuild may touch: users and their role
 * assignments, the staff directory (schema `personal`), the route code registry, and the stored answers of
 * idempotent commands. Moved from libs/projections with their class names and
 * timestamps, which TypeORM records as applied.
 */
export const apiTableMigrations = [
  CreateRouteCodeSequences1763870000020,
  CreateUsers1763880000000,
  CreatePeople1764900000000,
  AllowTeacherRole1765300000000,
  CreateIdempotencyKeys1765310000000,
  CreateNotificationPreferences1766010000000,
  CreateNotificationChannels1766020000000,
  CreatePreparationTables1766100000000,
];
