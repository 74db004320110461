/** The month in the genitive («сентября»), as Intl's Russian long date writes it. */
const monthFormat = new Intl.DateTimeFormat('ru', { day: '2-digit', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A date as Russian orders write it: «01» сентября 2026 г. An absent or malformed date gives the blank
 * the signatory fills by hand: «___» ____________ 20___ г.
 */
export const documentDate = (date: string | undefined): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  if (!match) return '«___» ____________ 20___ г.';
  const [, year, month, day] = match;
  const parts = monthFormat.formatToParts(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
  const monthName = parts.find((p) => p.type === 'month')?.value ?? '';
  return `«${day}» ${monthName} ${year} г.`;
};
