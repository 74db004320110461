/**
 * The academic year a programme started today is for: from July on, the one beginning this September (a
 * director prepares it over the summer); before July, the one already running.
 */
export function academicYearOf(today: string): { start: string; end: string; title: string } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const first = month >= 7 ? year : year - 1;
  return {
    start: `${first}-09-01`,
    end: `${first + 1}-08-31`,
    title: `Программа наставничества педагогических работников на ${first}/${String(first + 1).slice(2)} учебный год`,
  };
}
