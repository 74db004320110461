/** What the inbox and a task's title say of a deadline waiting for its production-calendar year. */
export const pendingDeadlineText = (year: number): string =>
  `срок будет рассчитан после загрузки производственного календаря на ${year} год`;
