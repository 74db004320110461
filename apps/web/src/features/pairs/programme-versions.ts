/** A personalised programme's versions as rows to compare: its term, directions, difficulties, activities. */
import type { VersionField } from '../../components/version-diff';
import { formatNumericDate } from '../../format';
import type { Pair, PersonalProgrammeVersion, ProposedCorrection } from '../../types';

export interface ProgrammeRow {
  /** Matches the row across versions: the term is one row; a direction, difficulty or activity by its text. */
  key: string;
  what: string;
  text: string;
  date?: string;
}

type ProgrammeContent = Pick<ProposedCorrection, 'start' | 'end' | 'directions' | 'difficulties' | 'activities'>;

/** An activity keeps its row while its title stays (activities carry no id); a repeated title is numbered. */
export function programmeRows(programme: ProgrammeContent): ProgrammeRow[] {
  const seen = new Map<string, number>();
  const keyed = (prefix: string, text: string) => {
    const key = `${prefix}:${text.trim().toLowerCase()}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? key : `${key}#${n}`;
  };
  return [
    {
      key: 'term',
      what: 'Срок программы',
      text: `${formatNumericDate(programme.start)} — ${formatNumericDate(programme.end)}`,
    },
    ...programme.directions.map((d) => ({ key: keyed('direction', d), what: 'Направление', text: d })),
    ...programme.difficulties.map((d) => ({ key: keyed('difficulty', d), what: 'Затруднение', text: d })),
    ...programme.activities.map((a) => ({
      key: keyed('activity', a.title),
      what: 'Мероприятие',
      text: a.title,
      date: formatNumericDate(a.plannedDate),
    })),
  ];
}

export const programmeFields: readonly VersionField<ProgrammeRow, 'text' | 'date'>[] = [
  ['text', 'содержание', (r) => `${r.what}: ${r.text}`],
  ['date', 'дата', (r) => (r.date ? `плановая дата ${r.date}` : '')],
];

/** The approved versions, oldest first (a pair folded before versions were kept has its one programme). */
export const approvedVersions = (pair: Pair): PersonalProgrammeVersion[] =>
  pair.personalProgrammeVersions ?? (pair.personalProgramme ? [{ ...pair.personalProgramme, version: 1 }] : []);

/** A list typed one item a line, blank lines dropped. */
export const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
