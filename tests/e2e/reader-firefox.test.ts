import { launchFirefox } from './browsers';
import { readerSuite } from './reader.suite';

readerSuite('Firefox', (o) => launchFirefox(undefined, o), { grantsAddedSites: true });
