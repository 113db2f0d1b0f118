import type { ResponsesCallOptions } from '../../backend.js';
import type { Logger } from '../../../log/logger.js';
import type { ResponsesRequest } from '../../../wire/responses-request-schema.js';
import { createResponsesStreamDriver } from '../../../responses/responses-stream-driver.js';
import type { OpenAIServer } from '../open-openai-request.js';
import type { ConvertedChatRequest } from './convert-responses-request-to-chat.js';
import { streamChatIntoResponsesDriver } from './stream-chat-into-responses-driver.js';

/**
 * A Responses request answered through chat completions: `response.created` goes out at once (Codex's
 * idle timer starts with the request), heartbeats cover model loading, and the chat stream is
 * translated by the same driver that serves Ollama, so Codex sees identical event sequences.
 */
export function createOpenAIResponse(
  server: OpenAIServer,
  request: ResponsesRequest,
  prepared: ConvertedChatRequest & { promptTokens: number | undefined },
  call: ResponsesCallOptions,
  settings: {
    contextDropped: boolean;
    logger: Logger;
    now: () => number;
    generateId: (prefix: string) => string;
    heartbeatIntervalMs: number | undefined;
  },
): void {
  for (const warning of prepared.warnings) settings.logger.debug('translation', { warning });
  const driver = createResponsesStreamDriver(
    {
      responseId: call.responseId,
      model: request.model,
      toolNameMap: prepared.toolNameMap,
      createdAt: Math.floor(settings.now() / 1000),
      generateId: settings.generateId,
      heartbeatIntervalMs: settings.heartbeatIntervalMs ?? 1000,
      promptTokensEstimate: prepared.promptTokens,
      onFinish: (response, { rescuedCalls }) =>
        call.onFinish?.(response, { contextDropped: settings.contextDropped, rescuedCalls }),
      rescueTools: call.toolRescue === false ? undefined : prepared.body.tools,
    },
    call.sink,
  );
  void streamChatIntoResponsesDriver({
    server,
    payload: JSON.stringify(prepared.body),
    model: request.model,
    signal: call.signal,
    driver,
    logger: settings.logger,
  });
}
