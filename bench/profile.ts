// CPU profiles and heap figures over CDP.

import type { CDPSession } from 'playwright-core';
import type { SourceLookup } from './sourcemap';

// --- CDP helpers -------------------------------------------------------------------------------------

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self time (ms) per function, and inclusive time of the frames whose script URL passes `mine`. */
export function analyseProfile(profile: Profile, mine: (url: string) => boolean, lookup?: SourceLookup) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const minesCache = new Map<number, boolean>();
  const isMine = (id: number): boolean => {
    const hit = minesCache.get(id);
    if (hit !== undefined) return hit;
    const n = byId.get(id)!;
    const p = parent.get(id);
    const v = mine(n.callFrame.url) || (p !== undefined && isMine(p));
    minesCache.set(id, v);
    return v;
  };
  const self = new Map<number, number>();
  let mineUs = 0;
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    totalUs += dt;
    if (isMine(id)) mineUs += dt;
  });
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const cf = byId.get(id)!.callFrame;
    const src = cf.url && mine(cf.url) && lookup ? lookup(cf.lineNumber, cf.columnNumber) : undefined;
    const file = src ? `${src.source}:${src.line}` : cf.url ? `${cf.url.replace(/^.*\//, '')}:${cf.lineNumber + 1}` : '';
    const key = `${cf.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const top = [...byFunction.entries()].sort((a, b) => b[1] - a[1]).map(([fn, us]) => ({ fn, ms: us / 1000 }));
  return { top, mineMs: mineUs / 1000, totalMs: totalUs / 1000 };
}

export async function heapUsed(cdp: CDPSession, gc: boolean): Promise<number> {
  if (gc) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
  }
  const r = await cdp.send('Runtime.getHeapUsage');
  return r.usedSize;
}
