import type { ContextSource } from '../context-engine.js';

/** One candidate from one retriever, before fusion. */
export interface SourceHit {
  path: string;
  /** 1-based inclusive range the source points at. */
  startLine: number;
  endLine: number;
  /** The line that matched, when the source knows it (grep): windows are centred on it. */
  line?: number | undefined;
  /** Set when the hit is a definition of a symbol the query is about. */
  definition?: string | undefined;
  /** The query named this definition exactly. */
  exact?: boolean | undefined;
}

/** A retriever's answer: hits best first. */
export interface RankedHits {
  /** Distinguishes lists of the same kind (local grep vs bridge grep) in fusion. */
  id: string;
  source: ContextSource;
  hits: SourceHit[];
  /** The ranking is of whole files: its credit goes to every unit of each file (a prior, not a place). */
  fileLevel?: boolean | undefined;
}
