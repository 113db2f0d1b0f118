import { z } from 'zod';
import { sharedSamplingFields } from './sampling-params-schema.js';

/**
 * `POST /v1/chat/completions` as OpenAI SDK clients send it (editors, Aider, scripts). Loose: only the
 * fields we read are checked, and every other field is kept, because an OpenAI-compatible backend
 * receives the request as the client wrote it.
 */

/**
 * A tagged object whose known tags are validated strictly (a malformed known part is a 400 naming the
 * field), while tags we do not know yet pass through untouched. (A zod union cannot do this: it would
 * report the catch-all branch's failure instead of the field that is wrong.)
 */
function knownOrOther<Known extends Record<string, z.ZodType>>(tag: string, known: Known) {
  return z.looseObject({ [tag]: z.string() }).transform((value, context) => {
    const schema: z.ZodType | undefined = known[value[tag] as string];
    if (!schema) return value as { [key: string]: unknown; type: string };
    const result = schema.safeParse(value);
    if (result.success) return result.data as z.infer<Known[keyof Known]>;
    for (const issue of result.error.issues) context.addIssue({ ...issue } as Parameters<typeof context.addIssue>[0]);
    return z.NEVER;
  });
}

const textPartSchema = z.looseObject({ type: z.literal('text'), text: z.string() });
const imagePartSchema = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string(), detail: z.string().nullish() }),
});
const refusalPartSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });
export const chatContentPartSchema = knownOrOther('type', { text: textPartSchema, image_url: imagePartSchema, refusal: refusalPartSchema });
export type ChatContentPart = z.infer<typeof chatContentPartSchema>;
export type ChatImagePart = z.infer<typeof imagePartSchema>;

const contentSchema = z.union([z.string(), z.array(chatContentPartSchema)]);

export const chatToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  function: z.looseObject({
    name: z.string(),
    // A JSON string on OpenAI's wire; some clients replay the parsed object.
    arguments: z.union([z.string(), z.record(z.string(), z.unknown())]),
  }),
});
export type ChatToolCall = z.infer<typeof chatToolCallSchema>;

const systemMessageSchema = z.looseObject({ role: z.literal('system'), content: contentSchema, name: z.string().optional() });
const developerMessageSchema = z.looseObject({ role: z.literal('developer'), content: contentSchema, name: z.string().optional() });
const userMessageSchema = z.looseObject({ role: z.literal('user'), content: contentSchema, name: z.string().optional() });
const assistantMessageSchema = z.looseObject({
  role: z.literal('assistant'),
  content: contentSchema.nullish(),
  tool_calls: z.array(chatToolCallSchema).nullish(),
  /** DeepSeek-style thinking replayed by some clients. */
  reasoning_content: z.string().nullish(),
  name: z.string().optional(),
});
const toolMessageSchema = z.looseObject({ role: z.literal('tool'), content: contentSchema, tool_call_id: z.string() });
/** Deprecated `function` role (pre-tools clients): the result of a function call, by name. */
const functionMessageSchema = z.looseObject({ role: z.literal('function'), content: z.string().nullish(), name: z.string() });

export const chatMessageSchema = z.discriminatedUnion('role', [
  systemMessageSchema,
  developerMessageSchema,
  userMessageSchema,
  assistantMessageSchema,
  toolMessageSchema,
  functionMessageSchema,
]);
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type ChatUserMessage = z.infer<typeof userMessageSchema>;
export type ChatAssistantMessage = z.infer<typeof assistantMessageSchema>;

export const chatFunctionToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
});
export type ChatFunctionTool = z.infer<typeof chatFunctionToolSchema>;
/** Custom (freeform) tools and whatever comes next: accepted; a backend that cannot run them drops them. */
export const chatToolSchema = knownOrOther('type', { function: chatFunctionToolSchema });
export type ChatTool = z.infer<typeof chatToolSchema>;

export const chatToolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
  z.looseObject({ type: z.string() }),
]);

export const chatResponseFormatSchema = z.looseObject({
  type: z.string(),
  json_schema: z
    .looseObject({
      name: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    })
    .optional(),
});

const count = z.number().int().nonnegative();

export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(chatMessageSchema).min(1),
  ...sharedSamplingFields,
  tools: z.array(chatToolSchema).nullish(),
  tool_choice: chatToolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: chatResponseFormatSchema.nullish(),
  max_tokens: count.nullish(),
  max_completion_tokens: count.nullish(),
  logprobs: z.boolean().nullish(),
  reasoning_effort: z.string().nullish(),
});
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
