// The toolbar popup: this site's switch, what is marked on the page, the pledge
// history and the knowledge base. Opened as popup.html?view=pledges#<id> (from a card's
// pledge link) it is a full tab showing the pledge history at that pledge.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { PRODUCT_NAME } from '../../shared/product';
import { ask } from '../ask';
import { useLoad } from '../use-load';
import { currentPage, foundOnPage, type PageTarget } from './active-tab';
import { FoundSection } from './found-section';
import { KbFooter } from './kb-footer';
import { PledgeSection } from './pledge-section';
import { SiteSection } from './site-section';

function hashTarget(): string | null {
  const raw = location.hash.slice(1);
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function Popup() {
  const search = useMemo(() => new URLSearchParams(location.search), []);
  const pledgeView = search.get('view') === 'pledges';
  const [target, setTarget] = useState(hashTarget);
  const [siteVersion, setSiteVersion] = useState(0);

  const page = useLoad<PageTarget>(() => (pledgeView ? Promise.resolve({ web: false }) : currentPage(search)), []);
  const web = page.state.status === 'ready' && page.state.data.web ? page.state.data : null;
  const site = useLoad(() => (web ? ask({ type: 'site:get', url: web.url }) : Promise.resolve(null)), [web?.url]);
  const found = useLoad(() => (web ? foundOnPage(web.tabId) : Promise.resolve(null)), [web?.tabId, siteVersion]);
  const pledges = useLoad(() => ask({ type: 'pledges' }), []);
  const kb = useLoad(() => ask({ type: 'kb:info' }), []);

  useEffect(() => {
    const onHash = () => setTarget(hashTarget());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const siteState = site.state.status === 'ready' ? site.state.data : null;
  const onPage = useMemo(() => new Set(found.state.status === 'ready' ? (found.state.data ?? []).map((f) => f.id) : []), [found.state]);

  return (
    <div class={pledgeView ? 'popup full' : 'popup'}>
      <header class="top">
        <h1>{pledgeView ? `${PRODUCT_NAME} — pledge history` : PRODUCT_NAME}</h1>
      </header>
      <main>
        {!pledgeView && page.state.status === 'error' && (
          <p class="alert" role="alert">
            The current tab could not be read: {page.state.error}
          </p>
        )}
        {!pledgeView && page.state.status === 'ready' && (
          <>
            <SiteSection
              page={page.state.data}
              site={site.state}
              onChanged={(s) => {
                site.set(s);
                setSiteVersion((v) => v + 1);
              }}
            />
            {web && <FoundSection tabId={web.tabId} found={found.state} enabled={siteState?.enabled} />}
          </>
        )}
        <PledgeSection pledges={pledges.state} onPage={onPage} target={target} />
      </main>
      <KbFooter info={kb.state} />
    </div>
  );
}
