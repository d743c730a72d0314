// CSS as constructable stylesheets (no <style> injection): for extension pages, and for
// the card's shadow root on web pages.

/** A constructable stylesheet of `css`, or null where the page refuses one. */
function styleSheet(css: string): CSSStyleSheet | null {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  } catch {
    return null;
  }
}

/** The sheets of `texts` that could be built. */
export function styleSheets(...texts: string[]): CSSStyleSheet[] {
  return texts.map(styleSheet).filter((s): s is CSSStyleSheet => s !== null);
}

export function adoptStyles(...texts: string[]): void {
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...styleSheets(...texts)];
}
