// @vitest-environment happy-dom
// The popup's knowledge-base footer, rendered with Preact into happy-dom: the date the
// knowledge is as of, the counts in words, the articles it was built from, an install problem.
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KbInfo } from '../../src/shared/views';

// The footer's links open extension pages; rendering it calls nothing of the API.
vi.mock('webextension-polyfill', () => ({ default: { runtime: {}, tabs: {} } }));

const { KbFooter } = await import('../../src/ui/popup/kb-footer');

const info = (over: Partial<KbInfo> = {}): KbInfo => ({
  version: '2.abc',
  asOf: '2026-11-30',
  counts: { people: 1, bodies: 2, terms: 0, roles: 5, pledges: 1, sources: 300 },
  articles: [{ id: '001', title: 'Hunt’s vision', publisher: 'The King’s Fund', date: '2015-07-16', url: 'https://example.org/a' }],
  ...over,
});

let root: HTMLElement | undefined;
function footer(state: Parameters<typeof KbFooter>[0]['info']): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(h(KbFooter, { info: state }), root);
  return root;
}
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
});

const text = (el: Element, selector: string) => el.querySelector(selector)?.textContent ?? null;

describe('KbFooter', () => {
  it('names the version, the date of the knowledge and the counts, one or many', () => {
    const el = footer({ status: 'ready', data: info() });
    expect(text(el, '[data-testid="kb-version"]')).toBe('2.abc');
    expect(text(el, '[data-testid="kb-as-of"]')).toBe('Knowledge as of 30 November 2026');
    expect([...el.querySelectorAll('.counts li')].map((li) => li.textContent)).toEqual([
      '1 person',
      '2 organisations',
      '0 terms',
      '5 roles',
      '1 pledge',
      '300 sources',
    ]);
    expect(el.querySelector('[data-testid="kb-install-error"]')).toBeNull();
  });

  it('lists the articles it was built from, as links that open outside the popup', () => {
    const el = footer({ status: 'ready', data: info() });
    expect(text(el, '.articles summary')).toBe('Built from 1 article');
    const link = el.querySelector<HTMLAnchorElement>('.articles a')!;
    expect(link.textContent).toBe('Hunt’s vision');
    expect(link.getAttribute('href')).toBe('https://example.org/a');
    expect(link.rel).toBe('noopener noreferrer');
    expect(text(el, '.articles li')).toContain('The King’s Fund');
    const two = footer({ status: 'ready', data: info({ articles: [...info().articles, { ...info().articles[0]!, id: '002' }] }) });
    expect(text(two, '.articles summary')).toBe('Built from 2 articles');
  });

  it('leaves out the date and the articles when there are none', () => {
    const el = footer({ status: 'ready', data: info({ asOf: null, articles: [] }) });
    expect(el.querySelector('[data-testid="kb-as-of"]')).toBeNull();
    expect(el.querySelector('.articles')).toBeNull();
  });

  it('shows an install problem and a read error as alerts, as text', () => {
    const el = footer({ status: 'ready', data: info({ installError: 'The quota is full: <b>nothing</b> stored.' }) });
    const alert = el.querySelector('[data-testid="kb-install-error"]')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('The quota is full: <b>nothing</b> stored.');
    expect(alert.querySelector('b')).toBeNull();
    const failed = footer({ status: 'error', error: 'no answer from the background' });
    expect(text(failed, '[role="alert"]')).toBe('The knowledge base could not be read: no answer from the background');
    expect(failed.querySelector('.counts')).toBeNull();
  });
});
