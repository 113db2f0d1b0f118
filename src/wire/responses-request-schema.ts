import { z } from 'zod';

/**
 * `POST /v1/responses` as Codex 0.169 sends it (spec §2). Loose: only the fields we read are checked,
 * and unknown fields pass through, because Codex adds new ones between releases.
 */

/**
 * Validates a value with the schema its `type` names, so a malformed known item is a 400 naming the
 * field, while item types we do not know yet pass through untouched.
 */
function dispatchOnType<Known extends Record<string, z.ZodType>, Fallback extends z.ZodType>(
  schemas: Known,
  fallback: Fallback,
  typeWhenAbsent?: keyof Known,
) {
  return z.looseObject({ type: z.string().optional() }).transform((value, context) => {
    const schema: z.ZodType = schemas[value.type ?? (typeWhenAbsent as string)] ?? fallback;
    const result = schema.safeParse(value);
    if (result.success) return result.data as z.infer<Known[keyof Known]> | z.infer<Fallback>;
    for (const issue of result.error.issues) context.addIssue({ ...issue } as Parameters<typeof context.addIssue>[0]);
    return z.NEVER;
  });
}

const textPartSchema = z.looseObject({
  type: z.enum(['input_text', 'output_text', 'text', 'summary_text', 'reasoning_text']),
  text: z.string(),
});
const imagePartSchema = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().optional(),
  detail: z.string().optional(),
});
const otherPartSchema = z.looseObject({ type: z.string() });
export const contentPartSchema = dispatchOnType(
  {
    input_text: textPartSchema,
    output_text: textPartSchema,
    text: textPartSchema,
    summary_text: textPartSchema,
    reasoning_text: textPartSchema,
    input_image: imagePartSchema,
  },
  otherPartSchema,
);
export type ContentPart = z.infer<typeof textPartSchema> | z.infer<typeof imagePartSchema> | z.infer<typeof otherPartSchema>;

export const messageItemSchema = z.looseObject({
  type: z.literal('message').optional(),
  id: z.string().optional(),
  role: z.enum(['developer', 'system', 'user', 'assistant']),
  content: z.union([z.string(), z.array(contentPartSchema)]),
});

export const reasoningItemSchema = z.looseObject({
  type: z.literal('reasoning'),
  id: z.string().optional(),
  summary: z.array(z.looseObject({ text: z.string() })).optional(),
  content: z.array(z.looseObject({ text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
});

export const functionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  id: z.string().optional(),
  call_id: z.string(),
  name: z.string(),
  namespace: z.string().nullish(),
  arguments: z.string(),
});

const toolOutputSchema = z.union([z.string(), z.array(contentPartSchema)]);

export const functionCallOutputItemSchema = z.looseObject({
  type: z.literal('function_call_output'),
  id: z.string().optional(),
  call_id: z.string(),
  output: toolOutputSchema,
});

export const customToolCallItemSchema = z.looseObject({
  type: z.literal('custom_tool_call'),
  id: z.string().optional(),
  call_id: z.string(),
  name: z.string(),
  input: z.string(),
});

export const customToolCallOutputItemSchema = z.looseObject({
  type: z.literal('custom_tool_call_output'),
  id: z.string().optional(),
  call_id: z.string(),
  output: toolOutputSchema,
});

/** Item types we do not translate (web_search_call, …) are accepted and skipped, never a 400. */
const otherItemSchema = z.looseObject({ type: z.string() });

export const inputItemSchema = dispatchOnType(
  {
    message: messageItemSchema,
    reasoning: reasoningItemSchema,
    function_call: functionCallItemSchema,
    function_call_output: functionCallOutputItemSchema,
    custom_tool_call: customToolCallItemSchema,
    custom_tool_call_output: customToolCallOutputItemSchema,
  },
  otherItemSchema,
  'message', // EasyInputMessage: `{role, content}` without a type
);
export type MessageItem = z.infer<typeof messageItemSchema>;
export type ReasoningItem = z.infer<typeof reasoningItemSchema>;
export type FunctionCallItem = z.infer<typeof functionCallItemSchema>;
export type CustomToolCallItem = z.infer<typeof customToolCallItemSchema>;
/** function_call_output and custom_tool_call_output have the same shape. */
export type ToolOutputItem = z.infer<typeof functionCallOutputItemSchema>;
export type InputItem =
  | MessageItem
  | ReasoningItem
  | FunctionCallItem
  | ToolOutputItem
  | CustomToolCallItem
  | z.infer<typeof customToolCallOutputItemSchema>
  | z.infer<typeof otherItemSchema>;

export const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  name: z.string(),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});
export const namespaceToolSchema = z.looseObject({
  type: z.literal('namespace'),
  name: z.string(),
  description: z.string().nullish(),
  tools: z.array(functionToolSchema),
});
export const customToolSchema = z.looseObject({
  type: z.literal('custom'),
  name: z.string(),
  description: z.string().nullish(),
  format: z.looseObject({ type: z.string(), syntax: z.string().optional(), definition: z.string().optional() }).nullish(),
});
/** Hosted tools (web_search, tool_search, …): accepted, then dropped by the backend. */
const hostedToolSchema = z.looseObject({ type: z.string() });
export const toolSchema = dispatchOnType(
  { function: functionToolSchema, namespace: namespaceToolSchema, custom: customToolSchema },
  hostedToolSchema,
);
export type ResponsesTool =
  | z.infer<typeof functionToolSchema>
  | z.infer<typeof namespaceToolSchema>
  | z.infer<typeof customToolSchema>
  | z.infer<typeof hostedToolSchema>;

export const responsesRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(inputItemSchema)]),
  instructions: z.string().nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.boolean().nullish(),
  stream: z.boolean().nullish(),
  reasoning: z
    .looseObject({ effort: z.string().nullish(), summary: z.string().nullish() })
    .nullish(),
  text: z
    .looseObject({
      format: z
        .looseObject({
          type: z.string(),
          schema: z.record(z.string(), z.unknown()).optional(),
          name: z.string().optional(),
        })
        .nullish(),
    })
    .nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  prompt_cache_key: z.string().nullish(),
});
export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;
