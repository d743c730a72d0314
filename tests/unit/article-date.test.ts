// @vitest-environment happy-dom
// The extension (live DOM) and the CLI (parse5) date a page the same way.

import { describe, expect, it } from 'vitest';
import { pageDate } from '../../src/annotator/page-date';
import { htmlVisibleText } from '../../src/cli/html-text';
import { DATE_META_KEYS } from '../../src/shared/article-date';

const PAGES: [string, string, string | null][] = [
  ['article:published_time', '<head><meta property="article:published_time" content="2015-10-29T09:00:00Z"></head><p>x</p>', '2015-10-29'],
  [
    'a later, more trusted key wins over an earlier one',
    '<head><meta name="date" content="2014-01-02"><meta property="article:published_time" content="2015-10-29"></head>',
    '2015-10-29',
  ],
  ['keys in any case, in itemprop', '<head><meta itemprop="DATEPUBLISHED" content="2016-03-04"></head>', '2016-03-04'],
  ['DC.date.issued', '<head><meta name="DC.date.issued" content="2013-05-06"></head>', '2013-05-06'],
  ['publish-date', '<head><meta name="publish-date" content="2012-07-08"></head>', '2012-07-08'],
  [
    'an invalid day is passed over',
    '<head><meta name="date" content="2015-13-45"><meta name="dc.date" content="2011-02-03"></head>',
    '2011-02-03',
  ],
  [
    'JSON-LD when no meta tag',
    '<script type="application/ld+json">{"@type":"NewsArticle","datePublished": "2017-09-10T08:00"}</script>',
    '2017-09-10',
  ],
  [
    'meta before JSON-LD',
    '<meta name="date" content="2018-01-01"><script type="application/ld+json">{"datePublished":"2017-09-10"}</script>',
    '2018-01-01',
  ],
  ['a <time datetime> last', '<p>Published <time datetime="2019-04-05">5 April</time></p>', '2019-04-05'],
  ['the first valid <time>', '<time datetime="soon">later</time><time datetime="2019-04-06">6 April</time>', '2019-04-06'],
  [
    'other meta keys are not dates',
    '<head><meta name="description" content="2015-10-29"><meta property="og:updated_time" content="2015-10-29"></head>',
    null,
  ],
  [
    'a more trusted key in the body outranks a lesser one in the head',
    '<head><meta name="date" content="2014-01-02"></head><body><meta itemprop="datePublished" content="2013-03-04"></body>',
    '2013-03-04',
  ],
  [
    'the head’s invalid best key does not stop the search',
    '<head><meta property="article:published_time" content="soon"></head><body><time datetime="2012-05-06">6 May</time></body>',
    '2012-05-06',
  ],
  ['no date at all', '<p>Nothing here</p>', null],
];

describe('article date', () => {
  for (const [what, html, expected] of PAGES)
    it(`${what}: the same date in the extension and the CLI`, () => {
      const doc = new DOMParser().parseFromString(`<!doctype html><html>${html}</html>`, 'text/html');
      expect(pageDate(doc)).toBe(expected);
      expect(htmlVisibleText(`<!doctype html><html>${html}</html>`).date).toBe(expected);
    });

  it('reads every listed meta key on both sides', () => {
    for (const key of DATE_META_KEYS) {
      const html = `<!doctype html><html><head><meta name="${key}" content="2020-02-02"></head></html>`;
      expect(pageDate(new DOMParser().parseFromString(html, 'text/html')), key).toBe('2020-02-02');
      expect(htmlVisibleText(html).date, key).toBe('2020-02-02');
    }
  });
});
