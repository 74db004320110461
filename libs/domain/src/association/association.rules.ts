import type { Role } from '../shared/decider';
import { isIsoDate } from '../shared/dates';
import { type MeetingRecord, meetingRecordProblems } from '../shared/meeting';
import type { UnmetCondition } from '../shared/refusal';
import { unmetIf } from '../shared/rules';
import { isMissing } from '../shared/text';
import type { AssociationLevel } from './association.events';
import { associationFieldLabels as labels } from './association.labels';

export const associationLimits = { name: 300, title: 300, text: 5000, attendees: 200 } as const;

/**
 * Who keeps an association: an organisation's curator or director (002 §9.1.2); a municipality's is kept by
 * the director or curator of its municipal methodical centre or by the region's coordinator (there is no
 * municipal coordinator role: the region's coordinator stands for the municipal methodical service).
 */
export const associationKeeperRoles: Readonly<Record<AssociationLevel, readonly Role[]>> = {
  organisation: ['curator', 'director', 'administrator'],
  municipality: ['curator', 'director', 'regionalCoordinator', 'administrator'],
};

export const associationKeeperMessages: Readonly<Record<AssociationLevel, string>> = {
  organisation: 'Вести методическое объединение организации может куратор или руководитель организации',
  municipality:
    'Вести муниципальное методическое объединение может руководитель или куратор муниципального методического центра или региональный координатор',
};

const textProblems = (field: keyof typeof labels, value: unknown, max: number): UnmetCondition[] => [
  ...unmetIf(isMissing(value), `${field}.missing`, `Не заполнено поле «${labels[field]}»`),
  ...unmetIf(
    typeof value === 'string' && value.trim().length > max,
    `${field}.tooLong`,
    `Поле «${labels[field]}»: не более ${max} символов`,
  ),
];

export const associationNameProblems = (name: unknown): UnmetCondition[] =>
  textProblems('name', name, associationLimits.name);

export const planItemProblems = (item: { title: unknown; date: unknown; responsibleId: unknown }): UnmetCondition[] => [
  ...textProblems('title', item.title, associationLimits.title),
  ...unmetIf(
    typeof item.date !== 'string' || !isIsoDate(item.date),
    'date.invalid',
    `Поле «${labels.date}» должно быть датой в формате ГГГГ-ММ-ДД`,
  ),
  ...unmetIf(isMissing(item.responsibleId), 'responsibleId.missing', `Не заполнено поле «${labels.responsibleId}»`),
];

/** A session's minutes: the shared meeting record (held, not after today), its agenda, decisions and attendees. */
export const associationMeetingProblems = (
  meeting: MeetingRecord & { agenda: unknown; decisions: unknown; attendeeIds: unknown },
  metadata: { readonly now: string; readonly today?: string },
): UnmetCondition[] => [
  ...meetingRecordProblems(meeting, metadata),
  ...textProblems('agenda', meeting.agenda, associationLimits.text),
  ...textProblems('decisions', meeting.decisions, associationLimits.text),
  ...unmetIf(
    !Array.isArray(meeting.attendeeIds) || meeting.attendeeIds.length === 0,
    'attendeeIds.empty',
    `Не заполнено поле «${labels.attendeeIds}»`,
  ),
];
