import type { OrganisationEvent, TaskEvent } from '@mentorflow/domain';
import { eventTypesOf, everyTaskEvent } from './projection';

describe('eventTypesOf', () => {
  it('keeps the types marked handled, leaves out those marked false', () => {
    const types = eventTypesOf<OrganisationEvent>().every({
      OrganisationRegistered: true,
      StaffAssigned: true,
      StaffRemoved: false,
      OrganisationSettingsChanged: false,
      RegionalSpecialistAssigned: false,
      RegionalSpecialistReleased: false,
    });
    expect([...types].sort()).toEqual(['OrganisationRegistered', 'StaffAssigned']);
  });

  it('takes a subset as given', () =>
    expect([...eventTypesOf<TaskEvent>().some('TaskRaised', 'TaskOverdue')]).toEqual(['TaskRaised', 'TaskOverdue']));

  it('names every task event once', () => expect(Object.keys(everyTaskEvent)).toHaveLength(8));

  // Checked by `tsc --noEmit` (the typecheck), not at run time: each line must fail to compile.
  it('refuses a forgotten or misspelt type at compile time', () => {
    // @ts-expect-error StaffRemoved is missing: a new event type must be decided on
    eventTypesOf<OrganisationEvent>().every({ OrganisationRegistered: true, StaffAssigned: true });
    eventTypesOf<OrganisationEvent>().every({
      OrganisationRegistered: true,
      StaffAssigned: true,
      StaffRemoved: true,
      OrganisationSettingsChanged: true,
      RegionalSpecialistAssigned: true,
      RegionalSpecialistReleased: true,
      // @ts-expect-error StaffFired is no organisation event
      StaffFired: true,
    });
    // @ts-expect-error TaskOverdued is no task event
    eventTypesOf<TaskEvent>().some('TaskRaised', 'TaskOverdued');
  });
});
