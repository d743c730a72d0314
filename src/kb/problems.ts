// A problem in the KB sources, reported as `file › entry › reason`.

export interface Problem {
  file: string;
  entry: string;
  reason: string;
}

export class KbBuildError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`knowledge base has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` + problems.map(formatProblem).join('\n'));
    this.name = 'KbBuildError';
  }
}

function formatProblem(p: Problem): string {
  return `  ${p.file} › ${p.entry} › ${p.reason}`;
}
