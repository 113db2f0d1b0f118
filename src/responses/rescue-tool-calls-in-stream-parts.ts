import type { ResponsesStreamPart } from './responses-stream-part.js';
import type { ToolNameMap } from './tool-name-map.js';
import { createToolCallRescue, type ToolCallRescue } from './tool-rescue/create-tool-call-rescue.js';
import { DeclaredToolCatalog } from './tool-rescue/declared-tool-catalog.js';
import type { DeclaredTool, RescuedCall, RescueOutput, RescueShape } from './tool-rescue/tool-rescue-types.js';

/** A tool as the backend declared it to the model (Ollama's and chat completions' lowered function tool). */
export interface LoweredToolDeclaration {
  function: { name: string; parameters?: Record<string, unknown> | undefined };
}

/** One rescued call, as the log and the session note tell it: never its arguments, which may hold secrets. */
export interface RescuedCallRecord {
  /** The tool as the model saw it (flattened `namespace__member`, `apply_patch`). */
  tool: string;
  shape: RescueShape;
}

/** Passes each part on, in order, through `forward`. */
export type StreamPartFilter = (part: ResponsesStreamPart, forward: (part: ResponsesStreamPart) => void) => void;

/**
 * The tools the model was offered, in the rescuer's terms: named as the model saw them, apply_patch
 * (and any other freeform tool) as `custom`, which the ToolNameMap knows.
 */
export function describeDeclaredTools(tools: readonly LoweredToolDeclaration[], toolNameMap: ToolNameMap): DeclaredTool[] {
  return tools.map(({ function: declared }) => {
    const kind = toolNameMap.fromFunctionName(declared.name).kind;
    return declared.parameters ? { name: declared.name, kind, parameters: declared.parameters } : { name: declared.name, kind };
  });
}

// The last catalog and the tools' JSON it was built from: Codex declares the same tools on every request.
let lastCatalog: { toolsJson: string; catalog: DeclaredToolCatalog } | undefined;

/**
 * The catalog of the declared tools, reused while they stay the same: building it (name maps, the
 * apply_patch lookup) cost ~6 µs a request. `toolsJson` is the lowered tools' JSON when the backend
 * already has it (Ollama's body builder keeps it); equal JSON and equal kinds mean equal tools. Without
 * it a catalog is built every time.
 */
export function declaredToolCatalogFor(
  tools: readonly LoweredToolDeclaration[],
  toolNameMap: ToolNameMap,
  toolsJson: string | undefined,
): DeclaredToolCatalog {
  const declared = describeDeclaredTools(tools, toolNameMap);
  // A custom tool and a function with the same lowered JSON differ only in kind, so kinds are compared too.
  if (toolsJson !== undefined && lastCatalog?.toolsJson === toolsJson && sameKinds(lastCatalog.catalog.tools, declared)) {
    return lastCatalog.catalog;
  }
  const catalog = new DeclaredToolCatalog(declared);
  if (toolsJson !== undefined) lastCatalog = { toolsJson, catalog };
  return catalog;
}

function sameKinds(a: readonly DeclaredTool[], b: readonly DeclaredTool[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index]!.kind !== b[index]!.kind) return false;
  return true;
}

/**
 * Sits between a backend's parts and the Responses reducer: text deltas go through the rescuer, and a
 * call the model wrote as text comes out as a `tool-call` part, so the reducer emits it as the same
 * function_call / custom_tool_call item (name decoded, ids generated) a structured call gets.
 * A message ends at a structured call or at `finish`; an `error` drops what is held, as the reducer
 * abandons a half-streamed item (Codex retries the whole response).
 */
export function createToolCallRescueFilter(
  tools: readonly DeclaredTool[] | DeclaredToolCatalog,
  onRescue: (call: RescuedCall) => void,
): StreamPartFilter {
  const declared = tools instanceof DeclaredToolCatalog ? tools.tools : tools;
  const customTools = new Set(declared.filter((tool) => tool.kind === 'custom').map((tool) => tool.name));
  let rescue: ToolCallRescue | undefined;

  const release = (outputs: readonly RescueOutput[], forward: (part: ResponsesStreamPart) => void): void => {
    for (const output of outputs) {
      if (output.type === 'text') {
        forward({ type: 'text-delta', text: output.text });
        continue;
      }
      onRescue(output);
      // A custom tool's raw input travels as `input`, the one property the reducer reads back verbatim.
      const args = customTools.has(output.name) ? { input: output.arguments } : output.arguments;
      forward({ type: 'tool-call', name: output.name, arguments: args });
    }
  };

  return (part, forward) => {
    switch (part.type) {
      case 'text-delta':
        rescue ??= createToolCallRescue({ tools });
        release(rescue.push(part.text), forward);
        break;
      case 'tool-call':
      case 'finish':
        // The message ends here: what is held goes out (as text or calls) before the part that ends it.
        if (rescue) release(rescue.end(), forward);
        rescue = undefined;
        forward(part);
        break;
      case 'error':
        rescue = undefined;
        forward(part);
        break;
      default:
        forward(part);
    }
  };
}
