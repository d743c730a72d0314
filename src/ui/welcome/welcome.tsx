// What the extension does, where it works, how to use it, what it keeps private, and an
// article to try it on. Shown once after the first install; linked from the popup and options.
import browser from 'webextension-polyfill';
import { PRODUCT_NAME } from '../../shared/product';
import { DEFAULT_SITES } from '../../shared/sites';

export function Welcome() {
  return (
    <main>
      <h1>{PRODUCT_NAME}</h1>
      <p>
        {PRODUCT_NAME} explains English health-policy news as you read it. It quietly marks the people, bodies, acronyms and plans a
        reporter assumes you know, and resting the pointer on one opens a card: who or what it is, their roles with dates, what became of it
        since, and where each fact comes from. The toolbar button shows the history of health pledges: who made each, when, and what
        happened to it.
      </p>

      <h2>Where it works</h2>
      <p>It is on for these sites from the start:</p>
      <ul class="sites" aria-label="Sites annotated from the start">
        {DEFAULT_SITES.map((s) => (
          <li key={s.host + (s.paths?.join() ?? '')} class="tag">
            {s.label}
          </li>
        ))}
      </ul>
      <p>On any other site, switch it on from the toolbar button; the browser asks you for access to that site first.</p>

      <h2>How to use it</h2>
      <ul class="steps">
        <li>Rest the pointer on a marked name for a moment to open its card; move into the card to follow a source.</li>
        <li>
          From the keyboard: <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>J</kbd> and <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>K</kbd> step to the next
          and previous mark and open its card; <kbd>Escape</kbd> closes it.
        </li>
        <li>
          The toolbar button switches marking on or off for the site you are on, lists what it found on the page, and keeps the pledge
          history.
        </li>
      </ul>

      <h2>Your privacy</h2>
      <p>
        It makes no network requests at all: everything it knows ships inside it. It stores nothing from the pages you read, only your own
        settings (which sites are on, what is marked), in the browser's storage for this extension.
      </p>

      <h2 id="try">Try it here</h2>
      <p>A health-policy article from July 2015, marked as a news page would be. Rest the pointer on a marked name.</p>
      <iframe
        class="sample"
        src="sample.html"
        title="Sample article: No more inner Stalin: can Jeremy Hunt deliver his vision for the NHS?"
      />

      <div class="links">
        <a class="button" href={browser.runtime.getURL('options.html')}>
          Options: sites, marks and settings
        </a>
        <a class="button" href={browser.runtime.getURL('popup.html?view=pledges')}>
          The pledge history
        </a>
      </div>
    </main>
  );
}
