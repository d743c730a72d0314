import { launchChromium } from './browsers';
import { readerSuite } from './reader.suite';

readerSuite('Chromium', () => launchChromium());
