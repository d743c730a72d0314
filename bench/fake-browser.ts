// Stands in for webextension-polyfill in the bench bundle only (a Vite alias in
// bench/browser.ts), so that the content script's own Annotator runs in a plain page:
// its requests to the background are answered by the benchmark, a task later, as a
// real message reply arrives.

type Handler = (message: unknown) => unknown;

let handler: Handler = (message) => ({ ok: false, error: `no background in the bench for ${JSON.stringify(message)}` });

export function setBackground(h: Handler): void {
  handler = h;
}

type Listener = (message: unknown) => unknown;
const listeners = new Set<Listener>();

const browser = {
  runtime: {
    id: 'bench',
    getURL: (p: string) => p,
    onMessage: {
      addListener: (l: Listener) => void listeners.add(l),
      removeListener: (l: Listener) => void listeners.delete(l),
      hasListener: (l: Listener) => listeners.has(l),
    },
    sendMessage: (message: unknown) =>
      new Promise<unknown>((resolve, reject) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          try {
            resolve(handler(message));
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        };
        ch.port2.postMessage(0);
      }),
  },
};

export default browser;
