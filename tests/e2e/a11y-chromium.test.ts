import path from 'node:path';
import { a11ySuite } from './a11y.suite';
import { DEV_DIST, launchChromium } from './browsers';

a11ySuite('Chromium', () => launchChromium(), { launchDark: () => launchChromium(path.join(DEV_DIST, 'chrome'), { colorScheme: 'dark' }) });
