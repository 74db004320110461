import { describe, expect, it } from '@jest/globals';
import type { RoadMapRow } from '../../types';
import { compareVersions, nextRowId } from './road-map-versions';

const course: RoadMapRow = {
  rowId: 'row-1',
  competence: 'ict',
  activity: 'Курс «Цифровые инструменты учителя»',
  activityKind: 'furtherTrainingProgramme',
  tasks: 'Освоить цифровые сервисы',
  hours: 36,
  deadline: '2027-04-02',
};
const internship: RoadMapRow = { ...course, rowId: 'row-2', activity: 'Стажировка', activityKind: 'internship' };
const openLesson: RoadMapRow = { ...course, rowId: 'row-3', activity: 'Открытый урок', chosenMark: true };

describe('compareVersions', () => {
  it('given the draft and the refined map, when compared, then rows are matched by id: added, removed, changed with the fields', () => {
    const rows = compareVersions([course, internship], [{ ...course, hours: 48 }, openLesson]);
    expect(rows.map((r) => [r.rowId, r.change])).toEqual([
      ['row-1', { kind: 'changed', fields: ['hours'] }],
      ['row-2', { kind: 'removed', fields: [] }],
      ['row-3', { kind: 'added', fields: [] }],
    ]);
  });

  it('given a row unchanged but for an absent «отметка выбора», when compared, then it is the same row', () => {
    expect(compareVersions([course], [{ ...course, chosenMark: false }])[0]?.change).toEqual({
      kind: 'same',
      fields: [],
    });
  });
});

describe('nextRowId', () => {
  it('given ids used by any version, when a row is added, then it takes the next number, never a removed row’s id', () => {
    expect(nextRowId(['row-1', 'row-2', 'row-1'])).toBe('row-3');
    expect(nextRowId([])).toBe('row-1');
    expect(nextRowId(['own-7', 'row-4'])).toBe('row-5');
  });
});
