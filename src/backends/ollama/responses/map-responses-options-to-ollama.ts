import type { ResponsesRequest } from '../../../wire/responses-request-schema.js';
import type { OllamaChatRequest, OllamaOptions, OllamaThink } from '../ollama-api-types.js';

/** What the proxy knows about the target model, from config and `/api/show`. */
export interface OllamaRequestSettings {
  /** Always sent: without it Ollama silently truncates to its small default window (spec §7.3). */
  numCtx: number;
  /**
   * From `/api/show` capabilities. 'levels' = the model accepts "low" | "medium" | "high"; 'boolean' = only
   * true/false (older Ollama answers 400 to a level for non-gpt-oss models).
   */
  thinking: 'unsupported' | 'boolean' | 'levels';
  keepAlive?: string | number;
}

export interface MappedOllamaOptions {
  options: OllamaOptions;
  format?: OllamaChatRequest['format'];
  think?: OllamaThink;
  warnings: string[];
}

type ThinkLevel = 'low' | 'medium' | 'high';

/**
 * OpenAI effort names → the nearest level Ollama accepts. `max` is not sent: Ollama 0.13–0.17 reject it,
 * and `high` is the largest level every thinking model understands.
 */
const LEVEL_BY_EFFORT: Record<string, ThinkLevel> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'high',
  max: 'high',
};

/** Responses sampling, output format and reasoning fields → Ollama `options`, `format` and `think`. */
export function mapResponsesOptionsToOllama(
  request: ResponsesRequest,
  settings: OllamaRequestSettings,
): MappedOllamaOptions {
  const warnings: string[] = [];
  const options: OllamaOptions = { num_ctx: settings.numCtx };
  if (request.max_output_tokens != null) options.num_predict = request.max_output_tokens;
  if (request.temperature != null) options.temperature = request.temperature;
  if (request.top_p != null) options.top_p = request.top_p;

  const result: MappedOllamaOptions = { options, warnings };
  const format = mapTextFormat(request.text?.format, warnings);
  if (format !== undefined) result.format = format;
  const think = mapReasoningEffortToThink(request.reasoning?.effort, settings.thinking, warnings);
  if (think !== undefined) result.think = think;
  return result;
}

function mapTextFormat(
  format: NonNullable<NonNullable<ResponsesRequest['text']>['format']> | null | undefined,
  warnings: string[],
): OllamaChatRequest['format'] | undefined {
  if (!format) return undefined;
  switch (format.type) {
    case 'json_schema':
      // Ollama constrains decoding to the schema itself; `name` and `strict` have no equivalent.
      return format.schema ?? 'json';
    case 'json_object':
      return 'json';
    case 'text':
      return undefined;
    default:
      warnings.push(`text.format type "${format.type}" is not supported by Ollama; ignored`);
      return undefined;
  }
}

/** OpenAI's effort (Responses `reasoning.effort`, chat `reasoning_effort`) → Ollama's `think`. */
export function mapReasoningEffortToThink(
  effort: string | null | undefined,
  thinking: OllamaRequestSettings['thinking'],
  warnings: string[],
): OllamaThink | undefined {
  // Unset effort leaves the model's own default; a think flag sent to a non-thinking model is a 400.
  if (effort == null || thinking === 'unsupported') return undefined;
  if (effort === 'none') return false;
  const level = LEVEL_BY_EFFORT[effort];
  if (level === undefined) {
    warnings.push(`reasoning.effort "${effort}" is unknown; think left unset`);
    return undefined;
  }
  return thinking === 'levels' ? level : true;
}
