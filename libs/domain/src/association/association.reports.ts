import type { CreatedAssociation } from './association.state';

/** What the reports count of the mentors' methodical associations (issue 28) on a day. */
export interface AssociationFigures {
  /** Associations created by then. */
  readonly associations: number;
  /** Their members on that day (a person in two associations counts twice: two memberships). */
  readonly members: number;
  /** Meetings held on or before the day whose minutes are recorded by then. */
  readonly meetingsHeld: number;
  /** Plan items added by then whose task was marked done by then. */
  readonly planItemsDone: number;
  /** Plan items added by then and not done by then (a cancelled item counts as neither). */
  readonly planItemsOpen: number;
}

/**
 * The figures as of the instant `at` (ISO; the end of the report's day in the organisation's zone) whose
 * local date is `day`: memberships that began by then and had not ended, meetings held by `day`, plan items
 * done or still open at that instant.
 */
export const associationFiguresAsOf = (
  associations: readonly CreatedAssociation[],
  at: string,
  day: string,
): AssociationFigures => {
  const existing = associations.filter((a) => a.createdAt <= at);
  const byThen = (m: { addedAt: string }) => m.addedAt <= at;
  const items = existing.flatMap((a) =>
    a.plan.filter(byThen).map((item) => {
      const task = a.tasks[item.itemId];
      return task?.completedAt !== undefined && task.completedAt <= at
        ? 'done'
        : task?.status === 'cancelled'
          ? 'cancelled'
          : 'open';
    }),
  );
  return {
    associations: existing.length,
    members: existing.reduce(
      (sum, a) =>
        sum +
        a.members.filter(byThen).length +
        // Older folds (before formerMembers existed) have none.
        (a.formerMembers ?? []).filter((m) => byThen(m) && m.removedAt > at).length,
      0,
    ),
    meetingsHeld: existing.reduce(
      (sum, a) => sum + a.meetings.filter((m) => m.date <= day && m.recordedAt <= at).length,
      0,
    ),
    planItemsDone: items.filter((i) => i === 'done').length,
    planItemsOpen: items.filter((i) => i === 'open').length,
  };
};
