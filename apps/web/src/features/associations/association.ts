import type { PersonListItem } from '../../types';

/** GET /associations/:id as the screen reads it. */
export interface Association {
  associationId: string;
  name: string;
  levelLabel: string;
  organisationId: string;
  organisationName: string | null;
  municipality: string;
  members: { personId: string; fullName: string | null; organisationName: string | null }[];
  plan: { itemId: string; title: string; date: string; responsibleName: string | null; status: string }[];
  meetings: {
    meetingId: string;
    date: string;
    minutesNumber: string;
    agenda: string;
    decisions: string;
    attendees: { personId: string; fullName: string | null }[];
  }[];
  canManage: boolean;
}

export interface AssociationListItem {
  associationId: string;
  name: string;
  levelLabel: string;
  organisationName: string;
  memberCount: number;
  planItemCount: number;
  meetingCount: number;
}

/** Who keeps associations (the API checks again): an organisation's curator or director, the region's coordinator. */
export const associationKeeperRoles = ['curator', 'director', 'regionalCoordinator', 'administrator'] as const;

export type PickedPerson = PersonListItem;
