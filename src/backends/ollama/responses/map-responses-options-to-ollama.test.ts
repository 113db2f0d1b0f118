import { describe, expect, it } from 'vitest';
import type { ResponsesRequest } from '../../../wire/responses-request-schema.js';
import { mapResponsesOptionsToOllama, type OllamaRequestSettings } from './map-responses-options-to-ollama.js';

const levels: OllamaRequestSettings = { numCtx: 32768, thinking: 'levels' };
const boolean: OllamaRequestSettings = { numCtx: 32768, thinking: 'boolean' };

function request(fields: Partial<ResponsesRequest> = {}): ResponsesRequest {
  return { model: 'qwen3', input: 'hi', ...fields };
}

function thinkFor(effort: string, settings: OllamaRequestSettings) {
  return mapResponsesOptionsToOllama(request({ reasoning: { effort } }), settings).think;
}

describe('mapResponsesOptionsToOllama', () => {
  it('always sends the chosen context window as num_ctx, and nothing Codex did not ask for', () => {
    const mapped = mapResponsesOptionsToOllama(request(), { numCtx: 16384, thinking: 'levels' });
    expect(mapped.options).toEqual({ num_ctx: 16384 });
    expect(mapped).not.toHaveProperty('format');
    expect(mapped).not.toHaveProperty('think');
    expect(mapped.warnings).toEqual([]);
  });

  it('maps max_output_tokens to num_predict', () => {
    expect(mapResponsesOptionsToOllama(request({ max_output_tokens: 256 }), levels).options.num_predict).toBe(256);
  });

  it('passes temperature and top_p through, including 0', () => {
    const { options } = mapResponsesOptionsToOllama(request({ temperature: 0, top_p: 0.9 }), levels);
    expect(options).toEqual({ num_ctx: 32768, temperature: 0, top_p: 0.9 });
  });

  it('sends a json_schema text format as the format schema', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    const mapped = mapResponsesOptionsToOllama(
      request({ text: { format: { type: 'json_schema', name: 'codex_output_schema', schema } } }),
      levels,
    );
    expect(mapped.format).toBe(schema);
  });

  it('sends a json_object text format as format "json"', () => {
    expect(mapResponsesOptionsToOllama(request({ text: { format: { type: 'json_object' } } }), levels).format).toBe(
      'json',
    );
  });

  it('ignores text.verbosity and a plain text format', () => {
    const mapped = mapResponsesOptionsToOllama(request({ text: { verbosity: 'low', format: { type: 'text' } } }), levels);
    expect(mapped).not.toHaveProperty('format');
    expect(mapped.warnings).toEqual([]);
  });

  it('turns thinking off for effort "none"', () => {
    expect(thinkFor('none', levels)).toBe(false);
    expect(thinkFor('none', boolean)).toBe(false);
  });

  it('sends low/medium/high as levels to models that take levels', () => {
    expect(['low', 'medium', 'high'].map((effort) => thinkFor(effort, levels))).toEqual(['low', 'medium', 'high']);
  });

  it('sends true for low/medium/high to models that only take a boolean', () => {
    expect(['low', 'medium', 'high'].map((effort) => thinkFor(effort, boolean))).toEqual([true, true, true]);
  });

  it('maps minimal to the lowest level', () => {
    expect(thinkFor('minimal', levels)).toBe('low');
    expect(thinkFor('minimal', boolean)).toBe(true);
  });

  it('caps xhigh and max at "high"', () => {
    expect(thinkFor('xhigh', levels)).toBe('high');
    expect(thinkFor('max', levels)).toBe('high');
    expect(thinkFor('xhigh', boolean)).toBe(true);
  });

  it('never sends think to a model without thinking support', () => {
    expect(thinkFor('high', { numCtx: 8192, thinking: 'unsupported' })).toBeUndefined();
    expect(thinkFor('none', { numCtx: 8192, thinking: 'unsupported' })).toBeUndefined();
  });

  it('leaves think unset when Codex sends a reasoning object without effort', () => {
    expect(mapResponsesOptionsToOllama(request({ reasoning: { summary: 'auto' } }), levels)).not.toHaveProperty('think');
  });

  it('leaves think unset and warns for an effort it does not know', () => {
    const mapped = mapResponsesOptionsToOllama(request({ reasoning: { effort: 'ultra-mega' } }), levels);
    expect(mapped).not.toHaveProperty('think');
    expect(mapped.warnings).toEqual([expect.stringContaining('ultra-mega')]);
  });
});
