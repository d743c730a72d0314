// Requests from the popup and the options page to the background: the data, or an Error
// carrying the background's message. Same helper as the content script's (it retries
// while the MV3 service worker wakes up).

export { ask } from '../shared/ask';
