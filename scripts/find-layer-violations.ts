import { ALLOWED_IMPORTS, ISOLATED_SUBFOLDERS } from './layer-rules.js';

/** `from` imports `to`; both are paths relative to src/ with forward slashes (`proxy/routes/x.ts`). */
export interface ImportEdge {
  from: string;
  to: string;
}

/**
 * Every problem in one import graph: imports into a folder the rules do not allow, and cycles at every
 * level of the tree (files importing each other, or sibling folders that do). A cycle between folders
 * is found by collapsing each import onto the two children of the deepest folder both files share:
 * `backends/ollama/chat/a.ts → backends/ollama/responses/b.ts` is an edge chat → responses under
 * backends/ollama. Pure, so its test can feed it a made-up graph.
 */
export function findLayerViolations(edges: readonly ImportEdge[], rules = ALLOWED_IMPORTS, isolated = ISOLATED_SUBFOLDERS): string[] {
  const problems: string[] = [];
  for (const { from, to } of edges) {
    const [fromTop, fromSub, ...fromRest] = from.split('/');
    const [toTop, toSub, ...toRest] = to.split('/');
    if (fromTop === toTop && isolated.includes(fromTop!) && fromRest.length > 0 && toRest.length > 0 && fromSub !== toSub) {
      problems.push(`${from} imports ${to}: ${fromTop}/${fromSub} may not import ${toTop}/${toSub}`);
    }
    const fromLayer = from.split('/')[0]!;
    const toLayer = to.split('/')[0]!;
    if (fromLayer === toLayer) continue;
    const allowed = rules[fromLayer];
    if (!allowed) problems.push(`${from}: "${fromLayer}" is not a known layer (add it to scripts/layer-rules.ts)`);
    else if (!allowed.includes(toLayer)) problems.push(`${from} imports ${to}: "${fromLayer}" may not import "${toLayer}"`);
  }

  const graphs = new Map<string, Map<string, Set<string>>>();
  for (const { from, to } of edges) {
    const fromParts = from.split('/');
    const toParts = to.split('/');
    let shared = 0;
    while (shared < fromParts.length - 1 && shared < toParts.length - 1 && fromParts[shared] === toParts[shared]) shared++;
    const parent = fromParts.slice(0, shared).join('/') || '.';
    const fromNode = fromParts[shared]!;
    const toNode = toParts[shared]!;
    if (fromNode === toNode) continue;
    const graph = graphs.get(parent) ?? new Map<string, Set<string>>();
    graphs.set(parent, graph);
    const targets = graph.get(fromNode) ?? new Set<string>();
    graph.set(fromNode, targets);
    targets.add(toNode);
  }
  for (const [parent, graph] of [...graphs].sort(([a], [b]) => a.localeCompare(b))) {
    for (const cycle of stronglyConnected(graph)) {
      problems.push(`cycle in ${parent === '.' ? 'src' : `src/${parent}`}: ${cycle.join(' ⇄ ')}`);
    }
  }
  return problems;
}

/** Tarjan's algorithm; returns only components with more than one node (our graphs have no self-edges). */
function stronglyConnected(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}
