import type { Match } from '../engine/engine';

/** What the page knows when it asks for matches. */
export interface MatchContext {
  /** The article's date, YYYY-MM-DD, or null. */
  date: string | null;
  /** The page's <html lang>, or null. */
  lang: string | null;
}

/** Finds the knowledge base's names in page text; the page side does not care where the engine runs. */
export interface PageMatcher {
  /**
   * Matches the page's whole text. `turn` gives the page its turn (resolves after yielding when our slice is used
   * up, or at once when `fresh` and some of it is); it returns false when the scan was superseded, and the matcher
   * then stops and returns null. `from`: the text before it was matched already (a long page read on as the reader
   * scrolls): it is matched again with the rest, as one, and only the matches starting at or after `from` are returned.
   */
  matchPage(text: string, context: MatchContext, turn: (fresh?: boolean) => Promise<boolean>, from?: number): Promise<Match[] | null>;
  /** Matches text added later (a live blog's entry); `known` are the ids the page already named in full. */
  matchAdded(text: string, context: MatchContext, known: ReadonlySet<string>): Promise<Match[]>;
  /** Drops any state kept for this page (called when annotation is switched off). */
  dispose(): void;
  /** A role's name ("health secretary"), for the card's "read as", when a match so far named the role. */
  roleName(roleId: string): string | undefined;
  /** A class's label ("an NHS foundation trust"), for the popup's "on this page", when a match so far named the class. */
  classLabel(classId: string): string | undefined;
}
