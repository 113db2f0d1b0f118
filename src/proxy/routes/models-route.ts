import type { H3 } from 'h3';
import { getRouterParam } from 'h3';
import type { ModelListing } from '../../backends/backend.js';
import type { ProxyContext } from '../proxy-context.js';

/** OpenAI's model list, from the backend's installed models, plus the window we will really use. */
export function registerModelsRoutes(app: H3, context: ProxyContext): void {
  app.get('/v1/models', async (event) => {
    const models = await context.backend.listModels(event.req.signal);
    return Response.json({ object: 'list', data: models.map(toOpenAIModel) });
  });

  // Model names contain ':' and '/', e.g. `qwen3:8b`, `hf.co/org/model:Q4`.
  app.get('/v1/models/**:id', async (event) => {
    const id = decodeURIComponent(getRouterParam(event, 'id') ?? '');
    const description = await context.backend.describeModel(id, event.req.signal);
    const listing = (await context.backend.listModels(event.req.signal)).find((model) => model.id === description.id);
    return Response.json({
      ...toOpenAIModel(listing ?? { id, created: 0, ownedBy: context.backend.name }),
      context_window: description.contextWindow ?? null,
      max_context_window: description.maxContextWindow ?? null,
      capabilities: description.capabilities,
    });
  });
}

function toOpenAIModel(model: ModelListing) {
  return { id: model.id, object: 'model', created: model.created, owned_by: model.ownedBy };
}
