import { a11ySuite } from './a11y.suite';
import { launchFirefox } from './browsers';

// Firefox over WebDriver BiDi has no colour-scheme emulation: the dark theme is forced into each page.
a11ySuite('Firefox', () => launchFirefox());
