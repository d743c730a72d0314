// A news article as a phone shows it (its viewport meta makes a phone's layout viewport the
// screen's width): KB names near its top, one inside a link, one further down, and enough
// text after them for the page to scroll a word above a bottom sheet.

const FILLER =
  'The report ran to many pages and covered staffing, buildings and waiting times across the region, with figures for each year.';

export function touchPage(): string {
  const filler = (n: number) => Array.from({ length: n }, () => `<p>${FILLER}</p>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hospital inspections on a phone</title>
<meta property="article:published_time" content="2024-05-01T09:00:00Z">
<style>body{font:17px/1.6 Georgia,serif;margin:0 16px;color:#222} a{color:#0645ad}</style>
</head><body>
<main><article>
<h1>Hospital inspections on a phone</h1>
<p id="first">The Care Quality Commission published its report on Tuesday.</p>
<p id="in-link">Read the reply from <a href="/touch-linked">NHS England</a> on the plan.</p>
${filler(6)}
<p id="low">Jeremy Hunt said the plan was ambitious.</p>
${filler(20)}
</article></main>
</body></html>`;
}

/** Where the marked link goes: a page of its own, so that following it is seen. */
export const TOUCH_LINKED_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Linked</title></head><body><p>Followed.</p></body></html>';
