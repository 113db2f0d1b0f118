import type { z } from 'zod';
import type {
  customToolSchema,
  functionToolSchema,
  namespaceToolSchema,
  ResponsesRequest,
} from '../wire/responses-request-schema.js';
import { encodeToolName, type ToolNameMap, type ToolTarget } from './tool-name-map.js';

type FunctionTool = z.infer<typeof functionToolSchema>;
type NamespaceTool = z.infer<typeof namespaceToolSchema>;
type CustomTool = z.infer<typeof customToolSchema>;

/** A flat function tool, as both Ollama's /api/chat and chat completions declare it. */
export interface LoweredFunctionTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

export interface PreparedResponsesTools {
  tools: LoweredFunctionTool[];
  warnings: string[];
}

// Shared by every request (never mutated), so frozen.
const EMPTY_PARAMETERS: Record<string, unknown> = Object.freeze({ type: 'object', properties: Object.freeze({}) });

/**
 * Responses tool declarations → flat function tools (for Ollama or a chat server), registering every name in `toolNameMap` so
 * the model's calls can be turned back into the namespaced / custom shapes Codex insists on (spec §0 7–8).
 * Hosted tools (web_search, tool_search, …) need OpenAI's servers and are dropped.
 */
export function prepareResponsesTools(
  tools: ResponsesRequest['tools'],
  toolNameMap: ToolNameMap,
): PreparedResponsesTools {
  const prepared: LoweredFunctionTool[] = [];
  const warnings: string[] = [];
  if (!tools) return { tools: prepared, warnings };
  const declared = new Set<string>();

  const declare = (
    target: ToolTarget,
    description: string | null | undefined,
    parameters: Record<string, unknown>,
  ): boolean => {
    const name = encodeToolName(target);
    // Ollama (and the model) cannot tell two tools with one name apart; the first declaration wins.
    if (declared.has(name)) {
      warnings.push(`tool name "${name}" is declared more than once; kept the first declaration`);
      return false;
    }
    declared.add(name);
    toolNameMap.register(target);
    prepared.push({
      type: 'function',
      function: description ? { name, description, parameters } : { name, parameters },
    });
    return true;
  };

  for (const tool of tools) {
    switch (tool.type) {
      case 'function': {
        const fn = tool as FunctionTool;
        declare({ kind: 'function', name: fn.name }, fn.description, fn.parameters ?? EMPTY_PARAMETERS);
        break;
      }
      case 'namespace': {
        const namespace = tool as NamespaceTool;
        for (const member of namespace.tools) {
          const target: ToolTarget = { kind: 'function', name: member.name, namespace: namespace.name };
          if (!declare(target, member.description, member.parameters ?? EMPTY_PARAMETERS)) continue;
          // Models often drop the prefix or use a dot; both still resolve (a real declaration wins).
          toolNameMap.alias(member.name, target);
          toolNameMap.alias(`${namespace.name}.${member.name}`, target);
        }
        break;
      }
      case 'custom': {
        const custom = tool as CustomTool;
        declare({ kind: 'custom', name: custom.name }, describeCustomTool(custom), customToolParameters());
        break;
      }
      default:
        warnings.push(`dropped hosted tool "${tool.type}": Ollama cannot run it`);
    }
  }
  return { tools: prepared, warnings };
}

/**
 * A freeform tool takes raw text (apply_patch: a patch in a lark grammar). Ollama only knows JSON
 * arguments, so the text travels in one string parameter and the grammar goes into the description,
 * the only place the model can still read it.
 */
function describeCustomTool(tool: CustomTool): string {
  const parts: string[] = [];
  if (tool.description) parts.push(tool.description);
  parts.push(
    'Call this tool with exactly one string argument, `input`, holding the raw text it expects ' +
      '(for apply_patch: the whole patch, from "*** Begin Patch" to "*** End Patch"). ' +
      'Put nothing else in the arguments.',
  );
  const definition = tool.format?.definition;
  if (definition) {
    const syntax = tool.format?.syntax ? `${tool.format.syntax} ` : '';
    parts.push(`The value of \`input\` must match this ${syntax}grammar:\n${definition}`);
  }
  return parts.join('\n\n');
}

function customToolParameters(): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      input: { type: 'string', description: 'The raw input text of the tool (for apply_patch: the patch text).' },
    },
    required: ['input'],
    additionalProperties: false,
  };
}
