// Reads seeds/: the articles, their metadata and the curated YAML, validated by the schema.

import type { MarkKind } from '../shared/mark-kinds';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { Problem } from './problems';
import {
  KB_FOLDERS,
  article,
  publisher,
  type ArticleSource,
  type EntitySource,
  type PledgeSource,
  type PublisherSource,
  type RoleSource,
} from './schema';

export interface Located<T> {
  file: string;
  index: number;
  value: T;
}

export interface Sources {
  articles: ArticleSource[];
  /** Seed text by article id. */
  texts: Map<string, string>;
  entities: Located<EntitySource & { kind: MarkKind }>[];
  roles: Located<RoleSource>[];
  pledges: Located<PledgeSource>[];
  ignore: Located<{ text: string; reason: string }>[];
  /** seeds/kb/publishers.yaml: whom evidence may cite. */
  publishers: Located<PublisherSource>[];
}

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.length
    ? issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '') + ': '
    : '';
}

export function entryName(value: unknown, index: number): string {
  const idv = value && typeof value === 'object' && 'id' in value ? value.id : undefined;
  const text = value && typeof value === 'object' && 'text' in value ? value.text : undefined;
  const domain = value && typeof value === 'object' && 'domain' in value ? value.domain : undefined;
  if (typeof idv === 'string') return `${idv} (entry ${index + 1})`;
  if (typeof text === 'string') return `"${text}" (entry ${index + 1})`;
  return typeof domain === 'string' ? `${domain} (entry ${index + 1})` : `entry ${index + 1}`;
}

export function readSources(seedsDir: string, problems: Problem[]): Sources {
  const rel = (f: string) => path.relative(process.cwd(), path.join(seedsDir, f)) || f;
  const sources: Sources = { articles: [], texts: new Map(), entities: [], roles: [], pledges: [], ignore: [], publishers: [] };

  const articlesFile = rel('articles.json');
  let rawArticles: unknown;
  try {
    rawArticles = JSON.parse(fs.readFileSync(path.join(seedsDir, 'articles.json'), 'utf8'));
  } catch (e) {
    problems.push({ file: articlesFile, entry: '(file)', reason: `cannot read: ${(e as Error).message}` });
    rawArticles = [];
  }
  if (!Array.isArray(rawArticles)) problems.push({ file: articlesFile, entry: '(file)', reason: 'must be a JSON list of articles' });
  else
    rawArticles.forEach((raw, i) => {
      const r = article.safeParse(raw);
      if (!r.success) {
        for (const issue of r.error.issues)
          problems.push({ file: articlesFile, entry: entryName(raw, i), reason: issuePath(issue) + issue.message });
        return;
      }
      const textPath = path.join(seedsDir, r.data.file);
      if (!fs.existsSync(textPath)) {
        problems.push({ file: articlesFile, entry: entryName(raw, i), reason: `seed file ${r.data.file} does not exist` });
        return;
      }
      sources.articles.push(r.data);
      sources.texts.set(r.data.id, fs.readFileSync(textPath, 'utf8'));
    });

  for (const [folder, spec] of Object.entries(KB_FOLDERS)) {
    const dir = path.join(seedsDir, 'kb', folder);
    const files = fs.existsSync(dir) ? yamlFilesUnder(dir) : [];
    if (!files.length) {
      problems.push({ file: rel(path.join('kb', folder)), entry: '(folder)', reason: 'is missing or holds no .yaml file' });
      continue;
    }
    for (const full of files) readFile(full, spec);
  }
  const publishersPath = path.join(seedsDir, 'kb', 'publishers.yaml');
  if (!fs.existsSync(publishersPath))
    problems.push({ file: rel(path.join('kb', 'publishers.yaml')), entry: '(file)', reason: 'is missing' });
  else
    readList(publishersPath, publisher, (raw, index) => {
      const file = rel(path.relative(seedsDir, publishersPath));
      sources.publishers.push({ file, index, value: raw as PublisherSource });
    });
  return sources;

  function readFile(full: string, spec: (typeof KB_FOLDERS)[keyof typeof KB_FOLDERS]): void {
    const file = rel(path.relative(seedsDir, full));
    readList(full, spec.schema, (data, index) => {
      const value = data as never;
      if (spec.kind === 'role') sources.roles.push({ file, index, value });
      else if (spec.kind === 'pledge') sources.pledges.push({ file, index, value });
      else if (spec.kind === 'ignore') sources.ignore.push({ file, index, value });
      else sources.entities.push({ file, index, value: { ...(value as EntitySource), kind: spec.kind } });
    });
  }

  /** Parses one YAML list and hands on each entry the schema accepts; the others become problems. */
  function readList(full: string, schema: z.ZodType, accept: (value: unknown, index: number) => void): void {
    const file = rel(path.relative(seedsDir, full));
    let doc: unknown;
    try {
      doc = YAML.parse(fs.readFileSync(full, 'utf8'), { uniqueKeys: true });
    } catch (e) {
      problems.push({ file, entry: '(file)', reason: `is not valid YAML: ${(e as Error).message.split('\n')[0]}` });
      return;
    }
    if (!Array.isArray(doc)) {
      problems.push({ file, entry: '(file)', reason: 'must be a YAML list at top level' });
      return;
    }
    doc.forEach((raw, index) => {
      const r = schema.safeParse(raw);
      if (!r.success) {
        for (const issue of r.error.issues) problems.push({ file, entry: entryName(raw, index), reason: issuePath(issue) + issue.message });
        return;
      }
      accept(r.data, index);
    });
  }
}

/** Every .yaml file under dir, in a stable order (sorted paths), sub-folders included. */
function yamlFilesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.yaml'))
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}
