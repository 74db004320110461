import { describe, expect, it } from '@jest/globals';
import { compareRows } from '../../components/version-diff';
import { programmeFields, programmeRows } from './programme-versions';

const first = {
  start: '2027-09-01',
  end: '2028-02-29',
  directions: ['Методическая поддержка'],
  difficulties: ['Дисциплина на уроке'],
  activities: [
    { title: 'Открытый урок наставляемого', plannedDate: '2027-10-15' },
    { title: 'Посещение уроков наставника', plannedDate: '2027-11-01' },
  ],
};

describe('programme versions compared', () => {
  it('given a correction that moves the end, reschedules one activity and replaces another, then each shows as its change', () => {
    const corrected = {
      ...first,
      end: '2028-05-31',
      activities: [
        { title: 'Открытый урок наставляемого', plannedDate: '2028-03-10' },
        { title: 'Разбор контрольной работы', plannedDate: '2027-12-01' },
      ],
    };
    const rows = compareRows(programmeRows(first), programmeRows(corrected), (r) => r.key, programmeFields);
    expect(rows.map((r) => [r.before?.text ?? r.after?.text, r.change.kind, r.change.fields])).toEqual([
      ['01.09.2027 — 29.02.2028', 'changed', ['text']],
      ['Методическая поддержка', 'same', []],
      ['Дисциплина на уроке', 'same', []],
      ['Открытый урок наставляемого', 'changed', ['date']],
      ['Посещение уроков наставника', 'removed', []],
      ['Разбор контрольной работы', 'added', []],
    ]);
  });

  it('given two activities with one title, then both are kept as rows of their own', () => {
    const twice = { ...first, activities: [first.activities[0]!, first.activities[0]!] };
    expect(new Set(programmeRows(twice).map((r) => r.key)).size).toBe(programmeRows(twice).length);
  });
});
