import type { CommandMetadata, DomainCommand } from '../shared/decider';
import { refuse, unmetIf } from '../shared/rules';
import { isUnsetOrBlank } from '../shared/text';
import {
  isRegionalOrganisationKind,
  regionalSpecialistRoles,
  type OrganisationEvent,
  type OrganisationKind,
  type RegionalSpecialistRole,
} from './organisation.events';
import { staffRoleLabels } from './organisation.labels';

/**
 * Regional specialists (issue 18, 000; 003 §3): a tutor or methodologist of a ЦНППМ, an ИРО or a municipal
 * methodical centre serves the teachers of the schools they are assigned to. The assignment is recorded on
 * the served school's stream; the role itself stays in the regional organisation (a role grant there), so
 * revoking it there ends the service everywhere.
 */

/** One specialist serving the organisation in one role. */
export interface RegionalSpecialist {
  readonly personId: string;
  readonly role: RegionalSpecialistRole;
  readonly regionalOrganisationId: string;
  readonly assignedAt: string;
}

/** The regional organisation as the API found it in the registry (absent: not registered). */
export interface RegionalOrganisationFacts {
  readonly organisationId: string;
  readonly kind: OrganisationKind;
  readonly region: string;
}

export type AssignRegionalSpecialist = DomainCommand<
  'AssignRegionalSpecialist',
  {
    readonly personId: string;
    readonly role: RegionalSpecialistRole;
    readonly regionalOrganisationId: string;
    /** Looked up by the API in the registry. */
    readonly regionalOrganisation?: RegionalOrganisationFacts;
    /** Looked up by the API: the person holds `role` in the regional organisation (a role grant there). */
    readonly holdsRoleThere: boolean;
  }
>;

export type ReleaseRegionalSpecialist = DomainCommand<
  'ReleaseRegionalSpecialist',
  { readonly personId: string; readonly role: RegionalSpecialistRole; readonly regionalOrganisationId: string }
>;

/** What these decisions read of the served organisation's state. */
interface ServedOrganisation {
  readonly organisationId: string;
  readonly kind: OrganisationKind;
  readonly region: string;
  readonly regionalSpecialists?: readonly RegionalSpecialist[];
}

/** Old states (folded before the field existed) have no specialists. */
export const regionalSpecialistsOf = (state: ServedOrganisation): readonly RegionalSpecialist[] =>
  state.regionalSpecialists ?? [];

const sameAssignment =
  (data: Pick<RegionalSpecialist, 'personId' | 'role' | 'regionalOrganisationId'>) => (s: RegionalSpecialist) =>
    s.personId === data.personId && s.role === data.role && s.regionalOrganisationId === data.regionalOrganisationId;

/**
 * The school assigns (its director or curator) or the region does (its regional coordinator); the API has
 * established that the actor holds that role in this organisation or its region.
 */
const requireAssigner = (metadata: CommandMetadata): void => {
  if (['administrator', 'regionalCoordinator', 'director', 'curator'].includes(metadata.role)) return;
  refuse(
    'organisation.regionalSpecialist.forbidden',
    'Закреплять специалистов региональной организации может руководитель или куратор организации, региональный координатор или администратор',
  );
};

const roleLabel = (role: string) => (staffRoleLabels as Readonly<Record<string, string>>)[role] ?? `«${role}»`;

export const assignRegionalSpecialist = (
  { data, metadata }: AssignRegionalSpecialist,
  state: ServedOrganisation,
): OrganisationEvent[] => {
  requireAssigner(metadata);
  const regional = data.regionalOrganisation;
  const unmet = [
    ...unmetIf(isUnsetOrBlank(data.personId), 'regionalSpecialist.personId.empty', 'Не указан специалист'),
    ...unmetIf(
      !(regionalSpecialistRoles as readonly string[]).includes(data.role),
      'regionalSpecialist.role.unknown',
      'Специалист региональной организации закрепляется как тьютор или методист',
    ),
    ...unmetIf(
      isRegionalOrganisationKind(state.kind),
      'regionalSpecialist.servedIsRegional',
      'Специалисты региональной организации закрепляются за школами и другими образовательными организациями, а не за региональными',
    ),
    ...unmetIf(
      regional === undefined,
      'regionalSpecialist.regionalOrganisation.unknown',
      'Региональная организация специалиста не зарегистрирована',
    ),
    ...unmetIf(
      regional !== undefined && !isRegionalOrganisationKind(regional.kind),
      'regionalSpecialist.regionalOrganisation.notRegional',
      'Организация специалиста не является ЦНППМ, ИРО или муниципальным методическим центром',
    ),
    ...unmetIf(
      regional !== undefined && regional.region !== state.region,
      'regionalSpecialist.regionalOrganisation.otherRegion',
      'Региональная организация специалиста находится в другом субъекте Российской Федерации',
    ),
    ...unmetIf(
      !data.holdsRoleThere,
      'regionalSpecialist.roleNotHeld',
      `Специалист не назначен на роль «${roleLabel(data.role)}» в региональной организации`,
    ),
  ];
  if (unmet.length > 0)
    return refuse('organisation.regionalSpecialist.invalid', 'Специалиста нельзя закрепить за организацией', unmet);
  if (regionalSpecialistsOf(state).some(sameAssignment(data)))
    return refuse(
      'organisation.regionalSpecialist.alreadyAssigned',
      `Специалист уже закреплён за организацией как ${roleLabel(data.role).toLowerCase()}`,
    );
  return [
    {
      type: 'RegionalSpecialistAssigned',
      data: {
        organisationId: state.organisationId,
        personId: data.personId,
        role: data.role,
        regionalOrganisationId: data.regionalOrganisationId,
        assignedAt: metadata.now,
        assignedBy: metadata.actorId,
      },
    },
  ];
};

export const releaseRegionalSpecialist = (
  { data, metadata }: ReleaseRegionalSpecialist,
  state: ServedOrganisation,
): OrganisationEvent[] => {
  requireAssigner(metadata);
  if (!regionalSpecialistsOf(state).some(sameAssignment(data)))
    return refuse(
      'organisation.regionalSpecialist.notAssigned',
      `Специалист не закреплён за организацией как ${roleLabel(data.role).toLowerCase()} этой региональной организации`,
    );
  return [
    {
      type: 'RegionalSpecialistReleased',
      data: {
        organisationId: state.organisationId,
        personId: data.personId,
        role: data.role,
        regionalOrganisationId: data.regionalOrganisationId,
        releasedAt: metadata.now,
        releasedBy: metadata.actorId,
      },
    },
  ];
};

/** Evolves the list of specialists by one assignment or release. */
export const evolveRegionalSpecialists = (
  current: readonly RegionalSpecialist[],
  event: Extract<OrganisationEvent, { type: 'RegionalSpecialistAssigned' | 'RegionalSpecialistReleased' }>,
): readonly RegionalSpecialist[] => {
  const { personId, role, regionalOrganisationId } = event.data;
  const others = current.filter((s) => !sameAssignment({ personId, role, regionalOrganisationId })(s));
  return event.type === 'RegionalSpecialistAssigned'
    ? [...others, { personId, role, regionalOrganisationId, assignedAt: event.data.assignedAt }]
    : others;
};
