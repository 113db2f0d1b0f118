/**
 * How much a file's path alone says about whether it answers a question, as multipliers on its fused
 * score (Semble-style path priors). Tests, examples, compatibility shims, type declarations and build
 * outputs are usually not where behaviour is defined (a question about tests wants the tests: ×2); docs
 * and decision records are exactly where a "why did we / is there a rule" question is answered, and
 * only a little less likely otherwise.
 */
// JS/TS `*.test.ts`, Go/Python `*_test.go`, `test_*.py`, Ruby `*_spec.rb`, Java/Kotlin/C#/Swift `CartTest.java`,
// `CartTests.cs`, and test folders (`tests/`, `spec/`, Swift's `Tests/`, .NET's `Shop.Tests/`).
const TEST_PATH =
  /(?:^|\/)(?:__tests__|__mocks__|[Tt]ests?|[Ss]pecs?|fixtures?|[\w.]+\.Tests?)\/|\.(?:test|spec|bench)\.[cm]?[jt]sx?$|_(?:test|spec)\.(?:go|py|rb)$|(?:^|\/)test_[^/]*\.(?:py|rb)$|[a-z0-9]Tests?\.(?:java|kt|cs|swift|scala)$/;
const EXAMPLE_PATH = /(?:^|\/)(?:examples?|demos?|samples?|playground|benchmarks?)\//;
const COMPAT_PATH = /(?:^|\/)(?:compat|legacy|shims?|polyfills?|vendor)\/|[-_.](?:compat|shim|polyfill|legacy)\.[cm]?[jt]sx?$/;
const DECLARATION_PATH = /\.d\.[cm]?ts$/;
// Built copies of sources that usually also exist unbuilt (the duplicate check keeps one of each).
const BUILD_PATH = /(?:^|\/)(?:dist|build|out|lib-esm|esm5?|es2015|cjs|umd|bundles?)\//;
const DOC_PATH = /\.(?:md|mdx|markdown|rst|adoc|txt)$/i;
const DECISION_PATH = /(?:^|\/)(?:adrs?|decisions?|rfcs?|docs\/architecture)\/|(?:^|\/)\d{3,4}-[^/]+\.md$/i;
const CHANGELOG_PATH = /(?:^|\/)(?:changelog|changes|history|releases?)(?:\.[a-z]+)?$/i;

// Instructions for coding agents and contributors.
const INSTRUCTIONS_PATH = /(?:^|\/)(?:AGENTS|CLAUDE|GEMINI|CONTRIBUTING|CONVENTIONS)\.md$/i;
// Where settings live: config directories, deployment manifests, tool configs, `config.ts` modules.
const CONFIG_PATH =
  /(?:^|\/)(?:config|configs|conf|settings|deploy|deployment|k8s|helm|charts|\.github)\/|\.(?:ya?ml|toml|ini|env\.example|properties)$|(?:^|\/)(?:docker-compose[^/]*|Dockerfile[^/]*|Makefile|Procfile|[^/]*rc(?:\.json)?|biome\.jsonc?|tsconfig[^/]*\.json|package\.json|[^/]*\.config\.[cm]?[jt]s|config\.[cm]?[jt]s|settings\.py|appsettings[^/]*\.json|pom\.xml|(?:build|settings)\.gradle(?:\.kts)?|go\.mod|[^/]*\.csproj|setup\.cfg|Gemfile|composer\.json|Package\.swift|CMakeLists\.txt)$/i;

/** "Why …", "did we decide …", "is there a rule …", "should we …": answered by docs and decision records. */
const DECISION_QUESTION = /\b(?:why|reason(?:s|ing)?|rationale|decid(?:e|ed|ing)|decisions?|rules?|polic(?:y|ies)|conventions?|agreed|guidelines?|guidance|should we|allowed|may i|can i|adr|trade-?offs?|instead of)\b/i;
/** "Which port / env var / lint rule / replicas / schedule", "how long / how often / how many times": answered by configuration. */
const CONFIG_QUESTION = /\b(?:ports?|env(?:ironment)?\s+var(?:iable)?s?|env vars?|settings?|configur\w*|lint(?:ing)? rules?|severity|replicas?|memory limits?|cpu limits?|cron|schedul\w*|what time|default value|feature flags?|how (?:many|long|often))\b/i;

/** "When was X removed / which release added Y / what changed": answered by the changelog. */
const HISTORY_QUESTION =
  /\b(?:when\s+(?:was|were|did|has|have)\b[^?.!]*\b(?:add|remov|introduc|deprecat|chang|drop|releas|ship|renam|deleted|replac)\w*|(?:which|what)\s+(?:version|release)|release notes?|change\s?log|what changed|since when)\b/i;

/** "…in local development / locally": the local stack's files. "…in production / on the cluster": the deploy manifests. */
const LOCAL_QUESTION = /\b(?:locally|local (?:dev\w*|setup|stack|environment|machine)|on my (?:machine|laptop)|docker[ -]compose)\b/i;
const DEPLOYED_QUESTION = /\b(?:production|prod|staging|cluster|kubernetes|k8s|deployed)\b/i;
const LOCAL_STACK_PATH = /(?:^|\/)(?:docker-compose[^/]*|compose\.ya?ml|\.env(?:\.[\w-]+)?|\.devcontainer\/[^/]+|Procfile|Tiltfile)$/i;
const DEPLOY_PATH = /(?:^|\/)(?:deploy|deployments?|k8s|kubernetes|helm|charts|manifests|terraform|infra)\//i;

// Files that hold values rather than code that reads them: settings, env files, manifests, config arrays.
const SETTINGS_FILE =
  /\.(?:ya?ml|jsonc?|toml|ini|properties|conf|cfg|xml|env)$|(?:^|\/)\.env(?:\.[\w-]+)?$|(?:^|\/)(?:docker-compose[^/]*|Dockerfile[^/]*)$|(?:^|\/)config\/[^/]+\.(?:php|rb)$/i;

/** A file that sets values (`application.yml`, `.env.example`, `config/catalog.php`), not code that reads them. */
export function isSettingsFile(path: string): boolean {
  return SETTINGS_FILE.test(path);
}

export interface QueryIntent {
  aboutTests: boolean;
  aboutHistory: boolean;
  aboutLocalStack: boolean;
  aboutDeployment: boolean;
  aboutDecisions: boolean;
  aboutExamples: boolean;
  aboutConfig: boolean;
  aboutAgents: boolean;
}

/** Does the question ask for a setting's value (a port, an env var, a limit, "how long", "how often")? */
export function asksForSettings(question: string): boolean {
  return CONFIG_QUESTION.test(question);
}

export function queryIntentOf(question: string, stems: ReadonlySet<string>): QueryIntent {
  return {
    aboutTests: stems.has('test') || stems.has('spec'),
    aboutHistory: HISTORY_QUESTION.test(question),
    aboutLocalStack: LOCAL_QUESTION.test(question),
    aboutDeployment: DEPLOYED_QUESTION.test(question),
    aboutDecisions: DECISION_QUESTION.test(question),
    aboutExamples: stems.has('example') || stems.has('demo') || stems.has('sample'),
    aboutConfig: asksForSettings(question),
    aboutAgents: stems.has('agent') || stems.has('instruction') || stems.has('contributor'),
  };
}

export function pathPrior(path: string, intent: QueryIntent): number {
  let prior = 1;
  if (TEST_PATH.test(path)) prior *= intent.aboutTests ? 2 : 0.5;
  if (!intent.aboutExamples && EXAMPLE_PATH.test(path)) prior *= 0.6;
  if (COMPAT_PATH.test(path)) prior *= 0.7;
  // Declarations describe an API; the question is usually about the code behind it.
  if (DECLARATION_PATH.test(path)) prior *= 0.7;
  else if (BUILD_PATH.test(path)) prior *= 0.85;
  if (CHANGELOG_PATH.test(path)) prior *= intent.aboutHistory ? 2 : 0.5;
  if (INSTRUCTIONS_PATH.test(path)) {
    if (intent.aboutAgents) prior *= 2;
    else if (intent.aboutDecisions) prior *= 1.4;
  } else if (DOC_PATH.test(path) || DECISION_PATH.test(path)) {
    if (intent.aboutDecisions) prior *= DECISION_PATH.test(path) ? 2 : 1.4;
  }
  if (intent.aboutConfig && CONFIG_PATH.test(path)) prior *= 1.5;
  if (intent.aboutLocalStack && LOCAL_STACK_PATH.test(path)) prior *= 1.5;
  if (intent.aboutDeployment && DEPLOY_PATH.test(path)) prior *= 1.5;
  return prior;
}
