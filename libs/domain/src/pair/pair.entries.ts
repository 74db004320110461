// The mentor's diary and the mentee's reports.
import { refuse } from '../shared/rules';
import type { PairEntry, RecordDiaryEntry, RecordMenteeReport } from './pair.commands';
import type { PairEvent } from './pair.events';
import { entryProblems } from './pair.rules';
import { type FormedPair, type PairState } from './pair.state';
import { requireOpen } from './pair.guards';

/** A diary entry and a mentee report are recorded alike: checked fields, an id new to its list, the text trimmed. */
const entryRecord = <Author extends { readonly mentorId: string } | { readonly menteeId: string }>(
  pair: FormedPair,
  data: PairEntry,
  now: string,
  author: Author,
  recordedIds: readonly string[],
  refusals: { readonly invalid: string; readonly duplicate: string },
) => {
  const problems = entryProblems(pair, data, now);
  if (problems.length > 0) return refuse('pair.entry.invalid', refusals.invalid, problems);
  if (recordedIds.includes(data.entryId)) return refuse('pair.entry.duplicate', refusals.duplicate);
  return {
    pairId: pair.pairId,
    entryId: data.entryId,
    ...author,
    date: data.date,
    text: data.text.trim(),
    recordedAt: now,
  };
};

export const recordDiaryEntry = ({ data, metadata }: RecordDiaryEntry, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  // 002 §6.1.9: the diary is the mentor's own; after a replacement it passes to the new mentor.
  if (metadata.actorId !== pair.mentorId) {
    return refuse('pair.forbidden', 'Дневник наставника ведёт только текущий наставник пары/группы');
  }
  const entry = entryRecord(pair, data, metadata.now, { mentorId: pair.mentorId }, pair.diaryEntryIds, {
    invalid: 'Запись дневника заполнена неверно',
    duplicate: 'Запись с таким идентификатором уже есть в дневнике',
  });
  return [{ type: 'MentorDiaryEntryRecorded', data: entry }];
};

export const recordMenteeReport = ({ data, metadata }: RecordMenteeReport, current: PairState): PairEvent[] => {
  const pair = requireOpen(current);
  // 002 §7.1.6: the mentee reports on their own work.
  if (!pair.menteeIds.includes(metadata.actorId)) {
    return refuse('pair.forbidden', 'Отчёт наставляемого может представить только наставляемый этой пары/группы');
  }
  const report = entryRecord(pair, data, metadata.now, { menteeId: metadata.actorId }, pair.menteeReportIds, {
    invalid: 'Отчёт наставляемого заполнен неверно',
    duplicate: 'Отчёт с таким идентификатором уже представлен',
  });
  return [{ type: 'MenteeReportRecorded', data: report }];
};
