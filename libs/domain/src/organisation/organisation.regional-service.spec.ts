import type { CommandMetadata } from '../shared/decider';
import { deciderSpec } from '../shared/testing';
import { organisationDecider, type OrganisationState } from './organisation.decider';
import type { OrganisationEvent } from './organisation.events';
import type { AssignRegionalSpecialist } from './organisation.regional-service';

const spec = deciderSpec(organisationDecider);
const now = '2026-03-02T06:00:00.000Z';
const curator: CommandMetadata = { actorId: 'curator-1', role: 'curator', now };
const coordinator: CommandMetadata = { actorId: 'coordinator-1', role: 'regionalCoordinator', now };
const tutorOfSchool: CommandMetadata = { actorId: 'tutor-1', role: 'tutor', now };

const registered = (kind: 'school' | 'professionalExcellenceCentre' = 'school'): OrganisationEvent => ({
  type: 'OrganisationRegistered',
  data: {
    organisationId: 'school-1',
    name: 'МБОУ «Школа № 5»',
    kind,
    municipality: 'г. Тольятти',
    region: 'Самарская область',
    timeZone: 'Europe/Samara',
    settings: { mentorCapacity: 2 },
    registeredAt: now,
    registeredBy: 'admin-1',
  },
});

const centre = {
  organisationId: 'centre-1',
  kind: 'professionalExcellenceCentre',
  region: 'Самарская область',
} as const;
const assignment: AssignRegionalSpecialist['data'] = {
  personId: 'tutor-9',
  role: 'tutor',
  regionalOrganisationId: 'centre-1',
  regionalOrganisation: centre,
  holdsRoleThere: true,
};
const assigned: OrganisationEvent = {
  type: 'RegionalSpecialistAssigned',
  data: {
    organisationId: 'school-1',
    personId: 'tutor-9',
    role: 'tutor',
    regionalOrganisationId: 'centre-1',
    assignedAt: now,
    assignedBy: 'curator-1',
  },
};
const released: OrganisationEvent = {
  type: 'RegionalSpecialistReleased',
  data: {
    organisationId: 'school-1',
    personId: 'tutor-9',
    role: 'tutor',
    regionalOrganisationId: 'centre-1',
    releasedAt: now,
    releasedBy: 'coordinator-1',
  },
};

const fold = (events: OrganisationEvent[]): OrganisationState =>
  events.reduce(organisationDecider.evolve, organisationDecider.initialState());

describe('regional specialists serving an organisation', () => {
  describe('AssignRegionalSpecialist', () => {
    it('the school’s curator assigns a ЦНППМ tutor', () =>
      spec
        .given([registered()])
        .when({ type: 'AssignRegionalSpecialist', data: assignment, metadata: curator })
        .then([assigned]));

    it('the regional coordinator assigns too', () =>
      spec
        .given([registered()])
        .when({ type: 'AssignRegionalSpecialist', data: assignment, metadata: coordinator })
        .then([{ ...assigned, data: { ...assigned.data, assignedBy: 'coordinator-1' } } as OrganisationEvent]));

    it('refuses a tutor of the school itself', () =>
      spec
        .given([registered()])
        .when({ type: 'AssignRegionalSpecialist', data: assignment, metadata: tutorOfSchool })
        .thenRefuses('organisation.regionalSpecialist.forbidden'));

    it('names every unmet condition: not a regional organisation, another region, the role not held there', () =>
      spec
        .given([registered()])
        .when({
          type: 'AssignRegionalSpecialist',
          data: {
            ...assignment,
            regionalOrganisation: { organisationId: 'centre-1', kind: 'school', region: 'Приморский край' },
            holdsRoleThere: false,
          },
          metadata: curator,
        })
        .thenRefuses('organisation.regionalSpecialist.invalid', [
          'regionalSpecialist.regionalOrganisation.notRegional',
          'regionalSpecialist.regionalOrganisation.otherRegion',
          'regionalSpecialist.roleNotHeld',
        ]));

    it('refuses an unregistered regional organisation', () =>
      spec
        .given([registered()])
        .when({
          type: 'AssignRegionalSpecialist',
          data: { ...assignment, regionalOrganisation: undefined },
          metadata: curator,
        })
        .thenRefuses('organisation.regionalSpecialist.invalid', ['regionalSpecialist.regionalOrganisation.unknown']));

    it('does not assign specialists to a regional organisation', () =>
      spec
        .given([registered('professionalExcellenceCentre')])
        .when({ type: 'AssignRegionalSpecialist', data: assignment, metadata: curator })
        .thenRefuses('organisation.regionalSpecialist.invalid', ['regionalSpecialist.servedIsRegional']));

    it('refuses the same assignment twice', () =>
      spec
        .given([registered(), assigned])
        .when({ type: 'AssignRegionalSpecialist', data: assignment, metadata: curator })
        .thenRefuses('organisation.regionalSpecialist.alreadyAssigned'));
  });

  describe('ReleaseRegionalSpecialist', () => {
    const release = { personId: 'tutor-9', role: 'tutor', regionalOrganisationId: 'centre-1' } as const;

    it('the regional coordinator releases the assignment', () =>
      spec
        .given([registered(), assigned])
        .when({ type: 'ReleaseRegionalSpecialist', data: release, metadata: coordinator })
        .then([released]));

    it('refuses a release of an assignment that does not exist', () =>
      spec
        .given([registered(), assigned, released])
        .when({ type: 'ReleaseRegionalSpecialist', data: release, metadata: coordinator })
        .thenRefuses('organisation.regionalSpecialist.notAssigned'));
  });

  it('evolves the list; a state folded before the list existed has none', () => {
    const state = fold([registered(), assigned]);
    expect(state.status === 'registered' && state.regionalSpecialists).toEqual([
      { personId: 'tutor-9', role: 'tutor', regionalOrganisationId: 'centre-1', assignedAt: now },
    ]);
    const after = fold([registered(), assigned, released]);
    expect(after.status === 'registered' && after.regionalSpecialists).toEqual([]);
    expect(fold([registered()])).not.toHaveProperty('regionalSpecialists');
  });
});
