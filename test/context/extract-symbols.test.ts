import { describe, expect, it } from 'vitest';
import { chunkFile, MAX_CHUNK_LINES } from '../../src/context/index/chunk-file.js';
import { extractSymbols } from '../../src/context/index/extract-symbols.js';

const definitions = (path: string, text: string) =>
  extractSymbols(path, text).map(({ name, kind, startLine, endLine }) => `${kind} ${name} ${startLine}-${endLine}`);

describe('extractSymbols', () => {
  it('finds TypeScript definitions with the lines they span', () => {
    const text = [
      "import { x } from './x.js';", // 1
      '', // 2
      'export interface Options {', // 3
      '  retries: number;', // 4
      '}', // 5
      'export type Mode = "a" | "b";', // 6
      'export async function fetchWithRetry(url: string, options: Options): Promise<Response> {', // 7
      '  const pattern = /[{(]/;', // 8  (a regex with brackets must not confuse the scan)
      "  const text = `}${url}{`;", // 9
      '  return fetch(url);', // 10
      '}', // 11
      'export const computeDelay = (', // 12
      '  { base, factor }: { base: number; factor: number },', // 13
      '  attempt: number,', // 14
      ') => {', // 15
      '  return base * factor ** attempt;', // 16
      '};', // 17
      'export class Client<T extends { id: string }>', // 18
      '  extends Base', // 19
      '{', // 20
      '  async send(request: T): Promise<void> {', // 21
      '    await this.post(request);', // 22
      '  }', // 23
      '}', // 24
      'export const LIMIT = 10;', // 25
    ].join('\n');
    expect(definitions('src/client.ts', text)).toEqual([
      'interface Options 3-5',
      'type Mode 6-6',
      'function fetchWithRetry 7-11',
      'function computeDelay 12-17',
      'class Client 18-24',
      'method send 21-23',
      'variable LIMIT 25-25',
    ]);
  });

  it('finds CommonJS and object-literal methods in JavaScript', () => {
    const text = ['function Help() {}', 'Help.prototype.format = function (cmd) {', '  return cmd;', '};', 'exports.run = async () => {', '  return 1;', '};'].join('\n');
    expect(definitions('lib/help.js', text)).toEqual(['function Help 1-1', 'method format 2-4', 'function run 5-7']);
  });

  it('does not take calls for method definitions', () => {
    const text = ['function main() {', '  setTimeout(() => {', '    run();', '  }, 10);', "  describe('x', () => {", '  });', '  if (ok) {', '  }', '}'].join('\n');
    expect(definitions('src/main.ts', text)).toEqual(['function main 1-9']);
  });

  it('finds Python definitions by indentation', () => {
    const text = ['MAX_SIZE = 10', '', 'class Store:', '    def get(self, key):', '        return self.data[key]', '', '    def put(self, key, value):', '        self.data[key] = value', '', 'def load_settings(path):', '    return {}'].join('\n');
    expect(definitions('store.py', text)).toEqual(['variable MAX_SIZE 1-1', 'class Store 3-8', 'method get 4-5', 'method put 7-8', 'function load_settings 10-11']);
  });

  it('finds Go definitions', () => {
    const text = ['package cache', '', 'type Cache struct {', '\titems map[string]string', '}', '', 'func (c *Cache) Evict(key string) error {', '\tdelete(c.items, key)', '\treturn nil', '}', '', 'func New() *Cache {', '\treturn &Cache{}', '}'].join('\n');
    expect(definitions('cache.go', text)).toEqual(['struct Cache 3-5', 'method Evict 7-10', 'function New 12-14']);
  });

  it("finds Rust definitions without mistaking lifetimes for strings", () => {
    const text = ["pub struct Lexer<'a> {", "    input: &'a str,", '}', '', "impl<'a> Lexer<'a> {", "    pub fn tokenize(&self) -> Vec<Token<'a>> {", '        vec![]', '    }', '}', '', 'pub enum Token<\'a> {', "    Word(&'a str),", '}'].join('\n');
    expect(definitions('lexer.rs', text)).toEqual(['struct Lexer 1-3', 'impl Lexer 5-9', 'function tokenize 6-8', 'enum Token 11-13']);
  });

  it("finds Java classes, constructors and methods (annotations and generic return types included), not calls or statements", () => {
    const text = [
      "package com.shop.cart;",
      "",
      "import java.util.List;",
      "",
      "/** A customer's cart. */",
      "@Entity",
      "public class Cart extends Base implements Serializable {",
      "    private final List<Item> items = new ArrayList<>();",
      "",
      "    public Cart(String owner) {",
      "        this.owner = owner;",
      "    }",
      "",
      "    @Override",
      "    public Map<String, List<Item>> groupByVendor(int limit) throws IOException {",
      "        if (limit > 0) {",
      "            return items.stream().collect(groupingBy(Item::vendor));",
      "        }",
      "        return helper(limit,",
      "            items);",
      "    }",
      "",
      "    static int total(List<Item> items) {",
      "        int sum = 0;",
      "        for (Item item : items) {",
      "            sum += item.price();",
      "        }",
      "        return sum;",
      "    }",
      "",
      "    abstract void refresh();",
      "",
      "    enum State { OPEN, CLOSED }",
      "}",
      "",
      "interface Priced {",
      "    long price();",
      "}",
      "",
      "record Point(int x, int y) {}",
    ].join('\n');
    expect(definitions("Cart.java", text)).toEqual(["class Cart 7-34", "method Cart 10-12", "method groupByVendor 15-21", "method total 23-29", "enum State 33-33", "interface Priced 36-38", "class Point 40-40"]);
  });

  it("finds Kotlin classes, objects and functions, extension and expression-bodied ones too", () => {
    const text = [
      "package shop",
      "",
      "data class Item(val name: String, val price: Long)",
      "",
      "class Cart(private val owner: String) {",
      "    private val items = mutableListOf<Item>()",
      "",
      "    fun add(item: Item) {",
      "        items.add(item)",
      "    }",
      "",
      "    suspend fun checkout(): Receipt = Receipt(items.sumOf { it.price })",
      "",
      "    companion object {",
      "        const val MAX_ITEMS = 50",
      "    }",
      "}",
      "",
      "fun String.isSku(): Boolean = matches(Regex(\"[A-Z]{3}-\\\\d+\"))",
      "",
      "object Registry {",
      "    fun lookup(id: String): Cart? {",
      "        return null",
      "    }",
      "}",
    ].join('\n');
    expect(definitions("Cart.kt", text)).toEqual(["class Item 3-3", "class Cart 5-17", "function add 8-10", "function checkout 12-12", "function isSku 19-19", "class Registry 21-25", "function lookup 22-24"]);
  });

  it("finds C# types and methods with their bodies on the next line (Allman style)", () => {
    const text = [
      "using System.Linq;",
      "",
      "namespace Shop.Carts",
      "{",
      "    [Serializable]",
      "    public sealed class Cart : ICart",
      "    {",
      "        private readonly List<Item> _items = new();",
      "",
      "        public Cart(string owner)",
      "        {",
      "            Owner = owner;",
      "        }",
      "",
      "        public string Owner { get; }",
      "",
      "        public async Task<decimal> TotalAsync(CancellationToken token)",
      "        {",
      "            foreach (var item in _items)",
      "            {",
      "                await item.LoadAsync(token);",
      "            }",
      "            return _items.Sum(i => i.Price);",
      "        }",
      "",
      "        internal static bool IsEmpty(Cart cart) => cart._items.Count == 0;",
      "    }",
      "",
      "    public interface ICart",
      "    {",
      "        Task<decimal> TotalAsync(CancellationToken token);",
      "    }",
      "",
      "    public record struct Money(decimal Amount);",
      "}",
    ].join('\n');
    expect(definitions("Cart.cs", text)).toEqual(["module Shop.Carts 3-35", "class Cart 6-27", "method Cart 10-13", "method TotalAsync 17-24", "method IsEmpty 26-26", "interface ICart 29-32", "struct Money 34-34"]);
  });

  it("finds C functions, structs and function-like macros", () => {
    const text = [
      "#include <stdio.h>",
      "#include \"cart.h\"",
      "",
      "#define MAX(a, b) ((a) > (b) ? (a) : (b))",
      "",
      "struct cart {",
      "    int count;",
      "    long total;",
      "};",
      "",
      "static int parse_header(const char *line, size_t len)",
      "{",
      "    if (len == 0) {",
      "        return -1;",
      "    }",
      "    return (int)len;",
      "}",
      "",
      "long cart_total(struct cart *c) {",
      "    long sum = 0;",
      "    for (int i = 0; i < c->count; i++) {",
      "        sum += price_of(c, i);",
      "    }",
      "    return sum;",
      "}",
      "",
      "enum state { OPEN, CLOSED };",
    ].join('\n');
    expect(definitions("cart.c", text)).toEqual(["function MAX 4-4", "struct cart 6-9", "function parse_header 11-17", "function cart_total 19-25"]);
  });

  it("finds C++ classes, members defined outside their class, and templates", () => {
    const text = [
      "#include <vector>",
      "",
      "namespace shop {",
      "",
      "class Cart : public Base {",
      " public:",
      "  explicit Cart(std::string owner);",
      "  virtual ~Cart();",
      "  std::vector<Item> items() const {",
      "    return items_;",
      "  }",
      " private:",
      "  std::vector<Item> items_;",
      "};",
      "",
      "Cart::Cart(std::string owner) : owner_(std::move(owner)) {",
      "  reserve(8);",
      "}",
      "",
      "std::string Cart::describe() const {",
      "  return owner_ + \": \" + std::to_string(items_.size());",
      "}",
      "",
      "template <typename T>",
      "T clamp_value(T value, T low, T high) {",
      "  return value < low ? low : (value > high ? high : value);",
      "}",
      "",
      "}  // namespace shop",
    ].join('\n');
    expect(definitions("cart.cpp", text)).toEqual(["module shop 3-4", "class Cart 5-14", "function items 9-11", "method Cart 16-18", "function describe 20-22", "function clamp_value 25-27"]);
  });

  it("finds PHP classes and functions, whatever braces hide in its strings and comments", () => {
    const text = [
      "<?php",
      "",
      "namespace App\\Cart;",
      "",
      "use App\\Models\\Item;",
      "",
      "#[Entity]",
      "final class Cart",
      "{",
      "    private array $items = [];",
      "",
      "    public function add(Item $item): void",
      "    {",
      "        // a '{' in a comment",
      "        $this->items[] = $item;",
      "    }",
      "",
      "    public static function fromSession(array $data): self",
      "    {",
      "        $label = 'total: {';",
      "        return new self();",
      "    }",
      "}",
      "",
      "function cart_helper($x) {",
      "    return $x;",
      "}",
    ].join('\n');
    expect(definitions("Cart.php", text)).toEqual(["class Cart 8-23", "function add 12-16", "function fromSession 18-22", "function cart_helper 25-27"]);
  });

  it("finds Swift types, extensions and functions", () => {
    const text = [
      "import Foundation",
      "",
      "public struct Item {",
      "    let name: String",
      "    let price: Decimal",
      "}",
      "",
      "final class Cart {",
      "    private var items: [Item] = []",
      "",
      "    func add(_ item: Item) {",
      "        items.append(item)",
      "    }",
      "",
      "    @discardableResult",
      "    public func total() -> Decimal {",
      "        return items.reduce(0) { $0 + $1.price }",
      "    }",
      "}",
      "",
      "protocol Priced {",
      "    var price: Decimal { get }",
      "}",
      "",
      "extension Cart: CustomStringConvertible {",
      "    var description: String { \"Cart(\\(items.count))\" }",
      "}",
    ].join('\n');
    expect(definitions("Cart.swift", text)).toEqual(["struct Item 3-6", "class Cart 8-19", "function add 11-13", "function total 16-18", "interface Priced 21-23", "impl Cart 25-27"]);
  });

  it("finds Ruby modules, classes and methods, each ending at its own `end`", () => {
    const text = [
      "require 'json'",
      "",
      "module Shop",
      "  class Cart",
      "    MAX_ITEMS = 50",
      "",
      "    def initialize(owner)",
      "      @owner = owner",
      "      @items = []",
      "    end",
      "",
      "    def add(item)",
      "      @items << item if item.valid?",
      "    end",
      "",
      "    def self.from_json(text)",
      "      data = JSON.parse(text)",
      "      new(data['owner'])",
      "    end",
      "",
      "    def empty? = @items.empty?",
      "  end",
      "end",
    ].join('\n');
    expect(definitions("cart.rb", text)).toEqual(["module Shop 3-23", "class Cart 4-22", "function initialize 7-10", "function add 12-14", "function from_json 16-19", "function empty? 21-21"]);
  });

  it("finds Dart classes, enums, methods and top-level functions", () => {
    const text = [
      "import 'package:flutter/material.dart';",
      "",
      "/// A shopping cart.",
      "class Cart extends ChangeNotifier {",
      "  final List<Item> _items = [];",
      "",
      "  int get count => _items.length;",
      "",
      "  void add(Item item) {",
      "    _items.add(item);",
      "    notifyListeners();",
      "  }",
      "",
      "  Future<Receipt> checkout(PaymentMethod method) async {",
      "    final total = _items.fold(0, (sum, item) => sum + item.price);",
      "    return Receipt(total: total, label: 'paid {total}');",
      "  }",
      "}",
      "",
      "enum Status { open, closed }",
      "",
      "String formatPrice(int cents) {",
      "  return '\\$${cents / 100}';",
      "}",
    ].join('\n');
    expect(definitions("cart.dart", text)).toEqual(["class Cart 4-18", "function add 9-12", "function checkout 14-17", "enum Status 20-20", "function formatPrice 22-24"]);
  });

  it("finds Scala classes, objects, traits and defs, bodiless ones ending before the closing brace", () => {
    const text = [
      "package shop",
      "",
      "case class Item(name: String, price: Long)",
      "",
      "class Cart(owner: String) {",
      "  private var items = List.empty[Item]",
      "",
      "  def add(item: Item): Unit = {",
      "    items = item :: items",
      "  }",
      "",
      "  def total: Long = items.map(_.price).sum",
      "}",
      "",
      "object Cart {",
      "  def empty(owner: String): Cart = new Cart(owner)",
      "}",
      "",
      "trait Priced {",
      "  def price: Long",
      "}",
    ].join('\n');
    expect(definitions("Cart.scala", text)).toEqual(["class Item 3-3", "class Cart 5-13", "function add 8-10", "function total 12-12", "class Cart 15-17", "function empty 16-16", "trait Priced 19-21", "function price 20-20"]);
  });

  it("finds shell functions in both spellings, whatever braces hide in comments and quotes", () => {
    const text = [
      "#!/usr/bin/env bash",
      "set -euo pipefail",
      "",
      "log() {",
      "  echo \"[deploy] $*\" >&2",
      "}",
      "",
      "function wait_for_rollout {",
      "  local name=$1 # a '{' in a comment",
      "  kubectl rollout status \"deployment/${name}\" --timeout=120s",
      "}",
      "",
      "main() {",
      "  log 'starting {'",
      "  wait_for_rollout cart",
      "}",
      "",
      "main \"$@\"",
    ].join('\n');
    expect(definitions("deploy.sh", text)).toEqual(["function log 4-6", "function wait_for_rollout 8-11", "function main 13-16"]);
  });

  it("finds Lua functions (module, method and local ones), each ending at its `end`", () => {
    const text = [
      "local Cart = {}",
      "Cart.__index = Cart",
      "",
      "function Cart.new(owner)",
      "  local self = setmetatable({}, Cart)",
      "  self.owner = owner",
      "  return self",
      "end",
      "",
      "function Cart:add(item)",
      "  table.insert(self.items, item)",
      "end",
      "",
      "local function total(items)",
      "  local sum = 0",
      "  for _, item in ipairs(items) do",
      "    sum = sum + item.price",
      "  end",
      "  return sum",
      "end",
      "",
      "return Cart",
    ].join('\n');
    expect(definitions("cart.lua", text)).toEqual(["function new 4-8", "function add 10-12", "function total 14-20"]);
  });

  it("finds Elixir modules and functions, each ending at its `end`", () => {
    const text = [
      "defmodule Shop.Cart do",
      "  @moduledoc \"A customer's cart.\"",
      "",
      "  defstruct owner: nil, items: []",
      "",
      "  def add(cart, item) do",
      "    %{cart | items: [item | cart.items]}",
      "  end",
      "",
      "  defp total(items) do",
      "    Enum.reduce(items, 0, fn item, sum -> sum + item.price end)",
      "  end",
      "",
      "  def empty?(cart), do: cart.items == []",
      "end",
    ].join('\n');
    expect(definitions("cart.ex", text)).toEqual(["module Cart 1-15", "function add 6-8", "function total 10-12", "function empty? 14-14"]);
  });

  it("finds the definitions in a Vue or Svelte component's script, not in its markup", () => {
    const text = [
      '<template>',
      '  <button @click="addItem(item)">{{ label }}</button>',
      '</template>',
      '<script setup lang="ts">',
      "import { ref } from 'vue';",
      'const count = ref(0);',
      'function addItem(item: Item) {',
      '  count.value++;',
      '}',
      '</script>',
    ].join('\n');
    expect(definitions('src/components/Cart.vue', text)).toEqual(['variable count 6-6', 'function addItem 7-9']);
    expect(definitions('src/lib/Cart.svelte', text)).toEqual(['variable count 6-6', 'function addItem 7-9']);
  });

  it('reads files with Windows line endings', () => {
    const text = ['export const run = () => {', '  return 1;', '};', 'class A {', '  method() {', '  }', '}'].join('\r\n');
    expect(definitions('a.ts', text)).toEqual(['function run 1-3', 'class A 4-7', 'method method 5-6']);
  });

  it('knows nothing about languages without rules (they are chunked by windows)', () => {
    expect(extractSymbols('notes.txt', '# Title\nfunction x() {}')).toEqual([]);
    expect(extractSymbols('schema.sql', 'CREATE FUNCTION x() ...')).toEqual([]);
  });

  it('reads Markdown as sections named by their headings, ignoring fenced code', () => {
    const text = [
      '# Your first day', // 1
      'Install Node.', // 2
      '## Access', // 3
      'Ask for **staging** access.', // 4
      '```sh', // 5
      '# not a heading', // 6
      '```', // 7
      '## The `pnpm` [workspace](docs/ws.md) ##', // 8
      'Run pnpm install.', // 9
      '# Second week', // 10
      'Shadow on-call.', // 11
    ].join('\n');
    expect(definitions('docs/onboarding.md', text)).toEqual([
      'section Your first day 1-9',
      'section Access 3-7',
      'section The pnpm workspace 8-9',
      'section Second week 10-11',
    ]);
  });
});

describe('chunkFile', () => {
  it('covers every non-blank line once, with definitions whole', () => {
    const lines = ['import a;', '', 'function one() {', '  return 1;', '}', '', 'const x = 1;', 'function two() {', '}'];
    const symbols = extractSymbols('a.ts', lines.join('\n'));
    const chunks = chunkFile(symbols, lines);
    expect(chunks.map(({ startLine, endLine }) => `${startLine}-${endLine}`)).toEqual(['1-1', '3-5', '7-7', '8-9']);
  });

  it("keeps a definition's doc comment and decorators with it", () => {
    const lines = ['const a = 1;', '', '/**', ' * Why this exists.', ' */', '@memoize()', 'export function documented() {', '  return a;', '}'];
    const symbols = extractSymbols('a.ts', lines.join('\n'));
    expect(chunkFile(symbols, lines).map(({ startLine, endLine }) => `${startLine}-${endLine}`)).toEqual(['1-1', '3-9']);
  });

  it("keeps a C# method's attributes and a Java method's annotation with it", () => {
    // Classes over 120 lines are chunked by member; the attribute lines above a member are its own.
    const filler = (open: string) => Array.from({ length: 40 }, (_, n) => [`    int Count${n}()${open}`, `        return ${n};`, '    }']).flat();
    const csharp = ['class Api', '{', ...filler(' {'), '    [HttpGet("{id}")]', '    [Authorize]', '    public Item Get(int id)', '    {', '        return Find(id);', '    }', '}'];
    const java = ['class Api {', ...filler(' {'), '    @GetMapping("/items")', '    public Item get(int id) {', '        return find(id);', '    }', '}'];
    const chunkOf = (path: string, lines: string[], name: string) => {
      const symbols = extractSymbols(path, lines.join('\n'));
      const index = symbols.findIndex((symbol) => symbol.name === name);
      return chunkFile(symbols, lines).find((chunk) => chunk.symbol === index);
    };
    expect(chunkOf('Api.cs', csharp, 'Get')).toMatchObject({ startLine: 123, endLine: 128 });
    expect(chunkOf('Api.java', java, 'get')).toMatchObject({ startLine: 122, endLine: 125 });
  });

  it('splits a long class into its members', () => {
    const methods = Array.from({ length: 8 }, (_, index) => [`  method${index}() {`, ...Array.from({ length: 18 }, () => '    work();'), '  }']).flat();
    const lines = ['class Big {', ...methods, '}'];
    const symbols = extractSymbols('big.ts', lines.join('\n'));
    const chunks = chunkFile(symbols, lines);
    expect(lines.length).toBeGreaterThan(MAX_CHUNK_LINES);
    expect(chunks.every((chunk) => chunk.endLine - chunk.startLine + 1 <= MAX_CHUNK_LINES)).toBe(true);
    expect(chunks.filter((chunk) => symbols[chunk.symbol]?.kind === 'method')).toHaveLength(8);
  });
});
