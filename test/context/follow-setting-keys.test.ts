import { describe, expect, it } from 'vitest';
import { previewContext } from '../../src/context/preview-context.js';
import { useTempRepos } from './temp-repo.js';

const repoOf = useTempRepos();

const retryService = [
  'package shop.billing;',
  '',
  '/** Charges a card again after a failed payment, until the attempts run out. */',
  'public class ChargeRetrier {',
  '    @Value("${billing.payment.max-attempts}")',
  '    private int maxAttempts;',
  '',
  '    public void retryFailedCharge(Invoice invoice) {',
  '        if (invoice.attempts() >= maxAttempts) return;',
  '        gateway.charge(invoice);',
  '    }',
  '}',
].join('\n');

// Files that share the question's words, so that the settings file is not found on its own words.
const decoys = Object.fromEntries(
  Array.from({ length: 6 }, (_, n) => [`src/main/java/shop/billing/Retry${n}.java`, `/** Retry helper ${n}: how many times a failed charge is retried. */\npublic class Retry${n} { int times = ${n}; }\n`]),
);

describe('settings the best-ranked code reads', () => {
  it('quotes the settings file that sets the value right after the code that reads it', async () => {
    const repo = repoOf({
      'src/main/java/shop/billing/ChargeRetrier.java': retryService,
      'src/main/resources/application.properties': 'server.port=8080\nbilling.payment.max-attempts=4\nbilling.payment.backoff=PT6H\n',
      ...decoys,
    });
    const pack = await previewContext('how many times is a failed charge retried by retryFailedCharge?', { repoRoot: repo.root, cacheDir: false });
    const paths = pack.items.map((item) => item.path);
    const code = paths.indexOf('src/main/java/shop/billing/ChargeRetrier.java');
    expect(code).toBeGreaterThanOrEqual(0);
    expect(paths[code + 1]).toBe('src/main/resources/application.properties');
    expect(pack.items[code + 1]?.text).toContain('billing.payment.max-attempts=4');
  });

  it('follows an environment variable to the manifest that sets it, and a nested YAML key to its leaf', async () => {
    const repo = repoOf({
      'src/config.ts': 'export function loadConfig() {\n  return { holdMinutes: Number(process.env.RESERVATION_HOLD_MINUTES ?? 15) };\n}\n',
      'deploy/k8s/inventory.yaml': 'env:\n  - name: LOG_LEVEL\n    value: info\n  - name: RESERVATION_HOLD_MINUTES\n    value: "20"\n',
      'src/quotes.kt': 'class QuoteCache(@Value("\\${shipping.quotes.cache-ttl}") val ttl: Duration) {\n  fun cached(): Quote? = null\n}\n',
      'src/main/resources/application.yml': 'shipping:\n  quotes:\n    cache-ttl: 10m\n',
      // Code that shares the questions' words, ranked between the code and its settings otherwise.
      ...Object.fromEntries(
        Array.from({ length: 6 }, (_, n) => [`src/holds/hold${n}.ts`, `/** How long a reservation hold or a cached quote is kept (${n}). */\nexport const hold${n} = (quote: Quote) => reservation(quote, ${n});\n`]),
      ),
    });
    const env = await previewContext('how long does loadConfig hold a reservation?', { repoRoot: repo.root, cacheDir: false });
    const envPaths = env.items.map((item) => item.path);
    expect(envPaths[envPaths.indexOf('src/config.ts') + 1]).toBe('deploy/k8s/inventory.yaml');
    const yaml = await previewContext('how long does QuoteCache keep a cached quote?', { repoRoot: repo.root, cacheDir: false });
    const yamlPaths = yaml.items.map((item) => item.path);
    expect(yamlPaths[yamlPaths.indexOf('src/quotes.kt') + 1]).toBe('src/main/resources/application.yml');
    expect(yaml.items[yamlPaths.indexOf('src/main/resources/application.yml')]?.text).toContain('cache-ttl: 10m');
  });

  it("follows a key the best method's class reads in a field above it (Spring @Value)", async () => {
    const filler = Array.from({ length: 35 }, (_, n) => [`    int count${n}() {`, `        return ${n};`, '    }', '']).flat();
    const service = [
      'package shop;',
      '',
      'public class InvoiceService {',
      ...filler,
      '    @Value("${billing.payment.max-attempts}")',
      '    private int maxAttempts;',
      '',
      '    public void retryFailedCharges(List<Invoice> invoices) {',
      '        for (Invoice invoice : invoices) if (invoice.attempts() < maxAttempts) gateway.charge(invoice);',
      '    }',
      '}',
    ].join('\n');
    const repo = repoOf({ 'src/main/java/shop/InvoiceService.java': service, 'src/main/resources/application.properties': 'server.port=8080\nbilling.payment.max-attempts=4\n' });
    const pack = await previewContext('how many times does retryFailedCharges try a charge?', { repoRoot: repo.root, cacheDir: false });
    expect(pack.items[0]?.text).toContain('retryFailedCharges');
    expect(pack.items.find((item) => item.path === 'src/main/resources/application.properties')?.text).toContain('max-attempts=4');
  });

  it('adds nothing for a question that does not ask for a value', async () => {
    const repo = repoOf({
      'src/main/java/shop/billing/ChargeRetrier.java': retryService,
      'src/main/resources/application.properties': 'server.port=8080\nbilling.payment.max-attempts=4\n',
      ...decoys,
    });
    const pack = await previewContext('what does retryFailedCharge do with an invoice?', { repoRoot: repo.root, cacheDir: false });
    const paths = pack.items.map((item) => item.path);
    expect(paths[paths.indexOf('src/main/java/shop/billing/ChargeRetrier.java') + 1]).not.toBe('src/main/resources/application.properties');
  });
});
