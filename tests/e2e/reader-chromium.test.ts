import { launchChromium } from './browsers';
import { readerSuite } from './reader.suite';

readerSuite('Chromium', (o) => launchChromium(undefined, o), { grantsAddedSites: false });
