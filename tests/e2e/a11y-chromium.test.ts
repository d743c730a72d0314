import path from 'node:path';
import { a11ySuite } from './a11y.suite';
import { DIST, launchChromium } from './browsers';

a11ySuite('Chromium', () => launchChromium(), { launchDark: () => launchChromium(path.join(DIST, 'chrome'), { colorScheme: 'dark' }) });
