import { describe, expect, it } from 'vitest';
import { previewContext } from '../../src/context/preview-context.js';
import { cutStartFor, skipImports } from '../../src/context/pack/snippet-boundaries.js';
import { collapseDuplicateFiles, duplicateKeyOf } from '../../src/context/rank/collapse-duplicate-files.js';
import { fuseHits } from '../../src/context/rank/fuse-hits.js';
import type { RankedHits } from '../../src/context/rank/source-hit.js';
import { useTempRepos } from './temp-repo.js';

const repoOf = useTempRepos();

const operator = (flavour: 'esm' | 'cjs') =>
  [
    flavour === 'esm' ? "import { operate } from '../util/lift';" : "var lift_1 = require('../util/lift');",
    '/** Emits only the values that pass the predicate, skipping the rest of the stream. */',
    'export function filterValues(predicate, thisArg) {',
    '  return operate((source, subscriber) => {',
    '    let index = 0;',
    '    source.subscribe((value) => predicate.call(thisArg, value, index++) && subscriber.next(value));',
    '  });',
    '}',
    '',
  ].join('\n');

describe('ranking', () => {
  it('counts near-duplicate builds of one module once', async () => {
    const repo = repoOf({
      'lib/dist/esm/operators/filterValues.js': operator('esm'),
      'lib/dist/cjs/operators/filterValues.js': operator('cjs'),
      'lib/src/operators/filterValues.ts': operator('esm'),
      'lib/src/operators/mapValues.ts': 'export function mapValues(project) {\n  return (value) => project(value);\n}\n',
    });
    const pack = await previewContext('how does filterValues skip values that fail the predicate?', { repoRoot: repo.root, cacheDir: false });
    const copies = pack.items.filter((item) => item.path.endsWith('/filterValues.js') || item.path.endsWith('/filterValues.ts'));
    expect(copies).toHaveLength(1);
  });

  it('puts the file that matches best as a whole above files with one strong chunk', () => {
    // src/answer.ts is whole-file BM25's first file but only the 8th chunk; the others each have the
    // best chunk of the question once, and rank lower as whole files.
    const others = ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts', 'src/e.ts', 'src/f.ts', 'src/g.ts'];
    const hit = (path: string) => ({ path, startLine: 1, endLine: 10 });
    const lists: RankedHits[] = [
      { id: 'local-bm25', source: 'index', hits: [...others, 'src/answer.ts'].map(hit) },
      { id: 'local-file', source: 'index', fileLevel: true, hits: ['src/answer.ts', 'src/x.ts', 'src/y.ts', 'src/z.ts', ...others].map(hit) },
    ];
    const terms = { question: 'q', identifiers: [], keywords: [], terms: [], paths: [], literals: [] };
    expect(fuseHits(lists, terms, undefined)[0]?.path).toBe('src/answer.ts');
  });

  it('keeps the implementation, not its .d.ts, in the place of the best-ranked copy', () => {
    const ranked = [
      { path: 'lib/types/widget.d.ts', score: 3 },
      { path: 'lib/other.js', score: 2 },
      { path: 'lib/esm/widget.js', score: 1 },
    ];
    expect(collapseDuplicateFiles(ranked, undefined)).toEqual([
      { path: 'lib/esm/widget.js', score: 3 },
      { path: 'lib/other.js', score: 2 },
    ]);
  });

  it('puts the decision record first for "is there a rule … and why?"', async () => {
    const repo = repoOf({
      'docs/decisions/0005-money-as-integer-cents.md': '# Money as integer cents\n\nWe store prices as integer cents, never floats: rounding errors add up across invoices.\n',
      'src/pricing/total.ts': 'export function orderTotal(items: Array<{ priceCents: number }>) {\n  // prices are integer cents\n  return items.reduce((sum, item) => sum + item.priceCents, 0);\n}\n',
      'src/pricing/format.ts': 'export const formatPrice = (cents: number) => (cents / 100).toFixed(2); // prices shown with floats\n',
    });
    const pack = await previewContext('Is there a rule against floats for prices? Why?', { repoRoot: repo.root, cacheDir: false });
    expect(pack.items[0]?.path).toBe('docs/decisions/0005-money-as-integer-cents.md');
  });

  it('reads the changelog for "when was X removed?", and ranks it low otherwise', async () => {
    const repo = repoOf({
      'CHANGELOG.md': '# Changelog\n\n## 2.0.0\n\n- Removed the legacy invoice routes; use /v2/invoices.\n\n## 1.4.0\n\n- Invoice routes accept a currency.\n',
      'src/routes/billing.ts': 'export function registerInvoiceRoutes(app) {\n  // invoice routes: /v2/invoices only\n  app.get("/v2/invoices", listInvoices);\n}\n',
      'src/routes/refund-routes.ts': 'export function registerRefundRoutes(app) {\n  app.get("/v2/refunds", listRefunds);\n}\n',
    });
    const when = await previewContext('When were the legacy invoice routes removed?', { repoRoot: repo.root, cacheDir: false });
    expect(when.items[0]?.path).toBe('CHANGELOG.md');
    const how = await previewContext('How are the invoice routes registered?', { repoRoot: repo.root, cacheDir: false });
    expect(how.items[0]?.path).toBe('src/routes/billing.ts');
  });

  it('finds the doc whose heading says what the question asks, among code that shares its words', async () => {
    const repo = repoOf({
      'docs/onboarding.md': '# Your first day on the team\n\n1. Install Node and Docker.\n2. Run the stack locally.\n3. Ask for staging access.\n',
      'src/billing/cycle.ts': 'export function cycleStart(account) {\n  // the first day of the billing cycle; the first invoice goes out that day\n  return account.cycleStartDay ?? 1;\n}\n',
      'src/billing/trial.ts': 'export const TRIAL_DAYS = 14; // days before the first charge\nexport const isTrialDay = (day: number) => day <= TRIAL_DAYS;\n',
    });
    const pack = await previewContext('What does a new engineer set up on their first day?', { repoRoot: repo.root, cacheDir: false });
    expect(pack.items[0]?.path).toBe('docs/onboarding.md');
  });

  it('finds code that says in its own words what the question says in everyday ones', async () => {
    const repo = repoOf({
      'src/middleware/encoding.ts':
        'export function encodeBody(body: Uint8Array, threshold = 1024) {\n  // gzip: compress only bodies above the threshold, before the response goes out\n  if (body.length < threshold) return body;\n  const level = body.length > 65536 ? 9 : 6;\n  return gzipBody(body, level);\n}\n',
      'src/middleware/timing.ts': 'export function addServerTiming(response: Response) {\n  // how long each response took\n  response.headers.set("server-timing", String(Date.now()));\n}\n',
      'src/middleware/cors.ts': 'export function allowOrigin(response: Response, origin: string) {\n  // every response names the allowed origin\n  response.headers.set("access-control-allow-origin", origin);\n}\n',
      // Unrelated modules, so word frequencies are those of a repository rather than of three files.
      ...Object.fromEntries(['users', 'orders', 'invoices', 'sessions', 'emails', 'reports'].map((name) => [`src/${name}/list-${name}.ts`, `export function list${name}(db) {\n  return db.query('select * from ${name}');\n}\n`])),
    });
    const pack = await previewContext('How do we shrink responses?', { repoRoot: repo.root, cacheDir: false });
    expect(pack.items[0]?.path).toBe('src/middleware/encoding.ts');
  });

  it('puts the tests first when the question asks for the tests, and below the code otherwise', async () => {
    const repo = repoOf({
      'src/stock-cache.ts':
        'export class StockCache {\n  // the stock cache: stock levels per sku, refreshed from the warehouse\n  get(sku: string) {\n    // a stock cache miss asks the warehouse\n    return this.levels.get(sku);\n  }\n}\n',
      'test/stock-cache.test.ts': "test('returns the level of a sku', () => {\n  expect(new StockCache().get('a')).toBe(undefined);\n});\n",
      'docs/stock.md': '# Stock\n\nThe stock cache keeps levels per sku.\n',
    });
    const tests = await previewContext('Where are the tests for the stock cache?', { repoRoot: repo.root, cacheDir: false });
    expect(tests.items[0]?.path).toBe('test/stock-cache.test.ts');
    const code = await previewContext('How does the stock cache look up a sku?', { repoRoot: repo.root, cacheDir: false });
    expect(code.items[0]?.path).toBe('src/stock-cache.ts');
  });

  it('answers "in production" from the deploy manifests and "in local development" from the local stack', async () => {
    const repo = repoOf({
      'services/mailer/src/config.ts': 'export const config = {\n  smtpHost: process.env.SMTP_HOST ?? "localhost",\n  smtpPort: Number(process.env.SMTP_PORT ?? 1025), // port of the smtp server\n};\n',
      'deploy/k8s/mailer.yaml': 'env:\n  - name: SMTP_HOST\n    value: smtp.relay.internal\n  - name: SMTP_PORT\n    value: "587"\n',
      'docker-compose.yml': 'services:\n  mailer:\n    build: services/mailer\n    environment:\n      SMTP_HOST: smtp\n      SMTP_PORT: "1025"\n  smtp:\n    image: mailpit\n',
    });
    const prod = await previewContext('Which SMTP port does the mailer use in production?', { repoRoot: repo.root, cacheDir: false });
    expect(prod.items[0]?.path).toBe('deploy/k8s/mailer.yaml');
    const local = await previewContext('Which SMTP port does the mailer use locally?', { repoRoot: repo.root, cacheDir: false });
    expect(local.items[0]?.path).toBe('docker-compose.yml');
  });

  it('finds code by a translated word in a repository of three files (no word is "too common" there)', async () => {
    const repo = repoOf({
      'src/config.ts': 'export function loadConfig(path: string) {\n  return JSON.parse(readFileSync(path, "utf8"));\n}\n',
      'src/compress.ts': 'export function squeezeBody(body: Buffer) {\n  return gzipSync(body);\n}\n',
      'docs/setup.md': '# Setup\n\nRun the thing.\n',
    });
    const pack = await previewContext('how do we shrink the responses?', { repoRoot: repo.root, cacheDir: false });
    expect(pack.items[0]?.path).toBe('src/compress.ts');
  });

  it('never opens a snippet on an import block, and never quotes an import block alone', async () => {
    const repo = repoOf({
      'src/client.ts': [
        "import { computeBackoffDelay } from './backoff.js';",
        "import { sleep } from './sleep.js';",
        '',
        'export async function sendWithRetry(request: Request) {',
        '  for (let attempt = 0; attempt < 3; attempt++) {',
        '    const response = await fetch(request);',
        '    if (response.ok) return response;',
        '    await sleep(computeBackoffDelay(attempt));',
        '  }',
        '}',
        '',
      ].join('\n'),
      'src/backoff.ts': 'export function computeBackoffDelay(attempt: number) {\n  return 2 ** attempt * 100;\n}\n',
    });
    const pack = await previewContext('where is computeBackoffDelay used?', { repoRoot: repo.root, cacheDir: false });
    expect(pack.items.length).toBeGreaterThan(0);
    for (const item of pack.items) expect(item.text.split('\n')[0]).not.toMatch(/^\s*import\b/);
  });
});

describe('snippet boundaries', () => {
  it('skips single- and multi-line imports and require calls', () => {
    const lines = ["import {", '  a,', "} from './a.js';", "const b = require('b');", '', 'export function main() {}'];
    expect(skipImports(lines, 1, lines.length)).toBe(6);
    expect(skipImports(lines.slice(0, 4), 1, 4)).toBe(5);
  });

  it.each([
    ['Java', ['package com.shop.cart;', '', 'import java.util.List;', 'public class Cart {']],
    ['Kotlin', ['package shop.cart', 'import kotlin.math.max', 'class Cart {']],
    ['C#', ['using System;', 'using static System.Math;', 'using Json = System.Text.Json;', 'namespace Shop;', 'public class Cart {']],
    ['PHP', ['<?php', 'namespace App\\Cart;', 'use App\\Models\\Item;', 'final class Cart {']],
    ['Ruby', ["require 'json'", "require_relative 'item'", 'class Cart']],
    ['C', ['#include <stdio.h>', '#include "cart.h"', 'long cart_total(struct cart *c) {']],
    ['Python', ['import os', 'import json, sys', 'from typing import Any', 'from .models import (', '    Cart,', ')', 'app = create_app()']],
    ['Go', ['package main', '', 'import (', '\t"fmt"', '\t"os"', ')', 'var debug = os.Getenv("DEBUG")']],
  ])('skips the %s header (package, imports, usings) before the first definition', (_language, lines) => {
    expect(skipImports(lines, 1, lines.length)).toBe(lines.length);
  });

  it('does not take a C# using statement for an import', () => {
    const lines = ['using (var stream = File.OpenRead(path))', '{', '  Load(stream);', '}'];
    expect(skipImports(lines, 1, lines.length)).toBe(1);
  });

  it('cuts a long unit at the definition that holds its focus, not inside the one before', () => {
    const lines = Array.from({ length: 200 }, (_, index) => `line ${index + 1}`);
    expect(cutStartFor(lines, 1, 150, [1, 40, 120, 170])).toBe(120);
  });

  it('maps builds of one module to one key', () => {
    expect(duplicateKeyOf('libs/rxjs/dist/cjs/internal/operators/map.js')).toBe(duplicateKeyOf('libs/rxjs/src/internal/operators/map.ts'));
    expect(duplicateKeyOf('libs/graphql/jsutils/suggestionList.mjs')).toBe(duplicateKeyOf('libs/graphql/jsutils/suggestionList.js'));
    expect(duplicateKeyOf('docs/readme.md')).toBeUndefined();
  });
});
