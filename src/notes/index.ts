export type { SessionRecorder, TurnRecord } from './session-recorder.js';
export {
  createSessionRecorder,
  type NotesSessionRecorder,
  type SessionRecorderOptions,
} from './create-session-recorder.js';
export { validateNotes, type Problem } from './validate-notes.js';
export { listSessions, type SessionSummary } from './list-sessions.js';
export { formatProblems } from './format-problems.js';
export { formatSessionList } from './format-session-list.js';
export { DEFAULT_LOG_DIR, resolveLogDir } from './resolve-log-dir.js';
export { renderSessionHubNote, type SessionHubInput } from './render-session-hub-note.js';
export { renderTurnNote, type TurnNoteInput } from './render-turn-note.js';
