// Today's date as the engine and the cards use it: roles resolve at a text's date, or today.

/** Today's date (UTC) as YYYY-MM-DD. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}
