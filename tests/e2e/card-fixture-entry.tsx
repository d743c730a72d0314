// The real card (src/ui/card.tsx with its style sheets) in a shadow root, as card-host
// renders it, with the menu's actions: for axe in a real browser before the page side
// wires the menu. Bundled by card-fixture.ts and sent to an extension page.

import { render } from 'preact';
import { Card } from '../../src/ui/card';
import cardCss from '../../src/ui/card.css?inline';
import themeCss from '../../src/ui/theme.css?inline';
import type { CardData } from '../../src/shared/views';

const CARD: CardData = {
  id: 'cqc',
  kind: 'body',
  name: 'Care Quality Commission',
  description: 'The independent regulator of health and adult social care in England.',
  sources: [{ label: 'CQC: who we are', url: 'https://www.cqc.org.uk/about-us', publisher: 'CQC' }],
  date: '2015-10-29',
  lines: [],
  corrections: [],
  quotes: [],
  pledges: [],
  related: [{ id: 'nhs-england', name: 'NHS England' }],
};

function sheet(css: string): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
}

/** Shows the card in a host like card-host's; the actions record what they were called with. */
(globalThis as unknown as Record<string, unknown>).hpaShowCard = (opts: { sheet: boolean; notice: boolean }) => {
  document.querySelector('hpa-card-host')?.remove();
  const host = document.createElement('hpa-card-host');
  host.style.cssText = 'position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647';
  document.documentElement.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [sheet(themeCss), sheet(cardCss)];
  const mount = document.createElement('div');
  shadow.append(mount);
  const calls: string[] = [];
  (globalThis as unknown as Record<string, unknown>).hpaCardCalls = calls;
  render(
    <Card
      card={CARD}
      sheet={opts.sheet}
      onClose={() => calls.push('close')}
      onSiteOff={() => calls.push('site-off')}
      onIgnore={(n) => calls.push(`ignore ${n.id}`)}
      onOptions={() => calls.push('options')}
      notice={opts.notice ? { text: 'Names are no longer marked on this site.', onUndo: () => calls.push('undo') } : undefined}
    />,
    mount,
  );
  const card = mount.firstElementChild as HTMLElement;
  if (!opts.sheet) Object.assign(card.style, { left: '16px', top: '16px', width: '380px' });
};
