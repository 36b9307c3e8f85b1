/** A count for people: as is when whole, else a weighted estimate rounded, marked "≈". */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : `≈${Math.round(n)}`;
}
