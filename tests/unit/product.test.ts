// One product name: the manifest and the static pages' titles say what src/shared/product.ts says.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRODUCT_NAME } from '../../src/shared/product';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('the product name', () => {
  it('is the manifest name and the toolbar button title', () => {
    const manifest = JSON.parse(read('manifest.json')) as { name: string; action: { default_title: string } };
    expect(manifest.name).toBe(PRODUCT_NAME);
    expect(manifest.action.default_title).toBe(PRODUCT_NAME);
  });
  it.each(['popup.html', 'options.html', 'welcome.html'])('is in the title of extension/%s', (file) => {
    expect(read(`extension/${file}`)).toMatch(new RegExp(`<title>[^<]*${PRODUCT_NAME}[^<]*</title>`));
  });
});
