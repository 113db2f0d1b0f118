import { DeclaredToolCatalog } from './declared-tool-catalog.js';
import { classifyOpener, scanCallBlock, type BlockKind } from './scan-call-block.js';
import { skipWhitespace } from './scan-optional-closing-tag.js';
import type { DeclaredTool, RescuedCall, RescueOutput } from './tool-rescue-types.js';

export interface ToolCallRescueOptions {
  /**
   * The tools as the model saw them, or their catalog when the caller keeps one across requests; with
   * none declared the rescuer passes text straight through.
   */
  tools: readonly DeclaredTool[] | DeclaredToolCatalog;
  /** The most text held back once a call's opener was seen before giving up and releasing it. */
  maxHoldBytes?: number;
}

export interface ToolCallRescue {
  /** Feeds a text delta; returns what can be released now (text only: calls come out at the end). */
  push(delta: string): RescueOutput[];
  /** Ends the message: releases what is still held and the rescued calls, in order. */
  end(): RescueOutput[];
}

export const DEFAULT_MAX_HOLD_BYTES = 16 * 1024;

const FENCE = '```';
/** Characters that can complete or refute a held block; a delta without them cannot change a verdict. */
const DECISIVE = /[}\]>\n]/;
/** Below this a held block is rescanned on every delta, so early verdicts come at once. */
const ALWAYS_RESCAN_BELOW = 256;

/**
 * The streaming tool-call rescuer (issue 14): text deltas of an assistant message in, the same text out
 * except for tool calls the model wrote as text, which come out as calls.
 *
 * Rules (docs/architecture/tool-rescue.md has the reasoning):
 * - A call can open only at a line start (after indentation) — `<tool_call>`, `<function=`, `{`, `[`,
 *   a ``` fence, and when apply_patch is declared `*** Begin Patch` or `apply_patch <<` — or mid-line
 *   with an explicit tag (`<tool_call>`, `<function=`). Any other line is released as soon as its first
 *   characters rule the openers out; a line that opens like a call is held until it is decided, and no
 *   longer than `maxHoldBytes`.
 * - A held block becomes calls only when all of it is calls to declared tools (names matched with the
 *   near-miss rules of DeclaredToolCatalog) with arguments that pass (an object with the schema's
 *   required keys); otherwise it is released unchanged.
 * - Calls count only when they end the message: once more prose follows a recognised call, that call
 *   was an example, and its text is released as it was written. So calls are emitted by `end()`.
 * - Everything released is byte-identical to the input; calls replace exactly their own text, and the
 *   whitespace between and after them.
 */
export function createToolCallRescue(options: ToolCallRescueOptions): ToolCallRescue {
  const catalog = options.tools instanceof DeclaredToolCatalog ? options.tools : new DeclaredToolCatalog(options.tools);
  const maxHoldBytes = options.maxHoldBytes ?? DEFAULT_MAX_HOLD_BYTES;
  if (catalog.tools.length === 0) return passThrough();

  let held = '';
  let mode: 'line' | 'pass' | 'block' = 'line';
  let blockKind: BlockKind = 'json';
  let blockStart = 0;
  let scannedLength = 0;
  let pendingCalls: RescuedCall[] = [];
  let pendingText = '';
  /** Inside a code block that turned out not to be a call: nothing opens a call until its closing fence. */
  let insideCodeBlock = false;
  let output: RescueOutput[] = [];

  const release = (text: string): void => {
    if (text === '') return;
    const last = output[output.length - 1];
    if (last?.type === 'text') last.text += text;
    else output.push({ type: 'text', text });
  };
  /** Prose after recognised calls: they were examples, so their text goes out as written. */
  const demotePendingCalls = (): void => {
    if (pendingCalls.length === 0) return;
    release(pendingText);
    pendingCalls = [];
    pendingText = '';
  };
  const openBlock = (kind: BlockKind, start: number): void => {
    mode = 'block';
    blockKind = kind;
    blockStart = start;
    scannedLength = 0;
  };

  /** One step at the start of a line (or after a call); false when it must wait for more text. */
  const stepLine = (ended: boolean): boolean => {
    let start = 0;
    if (pendingCalls.length > 0) {
      const whitespace = skipWhitespace(held, 0);
      pendingText += held.slice(0, whitespace);
      held = held.slice(whitespace);
      if (held === '') return false;
    } else {
      while (start < held.length && (held[start] === ' ' || held[start] === '\t')) start++;
      if (start === held.length) {
        if (ended) release(takeHeld(held.length));
        return false;
      }
      if (held[start] === '\n' || held[start] === '\r') {
        release(takeHeld(start + 1));
        return true;
      }
    }
    if (insideCodeBlock) {
      if (held.length - start < FENCE.length && FENCE.startsWith(held.slice(start)) && !ended) return false;
      if (held.startsWith(FENCE, start)) insideCodeBlock = false;
      mode = 'pass';
      return true;
    }
    const opener = classifyOpener(held, start, catalog, 'line');
    if (opener === 'maybe' && !ended) return false;
    if (opener === 'maybe' || opener === 'text') {
      demotePendingCalls();
      mode = 'pass';
    } else {
      openBlock(opener, start);
    }
    return true;
  };

  /** Plain text up to the end of the line, watching for an inline tag. */
  const stepPass = (ended: boolean): boolean => {
    const newline = held.indexOf('\n');
    const lineEnd = newline < 0 ? held.length : newline;
    for (let tag = held.indexOf('<'); tag >= 0 && tag < lineEnd; tag = held.indexOf('<', tag + 1)) {
      const opener = classifyOpener(held, tag, catalog, 'inline');
      if (opener === 'text' || (opener === 'maybe' && ended)) continue;
      release(takeHeld(tag));
      if (opener === 'maybe') return false;
      openBlock(opener, 0);
      return true;
    }
    if (newline < 0) {
      release(takeHeld(held.length));
      return false;
    }
    release(takeHeld(newline + 1));
    mode = 'line';
    return true;
  };

  const stepBlock = (ended: boolean): boolean => {
    const blockLength = held.length - blockStart;
    const undecidable =
      !ended && blockLength >= ALWAYS_RESCAN_BELOW && blockLength <= maxHoldBytes && !DECISIVE.test(held.slice(scannedLength));
    if (undecidable) return false;
    scannedLength = held.length;
    const scan = scanCallBlock(blockKind, held, blockStart, ended, catalog);
    if (scan.status === 'need-more' && !ended && blockLength <= maxHoldBytes) return false;
    // A call longer than the hold limit is refused even when it arrives in one piece, so the verdict
    // never depends on how the text was chunked.
    if (scan.status === 'call' && scan.end - blockStart <= maxHoldBytes) {
      pendingCalls.push(...scan.calls);
      pendingText += takeHeld(scan.end);
      mode = 'line';
      return true;
    }
    // Not a call: release its first character and read the rest of the line as text (an inline tag
    // on it can still open a call). A fence that is no call leaves us inside a code block.
    demotePendingCalls();
    if (blockKind === 'fence' && held.includes('\n', blockStart)) insideCodeBlock = true;
    release(takeHeld(blockStart + 1));
    mode = 'pass';
    return true;
  };

  const takeHeld = (length: number): string => {
    const taken = held.slice(0, length);
    held = held.slice(length);
    return taken;
  };

  const drain = (ended: boolean): void => {
    let progressing = true;
    while (progressing && held !== '') {
      if (mode === 'pass') progressing = stepPass(ended);
      else if (mode === 'line') progressing = stepLine(ended);
      else progressing = stepBlock(ended);
    }
  };

  const collect = (): RescueOutput[] => {
    const collected = output;
    output = [];
    return collected;
  };

  return {
    push(delta) {
      if (delta === '') return [];
      held += delta;
      drain(false);
      return collect();
    },
    end() {
      drain(true);
      release(takeHeld(held.length));
      output.push(...pendingCalls);
      pendingCalls = [];
      pendingText = '';
      return collect();
    },
  };
}

function passThrough(): ToolCallRescue {
  return {
    push: (delta) => (delta === '' ? [] : [{ type: 'text', text: delta }]),
    end: () => [],
  };
}
