// The address annotation decisions are made for: a frame without its own (about:srcdoc)
// takes its parent's.

export function pageUrl(doc: Document): string | null {
  if (/^https?:$/.test(doc.location.protocol)) return doc.location.href;
  try {
    const parent = doc.defaultView?.parent;
    if (parent && parent !== doc.defaultView && /^https?:$/.test(parent.location.protocol)) return parent.location.href;
  } catch {
    // A cross-origin parent: not ours to read.
  }
  return null;
}
